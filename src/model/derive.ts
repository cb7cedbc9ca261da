/** Pure helpers over the API records: filters, dates, who to ask. */
import {
  IActivity,
  IGroup,
  IMember,
  IMilestone,
  ISnapshotSummary,
  ITask,
  Role
} from './types';

export type TaskFilter = 'all' | 'mine' | 'next';

/** Tasks of a milestone that a filter keeps. */
export function filterTasks(
  tasks: readonly ITask[],
  filter: TaskFilter,
  username: string | null
): ITask[] {
  switch (filter) {
    case 'mine':
      return tasks.filter(t => isMine(t, username));
    case 'next':
      return tasks.filter(t => t.next_session);
    default:
      return [...tasks];
  }
}

/** A task I claimed, or my personal task. */
export function isMine(task: ITask, username: string | null): boolean {
  return (
    username !== null &&
    (task.owner === username || task.claimed_by.includes(username))
  );
}

/** Whole days from `today` until a `YYYY-MM-DD` date (negative when past). */
export function daysUntil(date: string, today: Date = new Date()): number {
  const [y, m, d] = date.split('-').map(Number);
  const due = Date.UTC(y, m - 1, d);
  const now = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  return Math.round((due - now) / 86_400_000);
}

/** The milestone the group works on: the active one, else the first not done. */
export function currentMilestone(
  milestones: readonly IMilestone[]
): IMilestone | null {
  const ordered = [...milestones].sort(
    (a, b) => a.position - b.position || a.id - b.id
  );
  return (
    ordered.find(m => m.status === 'active') ??
    ordered.find(m => m.status === 'planned') ??
    null
  );
}

/** Organizers and mentors: the people a newcomer asks. */
/**
 * A group with nothing left to do: finished or archived, or every task done. Its deadline
 * is then history, not a countdown, and its "stage" is the end of the plan.
 */
export function isGroupDone(
  group: Pick<IGroup, 'status' | 'progress'>
): boolean {
  return (
    group.status === 'finished' ||
    group.status === 'archived' ||
    isPlanComplete(group)
  );
}

/**
 * Every task of the plan done, as the server counted it (its `complete`). A finished
 * group whose plan is not complete is finished, not "completed".
 */
export function isPlanComplete(group: Pick<IGroup, 'progress'>): boolean {
  return group.progress.tasks_total > 0 && group.progress.complete === true;
}

/** Where the stage goes when no milestone is current: the plan's end, or nothing. */
export function noStageLabel(
  group: Pick<IGroup, 'status' | 'progress'>
): 'complete' | 'finished' | null {
  return isPlanComplete(group)
    ? 'complete'
    : isGroupDone(group)
      ? 'finished'
      : null;
}

export function whoToAsk(group: IGroup): IMember[] {
  const rank: Partial<Record<Role, number>> = { organizer: 0, mentor: 1 };
  return (group.members ?? [])
    .filter(m => rank[m.role] !== undefined)
    .sort((a, b) => (rank[a.role] ?? 9) - (rank[b.role] ?? 9));
}

/** Activity that tells a newcomer what was done lately (not votes or joins). */
export function recentWork(
  activity: readonly IActivity[],
  limit = 5
): IActivity[] {
  const kinds =
    /^(task\.completed|milestone\.|snapshot\.|proposal\.adopted|task\.created)/;
  return activity.filter(a => kinds.test(a.kind)).slice(0, limit);
}

/** An archived group is read-only history until an organizer brings it back. */
export function isArchived(group: Pick<IGroup, 'status'>): boolean {
  return group.status === 'archived';
}

/**
 * My role as far as writing to the group goes: null in an archived group, where the
 * server refuses every write (409 "archived") but reading, leaving and bringing it back.
 * Gate write actions on this; show who I am with `my_role`.
 */
export function actingRole(
  group: Pick<IGroup, 'status' | 'my_role'>
): Role | null {
  return isArchived(group) ? null : group.my_role;
}

/** Organizers bring an archived group back (the server's ARCHIVE_GROUP permission). */
export function canBringBack(
  group: Pick<IGroup, 'status' | 'my_role'>
): boolean {
  return isArchived(group) && group.my_role === 'organizer';
}

export function canEditPlan(group: IGroup): boolean {
  return actingRole(group) === 'organizer';
}

/** Members who may claim tasks, add personal tasks and work on them. */
export function canWork(group: IGroup): boolean {
  const role = actingRole(group);
  return role === 'organizer' || role === 'participant' || role === 'mentor';
}

/**
 * Tasks a newcomer can take at once in the stage the group works on: open shared ones
 * nobody took yet, and "everyone does this one" tasks whose part of mine is not done;
 * those picked for the next session first.
 */
export function freeTasks(
  milestones: readonly IMilestone[],
  username: string | null,
  limit = 3
): ITask[] {
  const stage = currentMilestone(milestones);
  return (stage?.tasks ?? [])
    .filter(
      t =>
        t.status !== 'done' &&
        !t.personal &&
        (t.per_member
          ? !(t.completed_by ?? []).includes(username ?? '')
          : t.claimed_by.length === 0)
    )
    .sort((a, b) => Number(b.next_session) - Number(a.next_session))
    .slice(0, limit);
}

/** My open tasks in one group (for the status bar). */
export function openTasksIn(tasks: readonly ITask[], groupId: number): ITask[] {
  return tasks.filter(t => t.group_id === groupId && t.status !== 'done');
}

/** The summary of an activity without the actor's name when the server repeats it. */
export function activitySummary(activity: IActivity): string {
  const { actor, summary } = activity;
  return summary.startsWith(`${actor} `)
    ? summary.slice(actor.length + 1)
    : summary;
}

/** What a task's row shows of its work: my newest snapshot on it and the task's newest. */
export interface ITaskWork {
  /** My newest snapshot on the task: its path is my notebook for it, renamed or not. */
  mine: ISnapshotSummary | null;
  /** The newest snapshot anyone committed on the task (may be mine). */
  latest: ISnapshotSummary | null;
}

/** The task's work out of the view's `taskSnapshots` (newest first, from the server). */
export function taskWork(
  taskSnapshots: readonly ISnapshotSummary[],
  taskId: number,
  username: string | null
): ITaskWork {
  const onTask = taskSnapshots.filter(s => s.task_id === taskId);
  return {
    mine: onTask.find(s => username !== null && s.author === username) ?? null,
    latest: onTask[0] ?? null
  };
}
