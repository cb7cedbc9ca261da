import { ServerConnection } from '@jupyterlab/services';

import { GroupAPI, IGroupInfo, IMilestoneInfo } from './api';
import { IMemberProgress } from './members';
import { burnUpOf, contributionsOf, IBurnUp, IContribution } from './series';

/** Everything the dashboard draws, for one group. */
export interface IDashboardData {
  group: IGroupInfo;
  milestones: IMilestoneInfo[];
  burnUp: IBurnUp;
  contributions: IContribution[];
  /** Each member's own progress (claimed, personal and everyone's tasks). */
  members: IMemberProgress[];
}

/**
 * Two requests, whatever the group's size: the group (title, deadline) and its progress
 * series, in which the server has counted everything (progress, burn-up, contributions).
 */
export async function loadDashboard(
  groupId: number,
  now = Date.now(),
  settings?: ServerConnection.ISettings
): Promise<IDashboardData> {
  const [group, series] = await Promise.all([
    GroupAPI.group(groupId, settings),
    GroupAPI.series(groupId, settings)
  ]);
  return {
    // The figures of the same answer as the series, so the summary and the chart agree.
    group: { ...group, progress: series.group },
    milestones: series.milestones.map(m => ({
      id: m.id,
      title: m.title,
      due: m.due,
      progress: m
    })),
    burnUp: burnUpOf(series, now),
    contributions: contributionsOf(series),
    members: series.members
  };
}
