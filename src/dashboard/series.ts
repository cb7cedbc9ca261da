import { IActivity, ITaskInfo } from './api';

/** A point of a step series: at time `t` (ms since epoch) the value became `v`. */
export interface IPoint {
  t: number;
  v: number;
}

export interface IBurnUp {
  /** Done weight over time (group tasks). */
  done: IPoint[];
  /** Total planned weight over time (the scope grows as tasks are added). */
  scope: IPoint[];
  /** Straight line from nothing at the start to today's scope at the deadline. */
  ideal: [IPoint, IPoint] | null;
  start: number;
  /** The later of the deadline and today. */
  end: number;
  deadline: number | null;
  today: number;
  /** Largest value on either series, for the y axis. */
  max: number;
}

export interface IBurnUpInput {
  tasks: ITaskInfo[];
  /** Used for done tasks whose record has no `done_at`. */
  activity?: IActivity[];
  start: string | null;
  deadline: string | null;
  now?: number;
}

const DAY = 24 * 3600 * 1000;

function time(value: string | null | undefined): number | null {
  if (!value) {
    return null;
  }
  // Dates without a time are days in UTC ("2026-12-01").
  const t = Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
  return isNaN(t) ? null : t;
}

/** When each done task was completed: its `done_at`, else its latest completion event. */
export function completionTimes(
  tasks: ITaskInfo[],
  activity: IActivity[] = []
): Map<number, number> {
  const fromFeed = new Map<number, number>();
  for (const a of activity) {
    const id = Number(a.subject?.task_id);
    const t = time(a.created_at);
    if (a.kind === 'task.completed' && !isNaN(id) && t !== null) {
      fromFeed.set(id, Math.max(fromFeed.get(id) ?? 0, t));
    }
  }
  const times = new Map<number, number>();
  for (const task of tasks) {
    if (task.status !== 'done') {
      continue;
    }
    const t = time(task.done_at) ?? fromFeed.get(task.id);
    if (t !== undefined && t !== null) {
      times.set(task.id, t);
    }
  }
  return times;
}

/** Turn (time, delta) events into a cumulative step series starting at `start`. */
export function cumulative(
  events: Array<{ t: number; d: number }>,
  start: number
): IPoint[] {
  const sorted = [...events].sort((a, b) => a.t - b.t);
  const points: IPoint[] = [{ t: start, v: 0 }];
  let v = 0;
  for (const e of sorted) {
    v += e.d;
    const t = Math.max(e.t, start);
    const last = points[points.length - 1];
    if (last.t === t) {
      last.v = v;
    } else {
      points.push({ t, v });
    }
  }
  return points;
}

/**
 * The burn-up of a group: group tasks only (personal tasks count towards their owner,
 * not the plan), weighted like the progress bars. Derived from the task records'
 * `created_at` / `done_at`, falling back to the activity feed for completion times.
 */
export function burnUp(input: IBurnUpInput): IBurnUp {
  const today = input.now ?? Date.now();
  const tasks = input.tasks.filter(t => !t.owner);
  const created = tasks.map(t => time(t.created_at) ?? today);
  const deadline = time(input.deadline);
  const start = Math.min(
    time(input.start) ?? Math.min(today, ...created),
    ...created,
    today
  );
  const doneAt = completionTimes(tasks, input.activity);
  const scope = cumulative(
    tasks.map((t, i) => ({ t: created[i], d: t.weight })),
    start
  );
  const done = cumulative(
    tasks
      .filter(t => t.status === 'done')
      .map(t => ({ t: doneAt.get(t.id) ?? today, d: t.weight })),
    start
  );
  const total = scope[scope.length - 1].v;
  const end = Math.max(deadline ?? today, today, start + DAY);
  return {
    done,
    scope,
    ideal:
      deadline !== null && deadline > start
        ? [
            { t: start, v: 0 },
            { t: deadline, v: total }
          ]
        : null,
    start,
    end,
    deadline,
    today,
    max: Math.max(1, total, done[done.length - 1].v)
  };
}

export interface IContribution {
  username: string;
  snapshots: number;
  tasksDone: number;
}

/**
 * Snapshots and finished tasks per member. A done task counts for each of its claimants
 * (or its owner); an unclaimed one for whoever marked it done in the feed.
 */
export function contributions(
  members: string[],
  tasks: ITaskInfo[],
  snapshotAuthors: string[],
  activity: IActivity[] = []
): IContribution[] {
  const rows = new Map<string, IContribution>();
  const row = (username: string) => {
    let found = rows.get(username);
    if (!found) {
      found = { username, snapshots: 0, tasksDone: 0 };
      rows.set(username, found);
    }
    return found;
  };
  members.forEach(row);
  snapshotAuthors.forEach(author => row(author).snapshots++);
  const completer = new Map<number, string>();
  for (const a of [...activity].reverse()) {
    if (a.kind === 'task.completed') {
      completer.set(Number(a.subject?.task_id), a.actor);
    }
  }
  for (const task of tasks.filter(t => t.status === 'done')) {
    const people = task.owner
      ? [task.owner]
      : task.claimed_by.length > 0
        ? task.claimed_by
        : [completer.get(task.id)].filter((u): u is string => !!u);
    people.forEach(u => row(u).tasksDone++);
  }
  return [...rows.values()].sort(
    (a, b) =>
      b.snapshots + b.tasksDone - (a.snapshots + a.tasksDone) ||
      a.username.localeCompare(b.username)
  );
}
