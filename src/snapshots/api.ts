import { ServerConnection } from '@jupyterlab/services';

import { requestAPI } from '../api';
import {
  DiffTarget,
  ICommitRequest,
  INotebookDiff,
  INotebookJSON,
  IRestoreResult,
  ISnapshot,
  ISnapshotPage,
  ISnapshotSettings
} from './types';

type Settings = ServerConnection.ISettings | undefined;

function call<T>(
  path: string,
  options: Parameters<typeof requestAPI>[1],
  settings: Settings
): Promise<T> {
  return settings
    ? requestAPI<T>(path, options, settings)
    : requestAPI<T>(path, options);
}

/**
 * The snapshot half of the REST API, one function per call. Every function takes the
 * ServerConnection settings last so tests can hand in a fake `fetch`.
 */
export namespace SnapshotAPI {
  /**
   * Commit the saved notebook at `request.path` into group `groupId`. Pass the same
   * `idempotencyKey` for every attempt of one commit (e.g. one per commit dialog): a
   * retry after a lost answer then gets the snapshot the first attempt stored.
   */
  export function commit(
    groupId: number,
    request: ICommitRequest & { idempotencyKey?: string },
    settings?: Settings
  ): Promise<ISnapshot> {
    const body: Record<string, unknown> = {
      path: request.path,
      message: request.message
    };
    if (request.task_id !== undefined && request.task_id !== null) {
      body.task_id = request.task_id;
    }
    if (request.policy) {
      body.policy = request.policy;
    }
    const headers: Record<string, string> = request.idempotencyKey
      ? { 'Idempotency-Key': request.idempotencyKey }
      : {};
    return call<ISnapshot>(
      `groups/${groupId}/snapshots`,
      { method: 'POST', body, headers },
      settings
    );
  }

  export interface IHistoryQuery {
    /** One notebook's history across renames (its record's id); path is then ignored. */
    notebook_id?: string;
    path?: string;
    author?: string;
    task_id?: number;
    limit?: number;
    before?: number | null;
  }

  /** One page of a group's snapshots, newest first, filtered by path/author/task. */
  export async function history(
    groupId: number,
    query: IHistoryQuery = {},
    settings?: Settings
  ): Promise<ISnapshotPage> {
    const answer = await call<ISnapshotPage | ISnapshot[]>(
      `groups/${groupId}/snapshots`,
      {
        query: {
          notebook_id: query.notebook_id,
          path: query.path,
          author: query.author,
          task_id: query.task_id,
          limit: query.limit,
          before: query.before ?? undefined
        }
      },
      settings
    );
    return normalisePage(answer);
  }

  /** A page as {items, next} whether the server answers a list or an object. */
  export function normalisePage(
    answer: ISnapshotPage | ISnapshot[] | null
  ): ISnapshotPage {
    if (Array.isArray(answer)) {
      return { items: answer, next: null };
    }
    return { items: answer?.items ?? [], next: answer?.next ?? null };
  }

  /** The group's default output policy and size limits. */
  export function settings(
    groupId: number,
    settings?: Settings
  ): Promise<ISnapshotSettings> {
    return call<ISnapshotSettings>(
      `groups/${groupId}/snapshot-settings`,
      {},
      settings
    );
  }

  /** The snapshot's record (who, when, message...). */
  export function get(id: number, settings?: Settings): Promise<ISnapshot> {
    return call<ISnapshot>(`snapshots/${id}`, {}, settings);
  }

  /** The notebook exactly as it was committed. */
  export function notebook(
    id: number,
    settings?: Settings
  ): Promise<INotebookJSON> {
    return call<INotebookJSON>(`snapshots/${id}/notebook`, {}, settings);
  }

  /** The diff, old side first: snapshot a -> snapshot b, or snapshot a -> saved file. */
  export function diff(
    target: DiffTarget,
    settings?: Settings
  ): Promise<INotebookDiff> {
    return target.kind === 'snapshots'
      ? call<INotebookDiff>(
          `snapshots/${target.a}/diff/${target.b}`,
          {},
          settings
        )
      : call<INotebookDiff>(
          `snapshots/${target.a}/diff`,
          { query: { path: target.path } },
          settings
        );
  }

  /**
   * Write the snapshot as a new file next to its notebook (or at `target`). The server
   * never overwrites: an existing file is a 409.
   */
  export function restore(
    id: number,
    target?: string,
    settings?: Settings
  ): Promise<IRestoreResult> {
    return call<IRestoreResult>(
      `snapshots/${id}/restore`,
      { method: 'POST', body: target ? { target } : {} },
      settings
    );
  }

  /**
   * The name the server gives a restored file, `dir/name (snapshot YYYY-MM-DD HH:MM).ipynb`,
   * with ` 2`, ` 3`... before the extension for the n-th try when that name is taken.
   */
  export function restoreName(snapshot: ISnapshot, n = 1): string {
    const slash = snapshot.path.lastIndexOf('/');
    const dir = slash >= 0 ? snapshot.path.slice(0, slash + 1) : '';
    const file = snapshot.path.slice(slash + 1);
    const dot = file.lastIndexOf('.');
    const stem = dot > 0 ? file.slice(0, dot) : file;
    const ext = dot > 0 ? file.slice(dot) : '.ipynb';
    const stamp = new Date(snapshot.created_at)
      .toISOString()
      .slice(0, 16)
      .replace('T', ' ');
    const count = n > 1 ? ` ${n}` : '';
    return `${dir}${stem} (snapshot ${stamp})${count}${ext}`;
  }
}
