import * as React from 'react';

import { Dialog } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';

import { NerdUpApiError } from '../api';
import { FieldError, IFormErrors, NO_ERRORS } from '../components/FieldError';
import { ISubmittableBody } from '../components/FormDialog';
import { ITaskInfo } from '../dashboard/api';
import { IGroupRef } from '../snapshots/currentgroup';
import { OUTPUT_POLICIES, OutputPolicy } from '../snapshots/types';

/** What the user chose in the commit dialog. */
export interface ICommitForm {
  /** The group the snapshot goes to. */
  groupId: number;
  message: string;
  taskId: number | null;
  policy: OutputPolicy;
}

/** What the dialog shows of the group it commits into. */
export interface ICommitTarget {
  tasks: ITaskInfo[];
  policy: OutputPolicy;
  maxOutputBytes: number | null;
  /** The open task the notebook is linked to there, preselected. */
  taskId: number | null;
}

export interface ICommitDialogOptions {
  trans: TranslationBundle;
  path: string;
  groupTitle: string;
  groupId: number;
  /**
   * For a notebook without a record, the groups it may go to (more than one: the dialog
   * shows a picker); empty when the notebook's record names the group.
   */
  groups?: IGroupRef[];
  /** Tasks and policy of another group, when the user picks it. */
  loadGroup?: (groupId: number) => Promise<ICommitTarget>;
  /** Tasks the snapshot may be linked to (open ones first). */
  tasks: ITaskInfo[];
  defaultPolicy: OutputPolicy;
  /** Outputs over this size are dropped by "drop_large" (from the group's settings). */
  maxOutputBytes?: number | null;
  /** A task to preselect (e.g. one that links this notebook). */
  defaultTaskId?: number | null;
  username?: string | null;
  /**
   * Commits what the user chose (the dialog's Commit button); throws what the server
   * refused, which the dialog then shows inline, keeping the form as it was.
   */
  onCommit?: (form: ICommitForm, tasks: ITaskInfo[]) => Promise<void>;
}

/**
 * Words for a failed commit. The server's message already says what is wrong (invalid
 * notebook, over the size limit naming it, not a member), so it is shown as it is.
 */
export function commitErrorMessage(
  error: unknown,
  trans: TranslationBundle
): string {
  const message =
    error instanceof NerdUpApiError ? error.message : String(error);
  return trans.__('Snapshot not committed: %1', message);
}

/** The request's names of the fields the dialog has, and the dialog's own. */
const FORM_FIELDS: Record<string, string> = {
  message: 'message',
  task_id: 'task',
  policy: 'policy'
};

/**
 * Where a refused commit is shown: next to the field the server names (with its whole
 * sentence, as the API's field values are short codes such as "invalid"), or else in
 * the alert at the top of the dialog (a broken or too large notebook, an archived group).
 */
export function commitErrors(
  error: unknown,
  trans: TranslationBundle
): IFormErrors {
  if (error instanceof NerdUpApiError) {
    const fields: Record<string, string> = {};
    for (const name of Object.keys(error.fields)) {
      if (FORM_FIELDS[name]) {
        fields[FORM_FIELDS[name]] = error.message;
      }
    }
    if (Object.keys(fields).length > 0) {
      return { message: null, fields };
    }
  }
  return { message: commitErrorMessage(error, trans), fields: {} };
}

/** "1 MB", "250 kB": a size for people. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) {
    return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  }
  return `${Math.max(1, Math.round(bytes / 1024))} kB`;
}

export function policyLabel(
  policy: OutputPolicy,
  trans: TranslationBundle,
  maxOutputBytes?: number | null
): string {
  switch (policy) {
    case 'keep':
      return trans.__('Keep all outputs');
    case 'strip':
      return trans.__('Strip all outputs');
    default:
      return maxOutputBytes
        ? trans.__(
            'Keep outputs, drop those over %1',
            formatBytes(maxOutputBytes)
          )
        : trans.__('Keep outputs, drop large ones');
  }
}

/** Only open tasks, mine (claimed or owned) first; titles for the picker. */
export function taskChoices(
  tasks: ITaskInfo[],
  username?: string | null
): ITaskInfo[] {
  const rank = (t: ITaskInfo) =>
    username && (t.owner === username || t.claimed_by.includes(username))
      ? 0
      : 1;
  return tasks
    .filter(t => t.status !== 'done')
    .sort((a, b) => rank(a) - rank(b) || a.id - b.id);
}

/** The message of a commit left empty: "Progress on <task>" when it names a task. */
export function defaultMessage(
  taskId: number | null,
  tasks: ITaskInfo[],
  trans: TranslationBundle
): string {
  const task = tasks.find(t => t.id === taskId);
  return task ? trans.__('Progress on %1', task.title) : '';
}

function CommitForm(props: {
  options: ICommitDialogOptions;
  value: ICommitForm;
  errors: IFormErrors;
  busy: boolean;
  onChange: (value: ICommitForm) => void;
  onGroup: (groupId: number) => void;
}): JSX.Element {
  const { options, value, errors, onChange } = props;
  const { trans } = options;
  const groups = options.groups ?? [];
  const choices = taskChoices(options.tasks, options.username);
  const id = (name: string) => `jp-NerdUp-commit-${name}`;
  const described = (name: string) => ({
    'aria-invalid': !!errors.fields[name],
    'aria-describedby': `${id(name)}-error`
  });
  return (
    <form
      className="jp-NerdUp-commitForm"
      onSubmit={event => event.preventDefault()}
      aria-busy={props.busy}
      noValidate
    >
      {errors.message && (
        <div className="jp-NerdUp-formError" role="alert">
          {errors.message}
        </div>
      )}
      {groups.length > 1 ? (
        <div className="jp-NerdUp-field">
          <p className="jp-NerdUp-commitTarget">{options.path}</p>
          <label htmlFor={id('group')}>{trans.__('Study group')}</label>
          <select
            id={id('group')}
            className="jp-mod-styled jp-NerdUp-commitGroup"
            value={String(value.groupId)}
            onChange={e => props.onGroup(Number(e.target.value))}
          >
            {groups.map(g => (
              <option key={g.id} value={String(g.id)}>
                {g.title}
              </option>
            ))}
          </select>
        </div>
      ) : (
        <p className="jp-NerdUp-commitTarget">
          {trans.__('%1 into %2', options.path, options.groupTitle)}
        </p>
      )}
      <div className="jp-NerdUp-field">
        <label htmlFor={id('message')}>{trans.__('Message')}</label>
        <textarea
          id={id('message')}
          {...described('message')}
          className="jp-mod-styled jp-NerdUp-commitMessage"
          rows={3}
          value={value.message}
          placeholder={
            defaultMessage(value.taskId, options.tasks, trans) ||
            trans.__('What did you do? (e.g. "cleaned the prices")')
          }
          onChange={e => onChange({ ...value, message: e.target.value })}
        />
        <FieldError
          id={`${id('message')}-error`}
          message={errors.fields.message}
        />
      </div>
      <div className="jp-NerdUp-field">
        <label htmlFor={id('task')}>{trans.__('Task')}</label>
        <select
          id={id('task')}
          {...described('task')}
          className="jp-mod-styled jp-NerdUp-commitTask"
          value={value.taskId === null ? '' : String(value.taskId)}
          onChange={e =>
            onChange({
              ...value,
              taskId: e.target.value === '' ? null : Number(e.target.value)
            })
          }
        >
          <option value="">{trans.__('No task')}</option>
          {choices.map(t => (
            <option key={t.id} value={String(t.id)}>
              {t.status === 'done' ? trans.__('%1 (done)', t.title) : t.title}
            </option>
          ))}
        </select>
        <FieldError id={`${id('task')}-error`} message={errors.fields.task} />
      </div>
      <fieldset
        className="jp-NerdUp-field jp-NerdUp-commitPolicy"
        {...described('policy')}
      >
        <legend>{trans.__('Outputs')}</legend>
        {OUTPUT_POLICIES.map(policy => (
          <label key={policy} className="jp-NerdUp-radio">
            <input
              type="radio"
              name="nerdup-policy"
              value={policy}
              checked={value.policy === policy}
              onChange={() => onChange({ ...value, policy })}
            />
            {policyLabel(policy, trans, options.maxOutputBytes)}
          </label>
        ))}
        <FieldError
          id={`${id('policy')}-error`}
          message={errors.fields.policy}
        />
      </fieldset>
    </form>
  );
}

/** The body of the "Commit snapshot" dialog. */
export class CommitDialogBody
  extends ReactWidget
  implements Dialog.IBodyWidget<ICommitForm>, ISubmittableBody
{
  constructor(private readonly options: ICommitDialogOptions) {
    super();
    this.addClass('jp-NerdUp-commitDialog');
    this._value = {
      groupId: options.groupId,
      message: '',
      taskId: options.defaultTaskId ?? null,
      policy: options.defaultPolicy
    };
    this._tasks = options.tasks;
    this._maxOutputBytes = options.maxOutputBytes ?? null;
  }

  /** The open tasks of the chosen group. */
  get tasks(): ITaskInfo[] {
    return this._tasks;
  }

  /**
   * Another group picked: its tasks, policy and linked task replace the last group's
   * (the message stays). A slow answer for a group no longer picked is dropped.
   */
  async pickGroup(groupId: number): Promise<void> {
    this._value = { ...this._value, groupId, taskId: null };
    this.update();
    if (!this.options.loadGroup) {
      return;
    }
    const target = await this.options.loadGroup(groupId);
    if (this._value.groupId !== groupId) {
      return;
    }
    this._tasks = target.tasks;
    this._maxOutputBytes = target.maxOutputBytes;
    this._value = {
      ...this._value,
      taskId: target.taskId,
      policy: target.policy
    };
    this.update();
  }

  getValue(): ICommitForm {
    const message =
      this._value.message.trim() ||
      defaultMessage(this._value.taskId, this._tasks, this.options.trans);
    return { ...this._value, message };
  }

  /** What the server refused of the last try, shown in the dialog. */
  get errors(): IFormErrors {
    return this._errors;
  }

  /**
   * Commit (the dialog's Commit button): true when it worked; false when it was refused,
   * the reason then shown inline and the form kept as the user left it.
   */
  async submit(): Promise<boolean> {
    if (this._busy) {
      return false;
    }
    this._busy = true;
    this.update();
    try {
      await this.options.onCommit?.(this.getValue(), this._tasks);
      this._errors = NO_ERRORS;
      return true;
    } catch (error) {
      this._errors = commitErrors(error, this.options.trans);
      return false;
    } finally {
      this._busy = false;
      this.update();
    }
  }

  render(): JSX.Element {
    return (
      <CommitForm
        options={{
          ...this.options,
          tasks: this._tasks,
          maxOutputBytes: this._maxOutputBytes
        }}
        value={this._value}
        errors={this._errors}
        busy={this._busy}
        onChange={value => {
          this._value = value;
          this.update();
        }}
        onGroup={groupId => void this.pickGroup(groupId)}
      />
    );
  }

  private _value: ICommitForm;
  private _tasks: ITaskInfo[];
  private _maxOutputBytes: number | null;
  private _errors: IFormErrors = NO_ERRORS;
  private _busy = false;
}
