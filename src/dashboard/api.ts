import { ServerConnection } from '@jupyterlab/services';

import { requestAPI } from '../api';
import type { IActivity, IActivityPage, IProgress } from '../model/types';

/** The group facts the dashboard and the commit dialog read (see schema/openapi.json). */

export interface ITaskInfo {
  id: number;
  group_id: number;
  milestone_id: number;
  title: string;
  weight: number;
  status: 'todo' | 'doing' | 'done' | string;
  personal?: boolean;
  /** "Everyone does this one": each member marks their own part done. */
  per_member?: boolean;
  owner: string | null;
  claimed_by: string[];
  notebooks?: string[];
  created_at: string | null;
  done_at: string | null;
}

/** A progress figure as the server computes it (schema `Progress`): the sidebar's type. */
export type IProgressInfo = IProgress;

export interface IMilestoneInfo {
  id: number;
  title: string;
  due: string | null;
  group_id?: number;
  position?: number;
  status?: string;
  progress: IProgressInfo;
  tasks?: ITaskInfo[];
}

/** A milestone's line of the progress report: its figures flat beside id, title, due. */
export interface IMilestoneProgress extends IProgressInfo {
  id: number;
  title: string;
  due: string | null;
}

export interface ISeriesPoint {
  at: string;
  value: number;
}

/** GET /groups/{id}/progress/series (schema `ProgressSeries`). */
export interface IProgressSeries {
  group_id: number;
  group: IProgressInfo;
  milestones: IMilestoneProgress[];
  members: Array<IProgressInfo & { username: string; role: string }>;
  start: string;
  end: string;
  deadline: string | null;
  done: ISeriesPoint[];
  scope: ISeriesPoint[];
  ideal: ISeriesPoint[] | null;
  done_weight: number;
  total_weight: number;
  contributions: Array<{
    username: string;
    snapshots: number;
    tasks_done: number;
  }>;
}

export interface IGroupInfo {
  id: number;
  title: string;
  deadline: string | null;
  start_date: string | null;
  created_at: string | null;
  my_role: string | null;
  status?: string;
  progress?: IProgressInfo;
  members?: Array<{ username: string; role: string; joined_at?: string }>;
}

// The activity feed's shapes are the sidebar model's: one definition of the API.
export type { IActivity, IActivityPage } from '../model/types';

export interface IMe {
  user: { username: string; display_name: string };
  groups: IGroupInfo[];
}

type Settings = ServerConnection.ISettings | undefined;

function call<T>(path: string, query: any, settings: Settings): Promise<T> {
  return settings
    ? requestAPI<T>(path, { query }, settings)
    : requestAPI<T>(path, { query });
}

export namespace GroupAPI {
  export function me(settings?: Settings): Promise<IMe> {
    return call<IMe>('me', {}, settings);
  }

  export function group(id: number, settings?: Settings): Promise<IGroupInfo> {
    return call<IGroupInfo>(`groups/${id}`, {}, settings);
  }

  /** Progress, burn-up and contributions, all computed by the server. */
  export function series(
    id: number,
    settings?: Settings
  ): Promise<IProgressSeries> {
    return call<IProgressSeries>(`groups/${id}/progress/series`, {}, settings);
  }

  /** The group's milestones in plan order, each with its tasks. */
  export async function milestones(
    id: number,
    settings?: Settings
  ): Promise<IMilestoneInfo[]> {
    const answer = await call<
      IMilestoneInfo[] | { milestones: IMilestoneInfo[] }
    >(`groups/${id}/milestones`, {}, settings);
    return Array.isArray(answer) ? answer : (answer?.milestones ?? []);
  }

  /** Every task of the group (flattened from its milestones). */
  export async function tasks(
    id: number,
    settings?: Settings
  ): Promise<ITaskInfo[]> {
    const found = await milestones(id, settings);
    return found.flatMap(m => m.tasks ?? []);
  }

  /** Activity, newest first, following the `next` cursor up to `maxItems`. */
  export async function activity(
    id: number,
    maxItems = 1000,
    settings?: Settings
  ): Promise<IActivity[]> {
    const items: IActivity[] = [];
    let before: number | null = null;
    do {
      const page: IActivityPage = await call<IActivityPage>(
        `groups/${id}/activity`,
        { limit: 200, before: before ?? undefined },
        settings
      );
      items.push(...(page.items ?? []));
      before = page.next ?? null;
    } while (before !== null && items.length < maxItems);
    return items;
  }
}
