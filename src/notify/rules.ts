/**
 * Whether an activity event concerns me, kind by kind. The server records no "assigned
 * to" on a task: claims are always the claimer's own act. A task becomes mine without my
 * doing only as an "everyone does this one" task (`per_member`), which every organizer and
 * participant of the group has to do, so that is what "a task assigned to me" means here.
 *
 * | event (kind)       | concerns me when                                                 |
 * | ------------------ | ---------------------------------------------------------------- |
 * | `question.answered` | the question (fetched) is mine                                  |
 * | `task.created`     | the task (fetched) is one everyone does, and I am a doer         |
 * | `task.updated`     | its `fields` name `per_member` and the task now is one everyone does |
 * | `proposal.created` | the proposal (fetched) is still open and I have not voted        |
 *
 * Always: the setting of the kind is on, the group is one of mine (not archived), and the
 * actor is not me. Events of a members-only group on the embedded server's bus carry ids
 * only: what they lack (a `task.updated`'s fields) comes from the group's feed.
 */

import type {
  IActivity,
  IActivityEvent,
  IGroup,
  IProposal,
  ITask
} from '../model/types';
import type { IQuestion } from '../rhythm/types';
import type { NotifyKind, NotifySettings } from './settings';

/** The activity kinds that may lead to a notification, and the kind they are. */
export const NOTIFYING_EVENTS: Readonly<Record<string, NotifyKind>> = {
  'question.answered': 'answerToMyQuestion',
  'task.created': 'taskAssigned',
  'task.updated': 'taskAssigned',
  'proposal.created': 'proposalToVote'
};

/** Roles that do an "everyone does this one" task (nerdup_lab/core/progress.py). */
const DOER_ROLES: ReadonlySet<string> = new Set(['organizer', 'participant']);

/** Who I am: the signed-in user and the groups I belong to (with my role). */
export interface IWho {
  readonly username: string | null;
  readonly groups: readonly IGroup[];
}

/** The records the rules read over REST (the existing clients). */
export interface IRecords {
  question(id: number): Promise<IQuestion>;
  task(id: number): Promise<ITask>;
  proposal(id: number): Promise<IProposal>;
  /** The stored activity (full subject and summary), null when the feed has it not. */
  activity(groupId: number, activityId: number): Promise<IActivity | null>;
}

/** An event that concerns me: what a notification says and where its action leads. */
export interface IMatch {
  kind: Exclude<NotifyKind, 'sessionSoon'>;
  groupId: number;
  /** The question, task or proposal. */
  recordId: number;
  /** Its title, as the server has it now. */
  title: string;
  /** Who did it (a username). */
  actor: string;
}

/**
 * The first look, without asking the server: the kind of notification `event` may lead
 * to, or null when it cannot concern me (setting off, my own act, not my group, a role
 * that is not asked).
 */
export function firstLook(
  event: IActivityEvent,
  who: IWho,
  settings: NotifySettings
): IMatch['kind'] | null {
  const kind = NOTIFYING_EVENTS[event.kind];
  if (kind === undefined || kind === 'sessionSoon' || !settings[kind]) {
    return null;
  }
  if (!who.username || event.actor === who.username) {
    return null;
  }
  const group = who.groups.find(g => g.id === event.group_id);
  if (!group || group.status === 'archived' || !group.my_role) {
    return null;
  }
  if (kind === 'taskAssigned' && !DOER_ROLES.has(group.my_role)) {
    return null;
  }
  return kind;
}

/** An integer id of the event's subject, or null. */
function subjectId(
  subject: Record<string, unknown> | undefined,
  key: string
): number | null {
  const value = subject?.[key];
  return typeof value === 'number' && Number.isInteger(value) ? value : null;
}

/** The changed fields a `task.updated` names: from the event, else from the feed. */
async function changedFields(
  event: IActivityEvent,
  records: IRecords
): Promise<string[]> {
  let fields = event.subject?.fields;
  if (!Array.isArray(fields)) {
    const stored = await records.activity(event.group_id, event.activity_id);
    fields = stored?.subject?.fields;
  }
  return Array.isArray(fields)
    ? fields.filter((f): f is string => typeof f === 'string')
    : [];
}

/** A task I am to do that I have not done yet: one everyone in the group does. */
function isMineToDo(task: ITask, username: string, groupId: number): boolean {
  return (
    task.group_id === groupId &&
    task.per_member === true &&
    task.owner === null &&
    !(task.completed_by ?? []).includes(username)
  );
}

/**
 * Whether `event` concerns me, reading what the event does not say (whose question, is
 * the task one everyone does, is the proposal still open); null when it does not, or
 * when the record cannot be read (deleted meanwhile, server away).
 */
export async function concernsMe(
  event: IActivityEvent,
  who: IWho,
  settings: NotifySettings,
  records: IRecords
): Promise<IMatch | null> {
  const kind = firstLook(event, who, settings);
  const me = who.username;
  if (kind === null || me === null) {
    return null;
  }
  const match = (recordId: number, title: string): IMatch => ({
    kind,
    groupId: event.group_id,
    recordId,
    title,
    actor: event.actor
  });
  try {
    switch (kind) {
      case 'answerToMyQuestion': {
        const id = subjectId(event.subject, 'question_id');
        if (id === null) {
          return null;
        }
        const question = await records.question(id);
        return question.author === me && question.group_id === event.group_id
          ? match(id, question.title)
          : null;
      }
      case 'taskAssigned': {
        const id = subjectId(event.subject, 'task_id');
        if (id === null) {
          return null;
        }
        if (
          event.kind === 'task.updated' &&
          !(await changedFields(event, records)).includes('per_member')
        ) {
          return null;
        }
        const task = await records.task(id);
        return isMineToDo(task, me, event.group_id)
          ? match(id, task.title)
          : null;
      }
      case 'proposalToVote': {
        const id = subjectId(event.subject, 'proposal_id');
        if (id === null) {
          return null;
        }
        const proposal = await records.proposal(id);
        const voted = proposal.votes.some(v => v.username === me);
        return proposal.status === 'open' &&
          proposal.group_id === event.group_id &&
          !voted
          ? match(id, proposal.title)
          : null;
      }
    }
  } catch {
    return null;
  }
  return null;
}
