/**
 * Editing the plan from the sidebar: who may edit or delete a milestone or task, the form
 * values of a record, and what a stale edit (409) becomes: the user's changes merged onto
 * the teammate's version, so nothing typed is lost and a second save applies only them.
 */
import { NerdUpApiError } from '../api';
import { IMilestoneInput, ITaskInput } from './client';
import { IGroup, IMilestone, ITask, Role } from './types';

/** What a form holds: field name -> text (or a checkbox's state). */
export type FormValues = Record<string, string | boolean>;

/** A cell of the server's permission table (GET /groups/{id} `permissions`). */
export type PermissionRule = 'allow' | 'own' | 'deny';

// The table's cells for the two actions, used when the server sent no `permissions`
// (the list view of a group); nerdup_lab/core/permissions.py is the source.
const FALLBACK: Record<string, Partial<Record<Role, PermissionRule>>> = {
  edit_plan: { organizer: 'allow' },
  edit_task: { organizer: 'allow', participant: 'own', mentor: 'own' }
};

/** The caller's rule for `action` in `group`, as the server's table says. */
export function permissionFor(group: IGroup, action: string): PermissionRule {
  const sent = group.permissions?.[action];
  if (sent) {
    return sent;
  }
  return group.my_role ? (FALLBACK[action]?.[group.my_role] ?? 'deny') : 'deny';
}

/** Organizers edit and delete milestones (an archived group is read-only). */
export function canEditMilestone(group: IGroup): boolean {
  return (
    group.status !== 'archived' && permissionFor(group, 'edit_plan') === 'allow'
  );
}

/**
 * Organizers edit and delete any task; participants and mentors their own personal
 * tasks (the table's OWN: the task's owner, not its claimants).
 */
export function canEditTask(
  group: IGroup,
  task: ITask,
  username: string | null
): boolean {
  if (group.status === 'archived') {
    return false;
  }
  const rule = permissionFor(group, 'edit_task');
  return (
    rule === 'allow' ||
    (rule === 'own' && username !== null && task.owner === username)
  );
}

export function milestoneValues(milestone: IMilestone): FormValues {
  return {
    title: milestone.title,
    goal: milestone.goal ?? '',
    due: milestone.due ?? ''
  };
}

export function taskValues(task: ITask): FormValues {
  return {
    title: task.title,
    description: task.description ?? '',
    weight: String(task.weight)
  };
}

/** The fields whose value in `values` differs from `initial`. */
export function changedValues(
  initial: FormValues,
  values: FormValues
): FormValues {
  const changed: FormValues = {};
  for (const [name, value] of Object.entries(values)) {
    if ((initial[name] ?? '') !== value) {
      changed[name] = value;
    }
  }
  return changed;
}

/**
 * What the form shows after a stale edit: the teammate's version, with every field the
 * user changed kept as the user typed it.
 */
export function mergeValues(
  initial: FormValues,
  mine: FormValues,
  theirs: FormValues
): FormValues {
  return { ...theirs, ...changedValues(initial, mine) };
}

export function milestoneInput(values: FormValues): IMilestoneInput {
  const input: IMilestoneInput = {};
  if ('title' in values) {
    input.title = String(values.title);
  }
  if ('goal' in values) {
    input.goal = String(values.goal);
  }
  if ('due' in values) {
    input.due = values.due ? String(values.due) : null;
  }
  return input;
}

export function taskInput(values: FormValues): ITaskInput {
  const input: ITaskInput = {};
  if ('title' in values) {
    input.title = String(values.title);
  }
  if ('description' in values) {
    input.description = String(values.description);
  }
  if ('weight' in values) {
    const text = String(values.weight).trim();
    // Not a whole number: sent as typed, so the server names the problem at the field.
    input.weight = (/^\d+$/.test(text) ? Number(text) : text) as number;
  }
  return input;
}

/** A stale write: the server refused the version and sent the current record. */
export function isStaleConflict(error: unknown): error is NerdUpApiError {
  return (
    error instanceof NerdUpApiError &&
    error.status === 409 &&
    error.code === 'conflict' &&
    typeof error.current === 'object' &&
    error.current !== null &&
    typeof (error.current as { version?: unknown }).version === 'number'
  );
}

/**
 * Someone changed the record while the user edited it. The form shows `values` (theirs
 * with the user's changes on top), lists `theirs` for the fields in `changed`, and
 * `clashes` are the fields both changed (the user's text is kept).
 */
export class FormConflict extends Error {
  constructor(
    message: string,
    readonly values: FormValues,
    readonly theirs: FormValues,
    readonly changed: string[],
    readonly clashes: string[]
  ) {
    super(message);
    this.name = 'FormConflict';
  }
}

/**
 * One edit of a versioned record through a form. `submit` sends only what the user
 * changed, with the version the form was filled from. On a stale version it rebases onto
 * the current record and throws a FormConflict; submitting again re-applies the user's
 * changes on top of the teammate's.
 */
export class RecordEdit<R extends { version: number }> {
  constructor(
    record: R,
    private readonly _toValues: (record: R) => FormValues,
    private readonly _save: (base: R, changes: FormValues) => Promise<unknown>,
    private readonly _conflictMessage: string
  ) {
    this._base = record;
    this._initial = _toValues(record);
  }

  /** The record the next save is based on (the latest one seen). */
  get base(): R {
    return this._base;
  }

  /** The form's starting values. */
  get initial(): FormValues {
    return this._initial;
  }

  /** Save the user's changes; true when saved (or nothing changed). */
  async submit(values: FormValues): Promise<boolean> {
    const changes = changedValues(this._initial, values);
    if (Object.keys(changes).length === 0) {
      return true;
    }
    try {
      await this._save(this._base, changes);
      return true;
    } catch (error) {
      if (!isStaleConflict(error)) {
        throw error;
      }
      const current = error.current as R;
      const theirs = this._toValues(current);
      const changed = Object.keys(changedValues(this._initial, theirs));
      const clashes = changed.filter(
        name => name in changes && changes[name] !== theirs[name]
      );
      const merged = mergeValues(this._initial, values, theirs);
      this._base = current;
      this._initial = theirs;
      throw new FormConflict(
        this._conflictMessage,
        merged,
        theirs,
        changed,
        clashes
      );
    }
  }

  private _base: R;
  private _initial: FormValues;
}
