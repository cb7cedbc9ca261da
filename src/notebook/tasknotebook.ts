import { Contents } from '@jupyterlab/services';

import { GroupAPI, IGroupInfo, ITaskInfo } from '../dashboard/api';
import { INotebookRecord, newNotebookId } from './record';

/** What "Open my notebook" needs from the lab (injected, so tests give fakes). */
export interface ITaskNotebookDeps {
  contents: Pick<Contents.IManager, 'get' | 'save'>;
  /** The folder pattern (setting `taskNotebookFolder`): `{group}` is the group's slug. */
  folder: string;
  group?: (id: number) => Promise<IGroupInfo>;
  tasks?: (id: number) => Promise<ITaskInfo[]>;
}

/** A file-name-safe slug of a title: lower case, words joined by '-'. */
export function slug(title: string, fallback: string): string {
  const s = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return s || fallback;
}

async function exists(
  contents: ITaskNotebookDeps['contents'],
  path: string
): Promise<Contents.IModel | null> {
  try {
    return await contents.get(path, { content: false });
  } catch {
    return null;
  }
}

function emptyNotebook(): Record<string, unknown> {
  return {
    cells: [],
    metadata: {
      kernelspec: {
        display_name: 'Python 3 (ipykernel)',
        language: 'python',
        name: 'python3'
      },
      language_info: { name: 'python' }
    },
    nbformat: 4,
    nbformat_minor: 5
  };
}

/**
 * "Open my notebook" (nerdup:open-task-notebook): the path of the caller's notebook for a
 * task, made when missing in the group's folder: a copy of the task's starter notebook
 * (the first notebook the plan names for it) or an empty one, with the notebook record
 * (group, task, a new notebook id) in its metadata. An existing file is left as it is.
 */
export async function ensureTaskNotebook(
  groupId: number,
  taskId: number,
  deps: ITaskNotebookDeps
): Promise<{ path: string; created: boolean }> {
  const [group, tasks] = await Promise.all([
    (deps.group ?? GroupAPI.group)(groupId),
    (deps.tasks ?? GroupAPI.tasks)(groupId)
  ]);
  const task = tasks.find(t => t.id === taskId);
  if (!task) {
    throw new Error(`There is no task ${taskId} in ${group.title}.`);
  }
  const folder = deps.folder
    .replace('{group}', slug(group.title, `group-${groupId}`))
    .replace(/^\/+|\/+$/g, '');
  const name = `${slug(task.title, `task-${taskId}`)}.ipynb`;
  const path = folder ? `${folder}/${name}` : name;
  if (await exists(deps.contents, path)) {
    return { path, created: false };
  }
  let content: Record<string, unknown> = emptyNotebook();
  const starter = (task.notebooks ?? []).find(p => p.endsWith('.ipynb'));
  if (starter && starter !== path) {
    const found = await deps.contents
      .get(starter, { content: true, type: 'notebook' })
      .catch(() => null);
    if (found?.content) {
      content = JSON.parse(JSON.stringify(found.content));
    }
  }
  const record: INotebookRecord = {
    version: 1,
    group: groupId,
    task: taskId,
    notebook_id: newNotebookId()
  };
  content.metadata = {
    ...((content.metadata as Record<string, unknown>) ?? {}),
    nerdup: record
  };
  if (folder) {
    // Each missing level of the folder, from the top.
    const parts = folder.split('/');
    for (let i = 1; i <= parts.length; i++) {
      const dir = parts.slice(0, i).join('/');
      if (!(await exists(deps.contents, dir))) {
        await deps.contents.save(dir, { type: 'directory' });
      }
    }
  }
  await deps.contents.save(path, {
    type: 'notebook',
    format: 'json',
    content
  });
  return { path, created: true };
}
