import { Dialog, Notification } from '@jupyterlab/apputils';
import { NotebookPanel } from '@jupyterlab/notebook';
import { ServerConnection } from '@jupyterlab/services';
import { TranslationBundle } from '@jupyterlab/translation';
import { UUID } from '@lumino/coreutils';

import { requestAPI } from '../api';

import { FormDialog } from '../components/FormDialog';
import { GroupAPI, ITaskInfo } from '../dashboard/api';
import { SnapshotAPI } from '../snapshots/api';
import { CurrentGroup, IGroupRef } from '../snapshots/currentgroup';
import { ISnapshot, OutputPolicy } from '../snapshots/types';
import {
  commitErrorMessage,
  CommitDialogBody,
  ICommitTarget
} from './commitdialog';
import { readRecord, writeRecord } from './record';

export { commitErrorMessage };

export interface ICommitDeps {
  group: CurrentGroup;
  trans: TranslationBundle;
  /** The `defaultOutputPolicy` setting when the user set it; null: the group's policy. */
  defaultPolicy: () => OutputPolicy | null;
  username?: () => string | null;
  /** Called after a successful commit (refreshes the history). */
  committed?: (snapshot: ISnapshot) => void;
  /** Opens a snapshot read-only (the notification's action). */
  openSnapshot: (snapshot: ISnapshot) => void;
  /**
   * For tests: the dialog, the API. `ask` shows the body and resolves true once its
   * `submit()` committed, false when the user cancelled.
   */
  ask?: (body: CommitDialogBody) => Promise<boolean>;
  commit?: typeof SnapshotAPI.commit;
  tasks?: (groupId: number) => Promise<ITaskInfo[]>;
  groupSettings?: typeof SnapshotAPI.settings;
  groupRef?: (id: number) => Promise<IGroupRef>;
  markDone?: (taskId: number) => Promise<void>;
  /** Opens the groups directory (the action when the user is in no group). */
  findGroup?: () => void;
  /** Called once a task was marked done from the notice (refreshes the sidebar). */
  taskDone?: (taskId: number) => void;
}

/** The id and title of the group a notebook's record names. */
async function groupRef(id: number): Promise<IGroupRef> {
  const g = await GroupAPI.group(id);
  return { id: g.id, title: g.title };
}

/** The setting's value as the API spells it ("drop-large" is accepted too). */
export function normalisePolicy(value: unknown): OutputPolicy {
  if (value === 'keep' || value === 'strip') {
    return value;
  }
  return 'drop_large';
}

/**
 * The dialog, as the plan's edit dialogs: Commit submits the body and the dialog closes
 * only when the commit worked; a refusal stays in it, next to what the user typed.
 */
async function askWithDialog(
  body: CommitDialogBody,
  trans: TranslationBundle
): Promise<boolean> {
  const dialog = new FormDialog({
    title: trans.__('Commit snapshot'),
    body,
    focusNodeSelector: 'textarea',
    buttons: [
      Dialog.cancelButton({ label: trans.__('Cancel') }),
      Dialog.okButton({ label: trans.__('Commit') })
    ]
  });
  const result = await dialog.launch();
  return result.button.accept;
}

/**
 * "Commit snapshot": ask for message, task and output policy, save the notebook, commit
 * it into the current group, and confirm with a link to the new snapshot.
 */
export async function commitSnapshot(
  panel: NotebookPanel,
  deps: ICommitDeps
): Promise<ISnapshot | null> {
  const { trans } = deps;
  // The notebook's record names its group; a notebook without one asks, among the
  // groups the user may commit into, starting on the sidebar's group when it is one.
  const record = readRecord(panel.context.model);
  let group: IGroupRef | null;
  let choices: IGroupRef[] = [];
  try {
    if (record) {
      group = await (deps.groupRef ?? groupRef)(record.group);
    } else {
      choices = await deps.group.commitTargets();
      const shown = deps.group.group;
      group = choices.find(c => c.id === shown?.id) ?? choices[0] ?? null;
    }
  } catch (error) {
    Notification.error(commitErrorMessage(error, trans), { autoClose: 8000 });
    return null;
  }
  if (!group) {
    Notification.warning(
      trans.__(
        'Join a study group first: a snapshot belongs to a group, and you are in none.'
      ),
      {
        autoClose: 8000,
        actions: deps.findGroup
          ? [
              {
                label: trans.__('Find a group'),
                caption: trans.__('Open the Study groups directory'),
                callback: () => deps.findGroup?.()
              }
            ]
          : []
      }
    );
    return null;
  }
  const path = panel.context.path;
  /** What the dialog needs of a group: its open tasks, its policy, the linked task. */
  const load = async (id: number): Promise<ICommitTarget> => {
    const [tasks, settings] = await Promise.all([
      (deps.tasks ?? GroupAPI.tasks)(id).catch(() => [] as ITaskInfo[]),
      (deps.groupSettings ?? SnapshotAPI.settings)(id).catch(() => null)
    ]);
    const open = (taskId: number | undefined) =>
      tasks.find(t => t.id === taskId && t.status !== 'done');
    const linked =
      open(record?.task) ??
      tasks.find(
        t => t.status !== 'done' && (t.notebooks ?? []).includes(path)
      );
    return {
      tasks,
      policy: deps.defaultPolicy() ?? normalisePolicy(settings?.policy),
      maxOutputBytes: settings?.max_output_bytes ?? null,
      taskId: linked?.id ?? null
    };
  };
  const first = await load(group.id);
  // What the dialog's successful try committed, and the tasks of the group it went to.
  const made: { snapshot?: ISnapshot; tasks: ITaskInfo[] } = {
    tasks: first.tasks
  };
  // One key for every attempt of this dialog: when an answer is lost (a dropped
  // connection after the server stored the snapshot), the retry gets that snapshot
  // back instead of storing a second one.
  const idempotencyKey = UUID.uuid4();
  const body = new CommitDialogBody({
    trans,
    path,
    groupTitle: group.title,
    groupId: group.id,
    groups: choices.length > 1 ? choices : [],
    loadGroup: load,
    tasks: first.tasks,
    defaultPolicy: first.policy,
    maxOutputBytes: first.maxOutputBytes,
    defaultTaskId: first.taskId,
    username: deps.username?.() ?? null,
    onCommit: async (form, tasks) => {
      // The commit goes in the record: the next one follows it, whatever the sidebar shows.
      writeRecord(panel.context.model, {
        group: form.groupId,
        task: form.taskId
      });
      if (panel.context.model.dirty || !panel.context.contentsModel) {
        await panel.context.save();
      }
      made.snapshot = await (deps.commit ?? SnapshotAPI.commit)(form.groupId, {
        path,
        message: form.message,
        task_id: form.taskId,
        policy: form.policy,
        idempotencyKey
      });
      made.tasks = tasks;
    }
  });
  const committed = await (deps.ask ?? (b => askWithDialog(b, trans)))(body);
  if (!committed || !made.snapshot) {
    return null;
  }
  const task = made.tasks.find(
    t => t.id === made.snapshot?.task_id && t.status !== 'done'
  );
  return announce(made.snapshot, path, deps, task ?? null);
}

/** Mark a task done (PATCH with the version just read, so nobody's edit is lost). */
export async function markTaskDone(
  taskId: number,
  settings?: ServerConnection.ISettings
): Promise<void> {
  const current = await requestAPI<{ version: number }>(
    `tasks/${taskId}`,
    {},
    settings
  );
  await requestAPI(
    `tasks/${taskId}`,
    {
      method: 'PATCH',
      body: { status: 'done' },
      headers: { 'If-Match': `"${current.version}"` }
    },
    settings
  );
}

/** After a commit: refresh what shows it, and say so with a link to the snapshot. */
function announce(
  snapshot: ISnapshot,
  path: string,
  deps: ICommitDeps,
  openTask: ITaskInfo | null
): ISnapshot {
  const { trans } = deps;
  deps.committed?.(snapshot);
  const same = snapshot.unchanged_since;
  Notification.success(
    same
      ? trans.__(
          'Snapshot #%1 of %2 committed (same content as #%3, stored once).',
          snapshot.id,
          path,
          same
        )
      : trans.__('Snapshot #%1 of %2 committed.', snapshot.id, path),
    {
      autoClose: 6000,
      actions: [
        {
          label: trans.__('Open snapshot'),
          caption: trans.__('Open the snapshot read-only'),
          callback: () => deps.openSnapshot(snapshot)
        },
        ...(openTask
          ? [
              {
                label: trans.__('Mark the task done'),
                caption: trans.__('Mark "%1" done', openTask.title),
                callback: () => {
                  void (deps.markDone ?? markTaskDone)(openTask.id).then(
                    () => deps.taskDone?.(openTask.id),
                    error =>
                      Notification.error(
                        trans.__(
                          'The task is not marked done: %1',
                          error instanceof Error ? error.message : String(error)
                        ),
                        { autoClose: 8000 }
                      )
                  );
                }
              }
            ]
          : [])
      ]
    }
  );
  return snapshot;
}
