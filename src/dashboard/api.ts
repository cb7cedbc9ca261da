import { ServerConnection } from '@jupyterlab/services';

import { requestAPI } from '../api';
import type { IActivity, IActivityPage } from '../model/types';

/** The group facts the dashboard and the commit dialog read (see schema/openapi.json). */

export interface ITaskInfo {
  id: number;
  group_id: number;
  milestone_id: number;
  title: string;
  weight: number;
  status: 'todo' | 'doing' | 'done' | string;
  personal?: boolean;
  owner: string | null;
  claimed_by: string[];
  notebooks?: string[];
  created_at: string | null;
  done_at: string | null;
}

export interface IMilestoneInfo {
  id: number;
  group_id: number;
  position: number;
  title: string;
  due: string | null;
  status: string;
  progress: {
    done_weight: number;
    total_weight: number;
    tasks_done: number;
    tasks_total: number;
    fraction: number;
    percent: number;
    deadline_state?: string;
  };
  tasks?: ITaskInfo[];
}

export interface IGroupInfo {
  id: number;
  title: string;
  deadline: string | null;
  start_date: string | null;
  created_at: string | null;
  my_role: string | null;
  progress?: IMilestoneInfo['progress'];
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
