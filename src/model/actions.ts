import { NerdUpApiError } from '../api';
import {
  IGroupInput,
  IMilestoneInput,
  IProposalInput,
  ITaskInput,
  ITaskProposalInput
} from './client';
import type { GroupsModel } from './groups';
import {
  IGroup,
  IMilestone,
  IProposal,
  ITask,
  Role,
  TaskStatus
} from './types';

/**
 * The writes a member makes from the sidebar. Each one calls the API, then reloads what
 * it changed; a failure becomes a notice in words (a 409 also reloads, so the user sees
 * the teammate's change). Form submissions re-throw 400s so the form can show the
 * field errors next to the fields.
 */
export class GroupsActions {
  constructor(private readonly _model: GroupsModel) {}

  /**
   * Create a group; the creator becomes its organizer and the group opens. With a
   * template, the server starts it with that plan (dated from the start date, or today)
   * in the same request: either both exist or neither.
   */
  async createGroup(input: IGroupInput, template?: string): Promise<IGroup> {
    const client = this._model.client;
    const group = await client.createGroup(
      template ? { ...input, template } : input
    );
    await Promise.all([
      this._model.refreshMe(),
      this._model.refreshDirectory()
    ]);
    await this._model.select(group.id);
    return group;
  }

  join(groupId: number, role: Role): Promise<boolean> {
    return this._run(async () => {
      await this._model.client.join(groupId, role);
      await this._model.select(groupId);
    });
  }

  /**
   * Ask to join a "by request" group (#14), with an optional note for its organizers.
   * A 400 (the note is too long) goes back to the dialog's field.
   */
  askToJoin(groupId: number, message: string): Promise<boolean> {
    return this._form(() => this._model.client.askToJoin(groupId, message));
  }

  /** Withdraw my pending request to join. */
  withdrawJoinRequest(groupId: number): Promise<boolean> {
    return this._run(() =>
      this._model.client.withdrawJoinRequest(
        groupId,
        this._model.username ?? ''
      )
    );
  }

  /** Organizers: accept (a new participant) or decline someone's request to join. */
  decideJoinRequest(
    groupId: number,
    username: string,
    accept: boolean
  ): Promise<boolean> {
    return this._run(() =>
      this._model.client.decideJoinRequest(groupId, username, accept)
    );
  }

  /** Switch one's own role in the current group (participant / follower). */
  switchRole(role: Role): Promise<boolean> {
    return this._run(async () => {
      const { group, me } = this._currentAndMe();
      const mine = group.members?.find(m => m.username === me);
      await this._model.client.changeRole(group.id, me, role, mine?.version);
    });
  }

  /** Leave the current group and go back to the directory. */
  leave(): Promise<boolean> {
    return this._run(async () => {
      const { group, me } = this._currentAndMe();
      await this._model.client.leave(group.id, me);
      await this._model.select(null);
    });
  }

  addMilestone(input: IMilestoneInput): Promise<boolean> {
    return this._form(() =>
      this._model.client.createMilestone(this._currentAndMe().group.id, input)
    );
  }

  addTask(milestoneId: number, input: ITaskInput): Promise<boolean> {
    return this._form(() => this._model.client.createTask(milestoneId, input));
  }

  /**
   * Edit a milestone (organizers), based on `version`. Every failure goes back to the
   * edit form: 400 field errors, 409 stale version (with the current record), others.
   */
  editMilestone(
    milestone: IMilestone,
    version: number,
    input: IMilestoneInput
  ): Promise<boolean> {
    return this._edit(() =>
      this._model.client.updateMilestone(milestone.id, version, input)
    );
  }

  /** Edit a task's title, description or weight; failures as in `editMilestone`. */
  editTask(task: ITask, version: number, input: ITaskInput): Promise<boolean> {
    return this._edit(() =>
      this._model.client.updateTask(task.id, version, input)
    );
  }

  /** Put the plan's stages in this order of milestone ids (organizers). */
  reorderMilestones(order: number[]): Promise<boolean> {
    return this._run(() =>
      this._model.client.reorderMilestones(this._currentAndMe().group.id, order)
    );
  }

  /** Delete a milestone with its tasks (organizers). */
  deleteMilestone(milestone: IMilestone): Promise<boolean> {
    return this._run(() =>
      this._model.client.deleteMilestone(milestone.id, milestone.version)
    );
  }

  deleteTask(task: ITask): Promise<boolean> {
    return this._run(() =>
      this._model.client.deleteTask(task.id, task.version)
    );
  }

  /** Propose a milestone, or (kind "task") a task for one milestone: any member. */
  propose(input: IProposalInput | ITaskProposalInput): Promise<boolean> {
    return this._form(() =>
      this._model.client.propose(this._currentAndMe().group.id, input)
    );
  }

  claim(task: ITask): Promise<boolean> {
    return this._run(() => this._model.client.claim(task.id));
  }

  release(task: ITask): Promise<boolean> {
    return this._run(() => this._model.client.release(task.id));
  }

  /** Mark (or take back) my own part of an "everyone does this one" task. */
  setMyPart(task: ITask, done: boolean): Promise<boolean> {
    return this._run(() =>
      done
        ? this._model.client.completeMine(task.id)
        : this._model.client.uncompleteMine(task.id)
    );
  }

  setStatus(task: ITask, status: TaskStatus): Promise<boolean> {
    return this._run(() =>
      this._model.client.updateTask(task.id, task.version, { status })
    );
  }

  toggleNextSession(task: ITask): Promise<boolean> {
    return this._run(() =>
      this._model.client.updateTask(task.id, task.version, {
        next_session: !task.next_session
      })
    );
  }

  /** Link a notebook (a path inside the Jupyter root) to a task. */
  linkNotebook(task: ITask, path: string): Promise<boolean> {
    const notebooks = task.notebooks.includes(path)
      ? task.notebooks
      : [...task.notebooks, path];
    return this._run(() =>
      this._model.client.updateTask(task.id, task.version, { notebooks })
    );
  }

  vote(proposal: IProposal, value: 'up' | 'down'): Promise<boolean> {
    const mine = proposal.votes.find(v => v.username === this._model.username);
    return this._run(() =>
      mine?.value === value
        ? this._model.client.withdrawVote(proposal.id)
        : this._model.client.vote(proposal.id, value)
    );
  }

  decide(proposal: IProposal, adopt: boolean): Promise<boolean> {
    return this._run(() =>
      this._model.client.decide(proposal.id, adopt, proposal.version)
    );
  }

  private _currentAndMe(): { group: IGroup; me: string } {
    const group = this._model.current?.group;
    const me = this._model.username;
    if (!group || !me) {
      throw new Error(this._model.trans.__('No group is open.'));
    }
    return { group, me };
  }

  /** A write, then a reload of what is shown; false (and a notice) when it failed. */
  private async _run(fn: () => Promise<unknown>): Promise<boolean> {
    try {
      await fn();
    } catch (error) {
      await this._model.reportFailure(error);
      return false;
    }
    this._model.notify(null);
    await this._model.refresh();
    return true;
  }

  /** A write from an edit dialog: on failure the dialog says why, so it re-throws. */
  private async _edit(fn: () => Promise<unknown>): Promise<boolean> {
    await fn();
    this._model.notify(null);
    await this._model.refresh();
    return true;
  }

  /** Like `_run`, but a 400 with field errors goes back to the form. */
  private async _form(fn: () => Promise<unknown>): Promise<boolean> {
    try {
      await fn();
    } catch (error) {
      if (error instanceof NerdUpApiError && error.status === 400) {
        throw error;
      }
      await this._model.reportFailure(error);
      return false;
    }
    this._model.notify(null);
    await this._model.refresh();
    return true;
  }
}
