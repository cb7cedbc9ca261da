import * as React from 'react';

import { Button, notebookIcon } from '@jupyterlab/ui-components';

import { canWork } from '../model/derive';
import { IGroup, ITask } from '../model/types';
import { useSidebar } from './context';
import { People } from './Person';
import { TaskHead } from './TaskHead';
import { TaskWork, useTaskWork } from './TaskWork';

/**
 * A task everyone does separately (a template's "everyone does this one"): how many of
 * its doers did their part ("3 of 5 done", the server's count), who, and my own part.
 */
export function EveryoneTask(props: {
  task: ITask;
  group: IGroup;
}): JSX.Element {
  const { model, trans, openTaskNotebook } = useSidebar();
  const { task, group } = props;
  const me = model.username;
  const done = task.members_done ?? 0;
  const total = task.members_total ?? 0;
  const mineDone = me !== null && (task.completed_by ?? []).includes(me);
  const allDone = task.progress >= 1;
  const work = useTaskWork(group, task);
  const [busy, setBusy] = React.useState(false);
  const setMine = async (value: boolean) => {
    setBusy(true);
    await model.actions.setMyPart(task, value);
    setBusy(false);
  };
  const count = trans.__('%1 of %2 done', done, total);
  const state = allDone ? 'done' : done > 0 ? 'doing' : 'todo';
  return (
    <li
      className={`jp-NerdUp-task jp-NerdUp-task-${state} jp-NerdUp-task-everyone`}
      data-task-id={task.id}
      aria-label={trans.__('Task %1, everyone does it, %2', task.title, count)}
    >
      <TaskHead
        task={task}
        group={group}
        state={state}
        label={count}
        labelTitle={trans.__('Members who did their part')}
        done={allDone}
        busy={busy}
      />
      <div className="jp-NerdUp-task-who">
        {trans.__('everyone does this one')}
        {done > 0 && (
          <>
            {' · '}
            <People names={task.completed_by ?? []} />
          </>
        )}
      </div>
      <TaskWork work={work} />
      {canWork(group) && (
        <div className="jp-NerdUp-actions jp-NerdUp-task-actions">
          {mineDone ? (
            <Button
              small
              minimal
              disabled={busy}
              onClick={() => void setMine(false)}
            >
              {trans.__('Undo my part')}
            </Button>
          ) : (
            <Button small disabled={busy} onClick={() => void setMine(true)}>
              {trans.__('I did my part')}
            </Button>
          )}
          {openTaskNotebook && (
            <Button
              small
              minimal
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
        </div>
      )}
    </li>
  );
}
