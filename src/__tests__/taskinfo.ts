import { ITaskInfo } from '../dashboard/api';

/** A task as the dashboard and the commit dialog read it, with test defaults. */
export function taskInfo(
  id: number,
  extra: Partial<ITaskInfo> = {}
): ITaskInfo {
  return {
    id,
    group_id: 1,
    milestone_id: 1,
    title: `t${id}`,
    weight: 1,
    status: 'todo',
    owner: null,
    claimed_by: [],
    created_at: null,
    done_at: null,
    ...extra
  };
}
