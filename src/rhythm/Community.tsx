import * as React from 'react';

import { useSidebar } from '../components/context';
import { RhythmClient } from './client';
import { when } from './Sessions';
import { IOccurrence } from './types';

/** The community view: upcoming co-coding sessions of every open group. */
export function CommunitySessions(): JSX.Element | null {
  const { model, trans } = useSidebar();
  const [found, setFound] = React.useState<IOccurrence[]>([]);
  React.useEffect(() => {
    let alive = true;
    const client = new RhythmClient(model.client.settings);
    const load = () =>
      client.community(14).then(
        items => alive && setFound(items),
        () => undefined // the directory itself reports a server that is down
      );
    // Again after a load that may have moved a session (a full one, or a session event).
    const reload = () => {
      if (model.lastChange === null || model.lastChange.has('sessions')) {
        void load();
      }
    };
    void load();
    model.settled.connect(reload);
    return () => {
      alive = false;
      model.settled.disconnect(reload);
    };
  }, [model]);
  // The next occurrence of each session is enough here.
  const seen = new Set<number>();
  const next = found.filter(
    o => !seen.has(o.session_id) && seen.add(o.session_id)
  );
  if (next.length === 0) {
    return null;
  }
  return (
    <section
      className="jp-NerdUp-section jp-NerdUp-community"
      aria-labelledby="jp-NerdUp-community-h"
    >
      <h3 id="jp-NerdUp-community-h" className="jp-NerdUp-sectionTitle">
        {trans.__('Upcoming sessions')}
      </h3>
      <ul className="jp-NerdUp-sessionList">
        {next.slice(0, 8).map(o => (
          <li
            key={`${o.session_id}-${o.start}`}
            className="jp-NerdUp-communityItem"
          >
            <button
              className="jp-NerdUp-linkButton"
              aria-label={trans.__(
                'Open %1, session on %2',
                o.group_title ?? '',
                when(o.start)
              )}
              onClick={() => void model.select(o.group_id)}
            >
              {o.group_title}
            </button>
            <span className="jp-NerdUp-sessionWhen">
              {o.title ? `${o.title} · ` : ''}
              {when(o.start)}
              {o.place ? ` · ${o.place}` : ''}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
