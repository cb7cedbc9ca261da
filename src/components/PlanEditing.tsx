import * as React from 'react';

import { Dialog, showDialog } from '@jupyterlab/apputils';
import { Button, deleteIcon, editIcon } from '@jupyterlab/ui-components';

import {
  FormValues,
  milestoneInput,
  milestoneValues,
  RecordEdit,
  taskInput,
  taskValues
} from '../model/editing';
import { IMilestone, ITask } from '../model/types';
import { ISidebarContext, SidebarContext } from './context';
import { FormDialog, FormDialogBody } from './FormDialog';
import { IInlineField, InlineForm } from './InlineForm';

export interface IRowActionsProps {
  /** Accessible names of the two buttons, e.g. "Edit milestone Explore". */
  editLabel: string;
  deleteLabel: string;
  onEdit: () => void;
  onDelete: () => void;
  disabled?: boolean;
}

/** "Edit" and "Delete" of a milestone or task row: icon buttons with names. */
export function RowActions(props: IRowActionsProps): JSX.Element {
  return (
    <span className="jp-NerdUp-rowActions">
      <Button
        small
        minimal
        className="jp-NerdUp-rowAction"
        aria-label={props.editLabel}
        title={props.editLabel}
        disabled={props.disabled}
        onClick={props.onEdit}
      >
        <editIcon.react tag="span" className="jp-NerdUp-inlineIcon" />
      </Button>
      <Button
        small
        minimal
        className="jp-NerdUp-rowAction jp-NerdUp-rowAction-delete"
        aria-label={props.deleteLabel}
        title={props.deleteLabel}
        disabled={props.disabled}
        onClick={props.onDelete}
      >
        <deleteIcon.react tag="span" className="jp-NerdUp-inlineIcon" />
      </Button>
    </span>
  );
}

/**
 * Open the edit form of a record in a Dialog; true when it was saved. Field errors and
 * a stale edit (the teammate's version) stay in the dialog, next to what was typed.
 */
export async function editInDialog<R extends { version: number }>(
  ctx: ISidebarContext,
  options: {
    title: string;
    fields: IInlineField[];
    edit: RecordEdit<R>;
  }
): Promise<boolean> {
  const { trans } = ctx;
  const { edit } = options;
  const body = new FormDialogBody(ref => (
    <SidebarContext.Provider value={ctx}>
      <InlineForm
        ref={ref}
        embedded
        label={options.title}
        submitLabel={trans.__('Save')}
        fields={options.fields}
        initial={edit.initial}
        onSubmit={(values: FormValues) => edit.submit(values)}
        onCancel={() => undefined}
      />
    </SidebarContext.Provider>
  ));
  const dialog = new FormDialog({
    title: options.title,
    body,
    focusNodeSelector: 'input',
    buttons: [
      Dialog.cancelButton({ label: trans.__('Cancel') }),
      Dialog.okButton({ label: trans.__('Save') })
    ]
  });
  dialog.addClass('jp-NerdUp-editDialog');
  const result = await dialog.launch();
  return result.button.accept;
}

const conflictMessage = (ctx: ISidebarContext) =>
  ctx.trans.__(
    'Someone else changed this while you were editing it. Their version now:'
  );

/** Edit a milestone's title, goal and due date (organizers). */
export function editMilestone(
  ctx: ISidebarContext,
  milestone: IMilestone
): Promise<boolean> {
  const { model, trans } = ctx;
  const edit = new RecordEdit<IMilestone>(
    milestone,
    milestoneValues,
    (base, changes) =>
      model.actions.editMilestone(base, base.version, milestoneInput(changes)),
    conflictMessage(ctx)
  );
  return editInDialog(ctx, {
    title: trans.__('Edit milestone “%1”', milestone.title),
    fields: [
      { name: 'title', label: trans.__('Milestone') },
      { name: 'goal', label: trans.__('Goal (markdown)'), type: 'textarea' },
      { name: 'due', label: trans.__('Due'), type: 'date' }
    ],
    edit
  });
}

/** Edit a task's title, details and weight. */
export function editTask(ctx: ISidebarContext, task: ITask): Promise<boolean> {
  const { model, trans } = ctx;
  const edit = new RecordEdit<ITask>(
    task,
    taskValues,
    (base, changes) =>
      model.actions.editTask(base, base.version, taskInput(changes)),
    conflictMessage(ctx)
  );
  return editInDialog(ctx, {
    title: trans.__('Edit task “%1”', task.title),
    fields: [
      { name: 'title', label: trans.__('Task') },
      {
        name: 'description',
        label: trans.__('Details (markdown)'),
        type: 'textarea'
      },
      { name: 'weight', label: trans.__('Weight'), type: 'number' }
    ],
    edit
  });
}

/** The question asked before a milestone is deleted, naming it and its tasks. */
export function deleteMilestoneQuestion(
  ctx: Pick<ISidebarContext, 'trans'>,
  milestone: IMilestone
): string {
  const count = milestone.tasks?.length ?? milestone.progress.tasks_total;
  return count === 0
    ? ctx.trans.__('Delete milestone “%1”?', milestone.title)
    : ctx.trans._n(
        'Delete milestone “%2” and its %1 task?',
        'Delete milestone “%2” and its %1 tasks?',
        count,
        milestone.title
      );
}

/** Ask before something that cannot be undone; `action` names the warning button. */
export async function confirmDelete(
  ctx: Pick<ISidebarContext, 'trans'>,
  title: string,
  body: string,
  action?: string
): Promise<boolean> {
  const { trans } = ctx;
  const result = await showDialog({
    title,
    body,
    buttons: [
      Dialog.cancelButton({ label: trans.__('Cancel') }),
      Dialog.warnButton({ label: action ?? trans.__('Delete') })
    ],
    // As JupyterLab's own "Delete file": Enter on opening does not delete.
    defaultButton: 0
  });
  return result.button.accept;
}

/** Ask, then delete a milestone with its tasks; true when deleted. */
export async function deleteMilestone(
  ctx: ISidebarContext,
  milestone: IMilestone
): Promise<boolean> {
  const yes = await confirmDelete(
    ctx,
    deleteMilestoneQuestion(ctx, milestone),
    ctx.trans.__(
      'It goes for the whole group, with its tasks and their claims. This cannot be undone.'
    )
  );
  return yes && ctx.model.actions.deleteMilestone(milestone);
}

/** Ask, then delete a task; true when deleted. */
export async function deleteTask(
  ctx: ISidebarContext,
  task: ITask
): Promise<boolean> {
  const yes = await confirmDelete(
    ctx,
    ctx.trans.__('Delete task “%1”?', task.title),
    ctx.trans.__(
      'It goes for the whole group, with its claims. This cannot be undone.'
    )
  );
  return yes && ctx.model.actions.deleteTask(task);
}
