/**
 * Row types of every table, as kysely sees them. Booleans are INTEGER 0/1,
 * instants INTEGER epoch ms, calendar dates TEXT YYYY-MM-DD (see DESIGN.md).
 */
export interface SettingsTable {
  key: string;
  value: string; // JSON
}

export interface StaffTable {
  id: string;
  name: string;
  email: string | null;
  role: string;
  active: number;
  created_at: number;
  updated_at: number;
  created_by: string | null;
  updated_by: string | null;
}

export interface ChangesTable {
  seq: number;
  tbl: string;
  row_id: string;
  op: 'insert' | 'update' | 'delete';
  staff_id: string | null;
  at: number;
}

export interface CompaniesTable {
  id: string;
  name: string;
  domain: string | null;
  created_at: number;
  updated_at: number;
  created_by: string | null;
  updated_by: string | null;
  deleted_at: number | null;
}

export interface PeopleTable {
  id: string;
  given_name: string;
  family_name: string;
  display_name: string;
  company_id: string | null;
  job_title: string | null;
  stage: string;
  owner_id: string | null;
  created_at: number;
  updated_at: number;
  created_by: string | null;
  updated_by: string | null;
  deleted_at: number | null;
}

export interface CallsTable {
  id: string;
  person_id: string | null;
  company_id: string | null;
  staff_id: string | null;
  direction: 'in' | 'out';
  started_at: number;
  duration_s: number;
  purpose: string | null;
  outcome: string;
  response: string | null;
  summary: string;
  created_at: number;
  updated_at: number;
  created_by: string | null;
  updated_by: string | null;
  deleted_at: number | null;
}

export interface TasksTable {
  id: string;
  type: string;
  title: string;
  due_date: string | null;
  due_at: number | null;
  priority: number;
  person_id: string | null;
  company_id: string | null;
  assignee_id: string | null;
  done_at: number | null;
  created_at: number;
  updated_at: number;
  created_by: string | null;
  updated_by: string | null;
  deleted_at: number | null;
}

export interface DB {
  settings: SettingsTable;
  staff: StaffTable;
  changes: ChangesTable;
  companies: CompaniesTable;
  people: PeopleTable;
  calls: CallsTable;
  tasks: TasksTable;
}
