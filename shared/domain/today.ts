/** What the Today screen shows: counts that come straight from the book. */
export interface TodayCounts {
  people: number;
  companies: number;
  callsToday: number;
  connectedToday: number;
  tasksDueToday: number;
  tasksOverdue: number;
  openTasks: number;
  /** Support cases open or waiting on the customer, and those of them past their due date. */
  casesOpen: number;
  casesOverdue: number;
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

/**
 * A person to call today: they have an open call task due today or earlier. The list is ordered by
 * when each can be called: inside their calling window now first (the window closing soonest
 * first), then by when their window next opens, then people with no window.
 */
export interface CallDue {
  personId: string;
  name: string;
  companyName: string | null;
  /** The person's first phone, for click-to-call. */
  phone: string | null;
  /** The call task that makes the call due (the earliest, when there are several). */
  taskId: string;
  /** Why to call: the task's title. */
  reason: string;
  dueDate: string;
  overdue: boolean;
  /** How many open call tasks for this person are due. */
  taskCount: number;
  /** Their calling window in their own time, e.g. "Mon–Fri 09:00–17:00 (Europe/London)"; null when none. */
  window: string | null;
  /** Inside their calling window right now. */
  callableNow: boolean;
  /** When their window next opens (epoch ms), or null when they have none; now when callable now. */
  windowOpensAt: number | null;
  doNotCall: boolean;
}

export interface TodaySummary {
  date: string;
  counts: TodayCounts;
  recentCalls: RecentCall[];
  dueTasks: DueTask[];
  /** People to call today, in calling order (at most 100). */
  callsDue: CallDue[];
}
