import * as React from 'react';

import { Time } from '@jupyterlab/coreutils';

import { currentMilestone, recentWork, whoToAsk } from '../model/derive';
import { IGroupView } from '../model/types';
import { ActivityFeed } from './ActivityFeed';
import { useSidebar } from './context';
import { memberLabel } from './GroupCard';
import { Markdown } from './Markdown';
import { Person } from './Person';
import { SnapshotLinks } from './SnapshotLinks';

export interface ICatchUpProps {
  view: IGroupView;
}

/** "Where we are": the five-minute catch-up for someone new to the group. */
export function CatchUp(props: ICatchUpProps): JSX.Element {
  const { trans } = useSidebar();
  const { view } = props;
  const now = currentMilestone(view.milestones);
  const done = recentWork(view.activity);
  const ask = whoToAsk(view.group);
  return (
    <section
      className="jp-NerdUp-catchup"
      aria-labelledby="jp-NerdUp-catchup-h"
    >
      <h3 id="jp-NerdUp-catchup-h" className="jp-NerdUp-sectionTitle">
        {trans.__('Where we are')}
      </h3>
      {now ? (
        <div className="jp-NerdUp-catchup-now">
          <div>
            {trans.__('We are working on')} <strong>{now.title}</strong>
          </div>
          <Markdown source={now.goal} className="jp-NerdUp-goal" />
        </div>
      ) : (
        <p className="jp-NerdUp-empty">
          {view.milestones.length > 0
            ? trans.__('Every milestone is done.')
            : trans.__('The plan has no milestone yet.')}
        </p>
      )}
      <h4 className="jp-NerdUp-subTitle">{trans.__('Done lately')}</h4>
      <ActivityFeed items={done} label={trans.__('Done lately')} />
      {view.snapshots.length > 0 && (
        <>
          <h4 className="jp-NerdUp-subTitle">{trans.__('Latest snapshots')}</h4>
          <ul
            className="jp-NerdUp-snapshots"
            aria-label={trans.__('Latest snapshots')}
          >
            {view.snapshots.map(s => (
              <li key={String(s.id)}>
                <span className="jp-NerdUp-snapshotMessage">
                  {s.message || trans.__('(no message)')}
                </span>{' '}
                {trans.__('by')} <Person name={s.author ?? null} />
                {s.created_at && (
                  <>
                    {' · '}
                    <time
                      dateTime={s.created_at}
                      title={Time.format(s.created_at)}
                    >
                      {Time.formatHuman(s.created_at)}
                    </time>
                  </>
                )}
                <div>
                  <SnapshotLinks
                    snapshotId={Number(s.id)}
                    path={s.path ? String(s.path) : null}
                  />
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
      <h4 className="jp-NerdUp-subTitle">{trans.__('Who to ask')}</h4>
      {ask.length === 0 ? (
        <p className="jp-NerdUp-empty">
          {trans.__('No organizer or mentor listed.')}
        </p>
      ) : (
        <ul className="jp-NerdUp-people">
          {ask.map(m => (
            <li key={m.username}>
              <Person name={m.username} />{' '}
              <span className="jp-NerdUp-badge">{memberLabel(trans, m)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
