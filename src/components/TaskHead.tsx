import * as React from 'react';

import { checkIcon } from '@jupyterlab/ui-components';

import { canEditTask } from '../model/editing';
import { IGroup, ITask } from '../model/types';
import { useSidebar } from './context';
import { deleteTask, editTask, RowActions } from './PlanEditing';

export interface ITaskHeadProps {
  task: ITask;
  group: IGroup;
  /** The row's state for its colour: todo, doing or done. */
  state: string;
  /** The state in words ("in progress", "3 of 5 done"). */
  label: string;
  /** What the state badge's tooltip says, if anything. */
  labelTitle?: string;
  done: boolean;
  busy: boolean;
  /** Badges after the title. */
  children?: React.ReactNode;
}

/**
 * The first line of a task row, the same for a group task and a task everyone does:
 * its state, its title and, for whoever may change it, edit and delete.
 */
export function TaskHead(props: ITaskHeadProps): JSX.Element {
  const ctx = useSidebar();
  const { model, trans } = ctx;
  const { task, group } = props;
  return (
    <div className="jp-NerdUp-task-head">
      <span
        className={`jp-NerdUp-taskStatus jp-NerdUp-taskStatus-${props.state}`}
        title={props.labelTitle}
      >
        {props.done ? (
          <checkIcon.react tag="span" className="jp-NerdUp-inlineIcon" />
        ) : null}
        {props.label}
      </span>
      <span className="jp-NerdUp-task-title">{task.title}</span>
      {props.children}
      {canEditTask(group, task, model.username) && (
        <RowActions
          editLabel={trans.__('Edit task %1', task.title)}
          deleteLabel={trans.__('Delete task %1', task.title)}
          disabled={props.busy}
          onEdit={() => void editTask(ctx, task)}
          onDelete={() => void deleteTask(ctx, task)}
        />
      )}
    </div>
  );
}
