import * as React from 'react';

import { Dialog } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';

import { ITaskInfo } from '../dashboard/api';
import { OUTPUT_POLICIES, OutputPolicy } from '../snapshots/types';

/** What the user chose in the commit dialog. */
export interface ICommitForm {
  message: string;
  taskId: number | null;
  policy: OutputPolicy;
}

export interface ICommitDialogOptions {
  trans: TranslationBundle;
  path: string;
  groupTitle: string;
  /** Tasks the snapshot may be linked to (open ones first). */
  tasks: ITaskInfo[];
  defaultPolicy: OutputPolicy;
  /** Outputs over this size are dropped by "drop_large" (from the group's settings). */
  maxOutputBytes?: number | null;
  /** A task to preselect (e.g. one that links this notebook). */
  defaultTaskId?: number | null;
  username?: string | null;
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

/** Open tasks first (mine before others), done ones last; titles for the picker. */
export function taskChoices(
  tasks: ITaskInfo[],
  username?: string | null
): ITaskInfo[] {
  const rank = (t: ITaskInfo) =>
    (t.status === 'done' ? 2 : 0) +
    (username && (t.owner === username || t.claimed_by.includes(username))
      ? 0
      : 1);
  return [...tasks].sort((a, b) => rank(a) - rank(b) || a.id - b.id);
}

function CommitForm(props: {
  options: ICommitDialogOptions;
  value: ICommitForm;
  onChange: (value: ICommitForm) => void;
}): JSX.Element {
  const { options, value, onChange } = props;
  const { trans } = options;
  const choices = taskChoices(options.tasks, options.username);
  return (
    <form
      className="jp-NerdUp-commitForm"
      onSubmit={event => event.preventDefault()}
    >
      <p className="jp-NerdUp-commitTarget">
        {trans.__('%1 into %2', options.path, options.groupTitle)}
      </p>
      <label className="jp-NerdUp-field">
        <span>{trans.__('Message')}</span>
        <textarea
          className="jp-mod-styled jp-NerdUp-commitMessage"
          rows={3}
          value={value.message}
          placeholder={trans.__('What did you do? (e.g. "cleaned the prices")')}
          onChange={e => onChange({ ...value, message: e.target.value })}
        />
      </label>
      <label className="jp-NerdUp-field">
        <span>{trans.__('Task')}</span>
        <select
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
      </label>
      <fieldset className="jp-NerdUp-field jp-NerdUp-commitPolicy">
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
      </fieldset>
    </form>
  );
}

/** The body of the "Commit snapshot" dialog. */
export class CommitDialogBody
  extends ReactWidget
  implements Dialog.IBodyWidget<ICommitForm>
{
  constructor(private readonly options: ICommitDialogOptions) {
    super();
    this.addClass('jp-NerdUp-commitDialog');
    this._value = {
      message: '',
      taskId: options.defaultTaskId ?? null,
      policy: options.defaultPolicy
    };
  }

  getValue(): ICommitForm {
    return { ...this._value, message: this._value.message.trim() };
  }

  render(): JSX.Element {
    return (
      <CommitForm
        options={this.options}
        value={this._value}
        onChange={value => {
          this._value = value;
          this.update();
        }}
      />
    );
  }

  private _value: ICommitForm;
}
