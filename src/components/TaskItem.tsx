import * as React from 'react';

import { PathExt } from '@jupyterlab/coreutils';
import { Button, linkIcon, notebookIcon } from '@jupyterlab/ui-components';

import { canWork, isMine } from '../model/derive';
import { askAbout } from '../rhythm/askabout';
import { IGroup, ITask } from '../model/types';
import { useSidebar } from './context';
import { EveryoneTask } from './EveryoneTask';
import { People, Person } from './Person';
import { TaskHead } from './TaskHead';
import { TaskWork, useTaskWork } from './TaskWork';

export interface ITaskItemProps {
  task: ITask;
  group: IGroup;
}

/** One task: status, who works on it, and what I can do with it. */
export function TaskItem(props: ITaskItemProps): JSX.Element {
  return props.task.per_member ? (
    <EveryoneTask {...props} />
  ) : (
    <GroupTaskItem {...props} />
  );
}

function GroupTaskItem(props: ITaskItemProps): JSX.Element {
  const {
    model,
    trans,
    openNotebookPath,
    openPath,
    openTaskNotebook,
    openGroup
  } = useSidebar();
  const { task, group } = props;
  const me = model.username;
  const mine = isMine(task, me);
  const worker = canWork(group);
  const canChange = mine || group.my_role === 'organizer';
  const [busy, setBusy] = React.useState(false);
  const act = async (fn: () => Promise<boolean>) => {
    setBusy(true);
    await fn();
    setBusy(false);
  };
  const a = model.actions;
  const work = useTaskWork(group, task);
  const notebook = openNotebookPath();
  const status = {
    todo: trans.__('to do'),
    doing: trans.__('in progress'),
    done: trans.__('done')
  }[task.status];
  const who = task.personal ? (
    <>
      {trans.__('personal task of')} <Person name={task.owner} />
    </>
  ) : task.claimed_by.length > 0 ? (
    <>
      {trans.__('taken by')} <People names={task.claimed_by} />
    </>
  ) : (
    trans.__('nobody yet')
  );
  return (
    <li
      className={`jp-NerdUp-task jp-NerdUp-task-${task.status}`}
      data-task-id={task.id}
      aria-label={trans.__('Task %1, %2', task.title, status)}
    >
      <TaskHead
        task={task}
        group={group}
        state={task.status}
        label={status}
        done={task.status === 'done'}
        busy={busy}
      >
        {task.next_session && (
          <span className="jp-NerdUp-badge jp-NerdUp-badge-next">
            {trans.__('next session')}
          </span>
        )}
      </TaskHead>
      <div className="jp-NerdUp-task-who">{who}</div>
      <TaskWork work={work} />
      {task.notebooks.length > 0 && (
        <ul
          className="jp-NerdUp-notebooks"
          aria-label={trans.__('Linked notebooks')}
        >
          {task.notebooks.map(path => (
            <li key={path}>
              <button
                className="jp-NerdUp-linkButton"
                onClick={() => openPath(path)}
                title={trans.__('Open %1', path)}
              >
                <notebookIcon.react
                  tag="span"
                  className="jp-NerdUp-inlineIcon"
                />
                {PathExt.basename(path)}
              </button>
            </li>
          ))}
        </ul>
      )}
      {worker && (
        <div className="jp-NerdUp-actions jp-NerdUp-task-actions">
          {!task.personal &&
            !task.claimed_by.includes(me ?? '') &&
            task.status !== 'done' && (
              <Button
                small
                disabled={busy}
                onClick={() => act(() => a.claim(task))}
              >
                {trans.__('Claim')}
              </Button>
            )}
          {!task.personal && task.claimed_by.includes(me ?? '') && (
            <Button
              small
              minimal
              disabled={busy}
              onClick={() => act(() => a.release(task))}
            >
              {trans.__('Unclaim')}
            </Button>
          )}
          {canChange && task.status === 'todo' && (
            <Button
              small
              minimal
              disabled={busy}
              onClick={() => act(() => a.setStatus(task, 'doing'))}
            >
              {trans.__('Start')}
            </Button>
          )}
          {canChange && task.status !== 'done' && (
            <Button
              small
              disabled={busy}
              onClick={() => act(() => a.setStatus(task, 'done'))}
            >
              {trans.__('Done')}
            </Button>
          )}
          {canChange && task.status === 'done' && (
            <Button
              small
              minimal
              disabled={busy}
              onClick={() => act(() => a.setStatus(task, 'todo'))}
            >
              {trans.__('Reopen')}
            </Button>
          )}
          {canChange && task.status !== 'done' && (
            <Button
              small
              minimal
              disabled={busy}
              aria-pressed={task.next_session}
              onClick={() => act(() => a.toggleNextSession(task))}
            >
              {task.next_session
                ? trans.__('Not next session')
                : trans.__('Next session')}
            </Button>
          )}
          {mine && openTaskNotebook && (
            <Button
              small
              disabled={busy}
              title={trans.__(
                "Open your notebook for this task (made in the group's folder the first time)"
              )}
              onClick={() =>
                openTaskNotebook(
                  group.id,
                  task.id,
                  work.mine?.path ? String(work.mine.path) : undefined
                )
              }
            >
              <notebookIcon.react tag="span" className="jp-NerdUp-inlineIcon" />
              {trans.__('Open my notebook')}
            </Button>
          )}
          {openGroup && (
            <Button
              small
              minimal
              title={trans.__('Ask the group a question about this task')}
              onClick={() => {
                askAbout(model).request(group.id, { task_id: task.id });
                openGroup(group.id, 'questions');
              }}
            >
              {trans.__('Ask about it')}
            </Button>
          )}
          {canChange && notebook && !task.notebooks.includes(notebook) && (
            <Button
              small
              minimal
              disabled={busy}
              title={trans.__('Link %1 to this task', notebook)}
              onClick={() => act(() => a.linkNotebook(task, notebook))}
            >
              <linkIcon.react tag="span" className="jp-NerdUp-inlineIcon" />
              {trans.__('Link notebook')}
            </Button>
          )}
        </div>
      )}
    </li>
  );
}
