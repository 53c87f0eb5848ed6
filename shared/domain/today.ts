/** What the Today screen shows: counts that come straight from the book. */
export interface TodayCounts {
  people: number;
  companies: number;
  callsToday: number;
  connectedToday: number;
  tasksDueToday: number;
  tasksOverdue: number;
  openTasks: number;
}

export interface RecentCall {
  id: string;
  personId: string | null;
  personName: string;
  direction: 'in' | 'out';
  startedAt: number;
  durationS: number;
  outcome: string;
  staffName: string | null;
}

export interface DueTask {
  id: string;
  title: string;
  dueDate: string;
  personName: string | null;
  assigneeName: string | null;
  overdue: boolean;
}

export interface TodaySummary {
  date: string;
  counts: TodayCounts;
  recentCalls: RecentCall[];
  dueTasks: DueTask[];
}
