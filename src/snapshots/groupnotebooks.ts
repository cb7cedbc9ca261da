import { ServerConnection } from '@jupyterlab/services';

import { requestAPI } from '../api';
import { SnapshotAPI } from './api';
import { ISnapshot } from './types';

/** A notebook the group shares (GET /groups/{id}/notebooks). */
export interface IGroupNotebook {
  path: string;
  marked_by: string;
  marked_at: string;
  latest: ISnapshot | null;
  /** The newest snapshot per member, newest first. */
  versions: ISnapshot[];
}

/** One member's newest snapshots in the group. */
export interface IMemberWork {
  username: string;
  snapshots: ISnapshot[];
}

/**
 * The group notebooks half of the REST API: list, mark, stop sharing; and each member's
 * latest snapshots (the history filtered by author).
 */
export class GroupNotebooksClient {
  constructor(settings?: ServerConnection.ISettings) {
    this._settings = settings ?? ServerConnection.makeSettings();
  }

  async list(groupId: number): Promise<IGroupNotebook[]> {
    const found = await requestAPI<{ notebooks: IGroupNotebook[] }>(
      `groups/${groupId}/notebooks`,
      {},
      this._settings
    );
    return found.notebooks;
  }

  mark(groupId: number, path: string): Promise<unknown> {
    return requestAPI(
      `groups/${groupId}/notebooks`,
      { method: 'POST', body: { path } },
      this._settings
    );
  }

  unmark(groupId: number, path: string): Promise<unknown> {
    return requestAPI(
      `groups/${groupId}/notebooks`,
      { method: 'DELETE', query: { path } },
      this._settings
    );
  }

  /** Each member's `limit` newest snapshots, members without one left out. */
  async membersWork(
    groupId: number,
    usernames: readonly string[],
    limit = 3
  ): Promise<IMemberWork[]> {
    const pages = await Promise.all(
      usernames.map(username =>
        SnapshotAPI.history(
          groupId,
          { author: username, limit },
          this._settings
        )
      )
    );
    return usernames
      .map((username, i) => ({ username, snapshots: pages[i].items }))
      .filter(w => w.snapshots.length > 0);
  }

  private _settings: ServerConnection.ISettings;
}

/** The paths of `notebooks`, to tell which snapshots are of a group notebook. */
export function sharedPaths(notebooks: readonly IGroupNotebook[]): Set<string> {
  return new Set(notebooks.map(n => n.path));
}
