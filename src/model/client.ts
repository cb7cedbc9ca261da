import { ServerConnection } from '@jupyterlab/services';

import { IRequestOptions, NerdUpApiError, requestAPI } from '../api';
import {
  IActivityPage,
  IGroup,
  IJoinRequest,
  IMe,
  IMember,
  IMilestone,
  IProposal,
  ISnapshotSummary,
  ITask,
  ITemplateSummary,
  JoinRule,
  ProposalPlace,
  Role
} from './types';

/** Fields a client may send when it creates or edits a group. */
export interface IGroupInput {
  title?: string;
  description?: string;
  deadline?: string | null;
  start_date?: string | null;
  visibility?: 'open' | 'members';
  adoption_rule?: 'organizer' | 'majority';
  join_rule?: JoinRule;
  /** Edit only (organizers): archived and back (to active) is the archive right. */
  status?: 'forming' | 'active' | 'finished' | 'archived';
  /** On creation: start with this plan template's milestones (a shipped id). */
  template?: string;
}

export interface IMilestoneInput {
  title?: string;
  goal?: string;
  due?: string | null;
  status?: 'planned' | 'active' | 'done';
  /** The stage's summary: what stood in the way and how it was solved. */
  retrospective?: { obstacles: string; solutions: string };
}

export interface ITaskInput {
  title?: string;
  description?: string;
  weight?: number;
  personal?: boolean;
  status?: 'todo' | 'doing' | 'done';
  next_session?: boolean;
  notebooks?: string[];
}

export interface IProposalInput {
  title: string;
  goal?: string;
  due?: string | null;
  place?: ProposalPlace;
  after_milestone_id?: number;
}

/** A proposed task for one milestone (POST /groups/{id}/proposals, kind "task"). */
export interface ITaskProposalInput {
  kind: 'task';
  title: string;
  description?: string;
  for_milestone_id: number;
  next_session?: boolean;
}

/**
 * The REST calls of the study-group API, one method per route. Writes to versioned
 * records take the version the caller edited and send it as `If-Match`.
 */
export class GroupsClient {
  constructor(settings?: ServerConnection.ISettings) {
    this._settings = settings ?? ServerConnection.makeSettings();
  }

  get settings(): ServerConnection.ISettings {
    return this._settings;
  }

  // Groups
  async listGroups(q?: string): Promise<IGroup[]> {
    const found = await this._call<{ groups: IGroup[] }>('groups', {
      query: { q }
    });
    return found.groups;
  }
  createGroup(data: IGroupInput): Promise<IGroup> {
    return this._call('groups', { method: 'POST', body: data });
  }
  getGroup(id: number): Promise<IGroup> {
    return this._call(`groups/${id}`);
  }
  updateGroup(id: number, version: number, data: IGroupInput): Promise<IGroup> {
    return this._call(`groups/${id}`, {
      method: 'PATCH',
      body: data,
      headers: ifMatch(version)
    });
  }
  me(): Promise<IMe> {
    return this._call('me');
  }

  // Membership
  join(groupId: number, role: Role): Promise<IMember> {
    return this._call(`groups/${groupId}/members`, {
      method: 'POST',
      body: { role }
    });
  }
  changeRole(
    groupId: number,
    username: string,
    role: Role,
    version?: number
  ): Promise<IMember> {
    return this._call(
      `groups/${groupId}/members/${encodeURIComponent(username)}`,
      {
        method: 'PATCH',
        body: { role },
        headers: version === undefined ? {} : ifMatch(version)
      }
    );
  }
  /** Organizers: whether an organizer mentors the group too (#16). */
  setAlsoMentor(
    groupId: number,
    username: string,
    alsoMentor: boolean,
    version?: number
  ): Promise<IMember> {
    return this._call(
      `groups/${groupId}/members/${encodeURIComponent(username)}`,
      {
        method: 'PATCH',
        body: { also_mentor: alsoMentor },
        headers: version === undefined ? {} : ifMatch(version)
      }
    );
  }
  /** Organizers: add someone by user name with a role. */
  addMember(groupId: number, username: string, role: Role): Promise<IMember> {
    return this._call(`groups/${groupId}/members`, {
      method: 'POST',
      body: { username, role }
    });
  }
  /** Organizers: the plan's order, every milestone id once. */
  reorderMilestones(groupId: number, order: number[]): Promise<unknown> {
    return this._call(`groups/${groupId}/milestones/order`, {
      method: 'PUT',
      body: { order }
    });
  }
  leave(groupId: number, username: string): Promise<void> {
    return this._call(
      `groups/${groupId}/members/${encodeURIComponent(username)}`,
      { method: 'DELETE' }
    );
  }

  // Join requests (#14)
  /** Ask to join a "by request" group as a participant; asking again is harmless. */
  askToJoin(groupId: number, message: string): Promise<IJoinRequest> {
    return this._call(`groups/${groupId}/join-requests`, {
      method: 'POST',
      body: message ? { message } : {}
    });
  }
  /** Withdraw my own pending request (`username` is mine). */
  withdrawJoinRequest(groupId: number, username: string): Promise<void> {
    return this._call(
      `groups/${groupId}/join-requests/${encodeURIComponent(username)}`,
      { method: 'DELETE' }
    );
  }
  /** Organizers: the pending requests, oldest first. */
  async listJoinRequests(groupId: number): Promise<IJoinRequest[]> {
    const found = await this._call<{ items: IJoinRequest[] }>(
      `groups/${groupId}/join-requests`
    );
    return found.items;
  }
  /** Organizers: accept (the person becomes a participant) or decline. */
  decideJoinRequest(
    groupId: number,
    username: string,
    accept: boolean
  ): Promise<IJoinRequest> {
    const decision = accept ? 'accept' : 'decline';
    return this._call(
      `groups/${groupId}/join-requests/${encodeURIComponent(username)}/${decision}`,
      { method: 'POST' }
    );
  }

  // Plan
  async listMilestones(groupId: number): Promise<IMilestone[]> {
    const found = await this._call<{ milestones: IMilestone[] }>(
      `groups/${groupId}/milestones`
    );
    return found.milestones;
  }
  createMilestone(groupId: number, data: IMilestoneInput): Promise<IMilestone> {
    return this._call(`groups/${groupId}/milestones`, {
      method: 'POST',
      body: data
    });
  }
  updateMilestone(
    id: number,
    version: number,
    data: IMilestoneInput
  ): Promise<IMilestone> {
    return this._call(`milestones/${id}`, {
      method: 'PATCH',
      body: data,
      headers: ifMatch(version)
    });
  }
  deleteMilestone(id: number, version: number): Promise<void> {
    return this._call(`milestones/${id}`, {
      method: 'DELETE',
      headers: ifMatch(version)
    });
  }
  getTask(id: number): Promise<ITask> {
    return this._call(`tasks/${id}`);
  }
  createTask(milestoneId: number, data: ITaskInput): Promise<ITask> {
    return this._call(`milestones/${milestoneId}/tasks`, {
      method: 'POST',
      body: data
    });
  }
  updateTask(id: number, version: number, data: ITaskInput): Promise<ITask> {
    return this._call(`tasks/${id}`, {
      method: 'PATCH',
      body: data,
      headers: ifMatch(version)
    });
  }
  deleteTask(id: number, version: number): Promise<void> {
    return this._call(`tasks/${id}`, {
      method: 'DELETE',
      headers: ifMatch(version)
    });
  }
  claim(taskId: number): Promise<ITask> {
    return this._call(`tasks/${taskId}/claim`, { method: 'POST' });
  }
  release(taskId: number): Promise<ITask> {
    return this._call(`tasks/${taskId}/claim`, { method: 'DELETE' });
  }
  /** One's own part of an "everyone does this one" task: done, or taken back. */
  completeMine(taskId: number): Promise<ITask> {
    return this._call(`tasks/${taskId}/completion`, { method: 'POST' });
  }
  uncompleteMine(taskId: number): Promise<ITask> {
    return this._call(`tasks/${taskId}/completion`, { method: 'DELETE' });
  }

  // Proposals
  async listProposals(groupId: number): Promise<IProposal[]> {
    const found = await this._call<{ proposals: IProposal[] }>(
      `groups/${groupId}/proposals`
    );
    return found.proposals;
  }
  getProposal(id: number): Promise<IProposal> {
    return this._call(`proposals/${id}`);
  }
  propose(
    groupId: number,
    data: IProposalInput | ITaskProposalInput
  ): Promise<IProposal> {
    return this._call(`groups/${groupId}/proposals`, {
      method: 'POST',
      body: data
    });
  }
  vote(proposalId: number, value: 'up' | 'down'): Promise<IProposal> {
    return this._call(`proposals/${proposalId}/vote`, {
      method: 'POST',
      body: { value }
    });
  }
  withdrawVote(proposalId: number): Promise<IProposal> {
    return this._call(`proposals/${proposalId}/vote`, { method: 'DELETE' });
  }
  decide(
    proposalId: number,
    adopt: boolean,
    version: number
  ): Promise<IProposal> {
    return this._call(`proposals/${proposalId}/${adopt ? 'adopt' : 'reject'}`, {
      method: 'POST',
      headers: ifMatch(version)
    });
  }

  /** Append a shipped template's milestones and tasks to a group (organizers). */
  importPlan(
    groupId: number,
    template: string,
    start?: string | null
  ): Promise<{ group_id: number; milestones: IMilestone[] }> {
    return this._call(`groups/${groupId}/plan/import`, {
      method: 'POST',
      body: start ? { template, start } : { template }
    });
  }

  // Views
  activity(groupId: number, limit = 20): Promise<IActivityPage> {
    return this._call(`groups/${groupId}/activity`, { query: { limit } });
  }

  /**
   * Whether the server offers a route, e.g. `/groups/{}/snapshots` (parameters as
   * `{}`), as its OpenAPI document says; asked once, so optional features cost no 404s.
   */
  async hasRoute(route: string): Promise<boolean> {
    if (!this._routes) {
      this._routes = this._call<{ paths?: Record<string, unknown> }>(
        'openapi.json'
      )
        .then(
          doc =>
            new Set(
              Object.keys(doc.paths ?? {}).map(p =>
                p.replace(/\{[^}]*\}/g, '{}')
              )
            )
        )
        .catch(() => new Set<string>());
    }
    return (await this._routes).has(route);
  }

  /** Plan templates to start a group from; null when the server has no such route. */
  async templates(): Promise<ITemplateSummary[] | null> {
    if (!(await this.hasRoute('/templates'))) {
      return null;
    }
    return this._optional<
      ITemplateSummary[] | { templates: ITemplateSummary[] }
    >('templates').then(found =>
      found === null ? null : Array.isArray(found) ? found : found.templates
    );
  }

  /** The group's latest snapshots; null when the server has no snapshot history. */
  async snapshots(
    groupId: number,
    limit = 3
  ): Promise<ISnapshotSummary[] | null> {
    if (!(await this.hasRoute('/groups/{}/snapshots'))) {
      return null;
    }
    const found = await this._optional<
      ISnapshotSummary[] | { items: ISnapshotSummary[] }
    >(`groups/${groupId}/snapshots`, { query: { limit } });
    if (found === null) {
      return null;
    }
    return (Array.isArray(found) ? found : (found.items ?? [])).slice(0, limit);
  }

  /**
   * What each task's row shows of its work: every task's newest snapshot, and mine on it
   * when that is another one (`?per_task=latest`); null without a snapshot history.
   */
  async taskSnapshots(groupId: number): Promise<ISnapshotSummary[] | null> {
    if (!(await this.hasRoute('/groups/{}/snapshots'))) {
      return null;
    }
    const found = await this._optional<{ items: ISnapshotSummary[] }>(
      `groups/${groupId}/snapshots`,
      { query: { per_task: 'latest' } }
    );
    return found?.items ?? null;
  }

  private async _optional<T>(
    path: string,
    options: IRequestOptions = {}
  ): Promise<T | null> {
    try {
      return await this._call<T>(path, options);
    } catch (error) {
      if (
        error instanceof NerdUpApiError &&
        (error.status === 404 || error.status === 405)
      ) {
        return null;
      }
      throw error;
    }
  }

  private _call<T>(path: string, options: IRequestOptions = {}): Promise<T> {
    return requestAPI<T>(path, options, this._settings);
  }

  private _settings: ServerConnection.ISettings;
  private _routes: Promise<Set<string>> | null = null;
}

function ifMatch(version: number): Record<string, string> {
  return { 'If-Match': `"${version}"` };
}
