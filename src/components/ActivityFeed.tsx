import * as React from 'react';

import { Time } from '@jupyterlab/coreutils';

import { activitySummary } from '../model/derive';
import { IActivity } from '../model/types';
import { useSidebar } from './context';
import { Person } from './Person';
import { SnapshotLinks, snapshotOf } from './SnapshotLinks';

export interface IActivityFeedProps {
  items: readonly IActivity[];
  label?: string;
}

/** Who did what, newest first: "alice took on “Clean the data” · 5 minutes ago". */
export function ActivityFeed(props: IActivityFeedProps): JSX.Element {
  const { trans } = useSidebar();
  if (props.items.length === 0) {
    return (
      <p className="jp-NerdUp-empty">{trans.__('Nothing happened yet.')}</p>
    );
  }
  return (
    <ul
      className="jp-NerdUp-activity"
      aria-label={props.label ?? trans.__('Recent activity')}
    >
      {props.items.map(a => {
        const snapshot = snapshotOf(a.subject);
        return (
          <li key={a.id} className="jp-NerdUp-activity-item">
            <Person name={a.actor} /> {activitySummary(a)}
            <time
              className="jp-NerdUp-when"
              dateTime={a.created_at}
              title={Time.format(a.created_at)}
            >
              {' · '}
              {Time.formatHuman(a.created_at)}
            </time>
            {snapshot && (
              <div>
                <SnapshotLinks snapshotId={snapshot.id} path={snapshot.path} />
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
