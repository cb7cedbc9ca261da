import { SnapshotAPI } from '../snapshots/api';
import {
  GroupAPI,
  IActivity,
  IGroupInfo,
  IMilestoneInfo,
  ITaskInfo
} from './api';
import { burnUp, contributions, IBurnUp, IContribution } from './series';

/** Everything the dashboard draws, for one group. */
export interface IDashboardData {
  group: IGroupInfo;
  milestones: IMilestoneInfo[];
  burnUp: IBurnUp;
  contributions: IContribution[];
  /** True when snapshot counts come from the activity feed (no history API). */
  snapshotsFromFeed: boolean;
}

/** Snapshot authors of the group: from the history API, else from the activity feed. */
async function snapshotAuthors(
  groupId: number,
  activity: IActivity[]
): Promise<{ authors: string[]; fromFeed: boolean }> {
  try {
    const authors: string[] = [];
    let before: number | null = null;
    do {
      const page = await SnapshotAPI.history(groupId, { limit: 200, before });
      authors.push(...page.items.map(s => s.author));
      before = page.next;
    } while (before !== null && authors.length < 5000);
    return { authors, fromFeed: false };
  } catch {
    return {
      authors: activity
        .filter(a => a.kind === 'snapshot.committed')
        .map(a => a.actor),
      fromFeed: true
    };
  }
}

export async function loadDashboard(
  groupId: number,
  now = Date.now()
): Promise<IDashboardData> {
  const [group, milestones, activity] = await Promise.all([
    GroupAPI.group(groupId),
    GroupAPI.milestones(groupId),
    GroupAPI.activity(groupId).catch(() => [] as IActivity[])
  ]);
  const tasks: ITaskInfo[] = milestones.flatMap(m => m.tasks ?? []);
  const snaps = await snapshotAuthors(groupId, activity);
  const members = (group.members ?? []).map(m => m.username);
  return {
    group,
    milestones: [...milestones].sort((a, b) => a.position - b.position),
    burnUp: burnUp({
      tasks,
      activity,
      start: group.start_date ?? group.created_at,
      deadline: group.deadline,
      now
    }),
    contributions: contributions(members, tasks, snaps.authors, activity),
    snapshotsFromFeed: snaps.fromFeed
  };
}
