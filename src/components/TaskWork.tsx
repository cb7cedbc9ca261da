import * as React from 'react';

import { PathExt, Time } from '@jupyterlab/coreutils';

import { ITaskWork, taskWork } from '../model/derive';
import { IGroup, ISnapshotSummary, ITask } from '../model/types';
import { useSidebar } from './context';
import { Person } from './Person';

/** The work on a task as its row shows it (mine and the newest), from the group's view. */
export function useTaskWork(group: IGroup, task: ITask): ITaskWork {
  const { model } = useSidebar();
  const view = model.view(group.id);
  return taskWork(view?.taskSnapshots ?? [], task.id, model.username);
}

/**
 * What was done on a task: my notebook for it (by the name I last committed it under, so
 * a rename shows) with my last snapshot, and the newest snapshot when a teammate made it.
 * Each snapshot opens read-only.
 */
export function TaskWork(props: { work: ITaskWork }): JSX.Element | null {
  const { trans } = useSidebar();
  const { mine, latest } = props.work;
  if (!mine && !latest) {
    return null;
  }
  return (
    <div className="jp-NerdUp-taskWork">
      {mine && (
        <div>
          {trans.__('My notebook')}{' '}
          <span className="jp-NerdUp-path" title={String(mine.path ?? '')}>
            {PathExt.basename(String(mine.path ?? ''))}
          </span>
          {' · '}
          <SnapshotTime
            snapshot={mine}
            label={when => trans.__('last snapshot %1', when)}
          />
        </div>
      )}
      {latest && latest !== mine && (
        <div>
          {trans.__('Latest snapshot by')}{' '}
          <Person name={latest.author ?? null} />
          {' · '}
          <SnapshotTime snapshot={latest} label={when => when} />
        </div>
      )}
    </div>
  );
}

/** A snapshot's age as a link that opens it read-only (plain text where that cannot). */
function SnapshotTime(props: {
  snapshot: ISnapshotSummary;
  label: (when: string) => string;
}): JSX.Element {
  const { trans, openSnapshot } = useSidebar();
  const { snapshot } = props;
  const at = snapshot.created_at ?? '';
  const text = props.label(at ? Time.formatHuman(at) : '');
  const time = (
    <time dateTime={at} title={at ? Time.format(at) : undefined}>
      {text}
    </time>
  );
  if (!openSnapshot) {
    return time;
  }
  return (
    <button
      className="jp-NerdUp-linkButton"
      title={trans.__('Open this snapshot read-only')}
      onClick={() => openSnapshot(Number(snapshot.id), false)}
    >
      {time}
    </button>
  );
}
