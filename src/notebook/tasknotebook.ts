import { Contents } from '@jupyterlab/services';
import { UUID } from '@lumino/coreutils';

import { GroupAPI, IGroupInfo, ITaskInfo } from '../dashboard/api';
import { INotebookRecord, newNotebookId } from './record';

/** What "Open my notebook" needs from the lab (injected, so tests give fakes). */
export interface ITaskNotebookDeps {
  contents: Pick<Contents.IManager, 'get' | 'save'>;
  /** The folder pattern (setting `taskNotebookFolder`): `{group}` is the group's slug. */
  folder: string;
  group?: (id: number) => Promise<IGroupInfo>;
  tasks?: (id: number) => Promise<ITaskInfo[]>;
  /**
   * Where my notebook for the task was last committed from (the path of my newest
   * snapshot on it): after a rename that is the file to open, not the name made first.
   */
  known?: string | null;
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

/** The names in a folder that exists, from its listing. */
async function namesIn(
  contents: ITaskNotebookDeps['contents'],
  dir: string
): Promise<Set<string>> {
  const listing = await contents.get(dir, { content: true });
  return new Set(
    ((listing.content as Contents.IModel[] | null) ?? []).map(m => m.name)
  );
}

/**
 * The names in `folder`, made level by level from the root when missing. Each level is
 * looked up in its parent's listing rather than asked for: a request for a missing path
 * answers 404, which the browser reports as a console error on every first open.
 */
async function ensureFolder(
  contents: ITaskNotebookDeps['contents'],
  folder: string
): Promise<Set<string>> {
  let inside = await namesIn(contents, '');
  let dir = '';
  for (const part of folder ? folder.split('/') : []) {
    dir = dir ? `${dir}/${part}` : part;
    if (inside.has(part)) {
      inside = await namesIn(contents, dir);
    } else {
      await contents.save(dir, { type: 'directory' });
      inside = new Set();
    }
  }
  return inside;
}

/**
 * Whether a file is there, asked through its folders' listings from the root (a request
 * for a missing path answers 404, a console error); a missing folder ends the walk.
 */
export async function fileExists(
  contents: ITaskNotebookDeps['contents'],
  path: string
): Promise<boolean> {
  const parts = path.split('/').filter(Boolean);
  let dir = '';
  for (const part of parts) {
    if (!(await namesIn(contents, dir)).has(part)) {
      return false;
    }
    dir = dir ? `${dir}/${part}` : part;
  }
  return parts.length > 0;
}

/**
 * A new notebook with one empty code cell: with none, JupyterLab adds one itself once the
 * notebook is shown, and what the person typed into the first cell meanwhile was lost.
 */
function emptyNotebook(): Record<string, unknown> {
  return {
    cells: [
      {
        cell_type: 'code',
        id: UUID.uuid4(),
        execution_count: null,
        metadata: {},
        outputs: [],
        source: ''
      }
    ],
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
 * (group, task, a new notebook id) in its metadata. An existing file is left as it is;
 * the notebook I last committed on the task (`deps.known`) comes first when it is there.
 */
export async function ensureTaskNotebook(
  groupId: number,
  taskId: number,
  deps: ITaskNotebookDeps
): Promise<{ path: string; created: boolean }> {
  if (deps.known && (await fileExists(deps.contents, deps.known))) {
    return { path: deps.known, created: false };
  }
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
  if ((await ensureFolder(deps.contents, folder)).has(name)) {
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
  await deps.contents.save(path, {
    type: 'notebook',
    format: 'json',
    content
  });
  return { path, created: true };
}
