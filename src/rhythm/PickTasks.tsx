import * as React from 'react';

import { Button } from '@jupyterlab/ui-components';

import { useSidebar } from '../components/context';
import { IGroupView } from '../model/types';
import { IRhythm } from './useRhythm';

export interface IPickTasksProps {
  sessionId: number;
  view: IGroupView;
  rhythm: IRhythm;
  onDone: () => void;
}

/** At the end of a session: tick the open tasks to put on the next one's agenda. */
export function PickTasks(props: IPickTasksProps): JSX.Element {
  const { trans } = useSidebar();
  const { sessionId, view, rhythm } = props;
  const open = view.milestones.flatMap(m =>
    (m.tasks ?? []).filter(t => t.status !== 'done')
  );
  const [chosen, setChosen] = React.useState<Set<number>>(
    new Set(open.filter(t => t.next_session).map(t => t.id))
  );
  const toggle = (id: number) =>
    setChosen(old => {
      const next = new Set(old);
      if (next.has(id)) {
        next.delete(id);
      } else {
        next.add(id);
      }
      return next;
    });
  const save = async () => {
    const done = await rhythm.act(() =>
      rhythm.client.pickTasks(sessionId, [...chosen])
    );
    if (done) {
      props.onDone();
    }
  };
  return (
    <div
      className="jp-NerdUp-pickTasks"
      role="group"
      aria-label={trans.__('Tasks for the next session')}
    >
      {open.length === 0 ? (
        <p className="jp-NerdUp-empty">{trans.__('No open task to pick.')}</p>
      ) : (
        <ul className="jp-NerdUp-pickList">
          {open.map(t => (
            <li key={t.id}>
              <label>
                <input
                  type="checkbox"
                  checked={chosen.has(t.id)}
                  onChange={() => toggle(t.id)}
                />{' '}
                {t.title}
              </label>
            </li>
          ))}
        </ul>
      )}
      <div className="jp-NerdUp-buttonRow">
        <Button small onClick={() => void save()} disabled={chosen.size === 0}>
          {trans.__('Put on the next agenda')}
        </Button>
        <Button small minimal onClick={props.onDone}>
          {trans.__('Cancel')}
        </Button>
      </div>
    </div>
  );
}
