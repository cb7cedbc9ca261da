import { ServerConnection } from '@jupyterlab/services';

import { NerdUpApiError, requestAPI } from '../api';

/** A study group's link to a JupyterHub group (schema HubGroupLink). */
export interface IHubGroupLink {
  group_id: number;
  linked: boolean;
  hub_group: string | null;
  linked_by: string | null;
  linked_at: string | null;
  synced_at: string | null;
  synced_by: string | null;
  /** Members the link added who are still members. */
  imported: string[];
  /** In the answer to GET: false where nerdup runs without JupyterHub. */
  available?: boolean;
}

/** The link after an import: who joined, who left (schema HubGroupSync). */
export interface IHubGroupSync extends IHubGroupLink {
  added: string[];
  removed: string[];
}

/** The error code of these routes on a server that runs without JupyterHub. */
export const NEEDS_JUPYTERHUB = 'needs_jupyterhub';

/** The REST calls of `/groups/{id}/hub-group` (served in JupyterHub mode only). */
export class HubGroupClient {
  constructor(settings?: ServerConnection.ISettings) {
    this._settings = settings ?? ServerConnection.makeSettings();
  }

  /** The link, or null where there is no JupyterHub to link to. */
  async get(groupId: number): Promise<IHubGroupLink | null> {
    try {
      const link = await requestAPI<IHubGroupLink>(
        `groups/${groupId}/hub-group`,
        {},
        this._settings
      );
      return link.available === false ? null : link;
    } catch (error) {
      if (
        error instanceof NerdUpApiError &&
        (error.code === NEEDS_JUPYTERHUB || error.status === 404)
      ) {
        return null;
      }
      throw error;
    }
  }

  /** Link to JupyterHub group `name` and import its members. */
  link(groupId: number, name: string): Promise<IHubGroupSync> {
    return requestAPI<IHubGroupSync>(
      `groups/${groupId}/hub-group`,
      { method: 'PUT', body: { name } },
      this._settings
    );
  }

  sync(groupId: number): Promise<IHubGroupSync> {
    return requestAPI<IHubGroupSync>(
      `groups/${groupId}/hub-group/sync`,
      { method: 'POST' },
      this._settings
    );
  }

  unlink(groupId: number): Promise<void> {
    return requestAPI<void>(
      `groups/${groupId}/hub-group`,
      { method: 'DELETE' },
      this._settings
    );
  }

  private _settings: ServerConnection.ISettings;
}
