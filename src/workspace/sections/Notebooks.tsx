import * as React from 'react';

import { Time } from '@jupyterlab/coreutils';
import { Button } from '@jupyterlab/ui-components';

import { useSidebar } from '../../components/context';
import { ISectionProps } from './Overview';

export interface INotebooksProps extends ISectionProps {
  /** Runs a command of the lab when it is there; false when it is not (yet). */
  execute: (command: string, args: Record<string, unknown>) => boolean;
  openSnapshot: string;
  restoreSnapshot: string;
}

/** The group's latest snapshots: open one read-only, or a copy in my workspace. */
export function Notebooks(props: INotebooksProps): JSX.Element {
  const { trans } = useSidebar();
  const snapshots = props.view.snapshots;
  return (
    <section className="jp-NerdUp-section">
      <h3 className="jp-NerdUp-sectionTitle">{trans.__('Latest snapshots')}</h3>
      {snapshots.length === 0 ? (
        <p className="jp-NerdUp-empty">
          {trans.__('Nobody has committed a notebook to this group yet.')}
        </p>
      ) : (
        <ul className="jp-NerdUp-roomSnapshots">
          {snapshots.map(s => {
            const name = String(s.path ?? trans.__('Notebook'));
            const who = String(s.author_name ?? s.author ?? '');
            return (
              <li key={String(s.id)} className="jp-NerdUp-roomSnapshot">
                <span className="jp-NerdUp-ellipsis" title={name}>
                  {name}
                </span>
                <span className="jp-NerdUp-muted">
                  {[
                    who,
                    s.created_at ? Time.formatHuman(new Date(s.created_at)) : ''
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </span>
                {s.message && (
                  <span className="jp-NerdUp-ellipsis" title={s.message}>
                    {s.message}
                  </span>
                )}
                <span className="jp-NerdUp-actions">
                  <Button
                    small
                    minimal
                    onClick={() =>
                      props.execute(props.openSnapshot, { id: Number(s.id) })
                    }
                  >
                    {trans.__('Open')}
                  </Button>
                  <Button
                    small
                    minimal
                    onClick={() =>
                      props.execute(props.restoreSnapshot, { id: Number(s.id) })
                    }
                  >
                    {trans.__('Open a copy in my workspace')}
                  </Button>
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
