/** Every handler of the activity domain (calls, lists, tasks, reminders, notes, timelines). */
export const activityHandlers = {};
