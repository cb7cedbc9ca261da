import * as React from 'react';

import { Dialog, showDialog } from '@jupyterlab/apputils';
import { Time } from '@jupyterlab/coreutils';
import { Button } from '@jupyterlab/ui-components';

import { NerdUpApiError } from '../../api';
import { useSidebar } from '../../components/context';
import { Person } from '../../components/Person';
import { displayName } from '../../people';
import { SnapshotLinks } from '../../components/SnapshotLinks';
import { actingRole } from '../../model/derive';
import {
  GroupNotebooksClient,
  IGroupNotebook,
  IMemberWork,
  sharedPaths
} from '../../snapshots/groupnotebooks';
import { ISnapshot } from '../../snapshots/types';
import { ISectionProps } from './Overview';

export interface INotebooksProps extends ISectionProps {
  /** Runs a command of the lab when it is there; false when it is not (yet). */
  execute: (command: string, args: Record<string, unknown>) => boolean;
  openSnapshot: string;
  restoreSnapshot: string;
}

interface ILoaded {
  notebooks: IGroupNotebook[];
  members: IMemberWork[];
}

/**
 * The group's notebooks: the ones it shares, each with the latest version of every member
 * who committed it, and every member's latest snapshots, each of which a member may mark
 * as a group notebook. Every snapshot opens read-only, or as a copy in my workspace.
 */
export function Notebooks(props: INotebooksProps): JSX.Element {
  const { model, trans } = useSidebar();
  const { group, activity } = props.view;
  const client = React.useMemo(
    () => new GroupNotebooksClient(model.client.settings),
    [model]
  );
  const [loaded, setLoaded] = React.useState<ILoaded | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const members = (group.members ?? []).map(m => m.username);
  const memberKey = members.join('\n');
  // Anyone's commit or mark arrives as an activity event: load again after each.
  const latestEvent = activity[0]?.id ?? 0;

  const load = React.useCallback(async () => {
    try {
      const [notebooks, work] = await Promise.all([
        client.list(group.id),
        client.membersWork(group.id, memberKey ? memberKey.split('\n') : [])
      ]);
      setLoaded({ notebooks, members: work });
    } catch (e) {
      setError(words(e));
    }
  }, [client, group.id, memberKey]);

  React.useEffect(() => {
    void load();
  }, [load, latestEvent]);

  const run = async (write: () => Promise<unknown>) => {
    try {
      await write();
      setError(null);
      await load();
    } catch (e) {
      setError(words(e));
    }
  };
  const mayShare = actingRole(group) !== null;
  const shared = sharedPaths(loaded?.notebooks ?? []);

  const unmark = async (path: string) => {
    const answer = await showDialog({
      title: trans.__('Stop sharing %1?', path),
      body: trans.__(
        'It is no longer listed as a group notebook. Its snapshots stay in the history.'
      ),
      buttons: [
        Dialog.cancelButton({ label: trans.__('Keep sharing') }),
        Dialog.warnButton({ label: trans.__('Stop sharing') })
      ]
    });
    if (answer.button.accept) {
      await run(() => client.unmark(group.id, path));
    }
  };

  return (
    <div className="jp-NerdUp-roomNotebooks">
      {error && (
        <div className="jp-NerdUp-notice jp-NerdUp-notice-error" role="alert">
          {error}
        </div>
      )}
      <section
        className="jp-NerdUp-section"
        aria-labelledby={`jp-NerdUp-gnb-${group.id}`}
      >
        <h3 id={`jp-NerdUp-gnb-${group.id}`} className="jp-NerdUp-sectionTitle">
          {trans.__('Group notebooks')}
        </h3>
        {loaded === null ? (
          <p className="jp-NerdUp-empty">{trans.__('Loading…')}</p>
        ) : loaded.notebooks.length === 0 ? (
          <p className="jp-NerdUp-empty">
            {mayShare
              ? trans.__(
                  'No group notebook yet. Mark one of the snapshots below as a group notebook to share it.'
                )
              : trans.__('No group notebook yet.')}
          </p>
        ) : (
          <ul
            className="jp-NerdUp-groupNotebooks"
            aria-label={trans.__('Group notebooks')}
          >
            {loaded.notebooks.map(nb => (
              <GroupNotebookItem
                key={nb.path}
                notebook={nb}
                mayShare={mayShare}
                onUnmark={() => void unmark(nb.path)}
              />
            ))}
          </ul>
        )}
      </section>
      <section
        className="jp-NerdUp-section"
        aria-labelledby={`jp-NerdUp-mnb-${group.id}`}
      >
        <h3 id={`jp-NerdUp-mnb-${group.id}`} className="jp-NerdUp-sectionTitle">
          {trans.__("Everyone's latest snapshots")}
        </h3>
        {loaded !== null && loaded.members.length === 0 ? (
          <p className="jp-NerdUp-empty">
            {trans.__('Nobody has committed a notebook to this group yet.')}
          </p>
        ) : (
          <ul
            className="jp-NerdUp-memberWork"
            aria-label={trans.__("Everyone's latest snapshots")}
          >
            {(loaded?.members ?? []).map(w => (
              <li key={w.username} className="jp-NerdUp-memberWorkItem">
                <h4 className="jp-NerdUp-subTitle">
                  <Person name={w.username} />
                </h4>
                <ul className="jp-NerdUp-roomSnapshots">
                  {w.snapshots.map(s => (
                    <SnapshotRow
                      key={s.id}
                      snapshot={s}
                      action={
                        mayShare && !shared.has(s.path) ? (
                          <Button
                            small
                            minimal
                            title={trans.__(
                              'Share %1 with the group: everyone sees the latest version of each member',
                              s.path
                            )}
                            onClick={() =>
                              void run(() => client.mark(group.id, s.path))
                            }
                          >
                            {trans.__('Mark as group notebook')}
                          </Button>
                        ) : shared.has(s.path) ? (
                          <span className="jp-NerdUp-badge">
                            {trans.__('group notebook')}
                          </span>
                        ) : null
                      }
                    />
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function GroupNotebookItem(props: {
  notebook: IGroupNotebook;
  mayShare: boolean;
  onUnmark: () => void;
}): JSX.Element {
  const { trans, openSnapshot, model } = useSidebar();
  const nb = props.notebook;
  return (
    <li className="jp-NerdUp-groupNotebook" data-path={nb.path}>
      <div className="jp-NerdUp-groupNotebookHead">
        <strong className="jp-NerdUp-ellipsis" title={nb.path}>
          {nb.path}
        </strong>
        <span className="jp-NerdUp-muted">
          {trans.__('shared by')} <Person name={nb.marked_by} />
          {' · '}
          <time dateTime={nb.marked_at} title={Time.format(nb.marked_at)}>
            {Time.formatHuman(nb.marked_at)}
          </time>
        </span>
        {props.mayShare && (
          <Button small minimal onClick={props.onUnmark}>
            {trans.__('Stop sharing')}
          </Button>
        )}
      </div>
      {nb.versions.length === 0 ? (
        <p className="jp-NerdUp-empty">
          {trans.__('Nobody has committed this notebook yet.')}
        </p>
      ) : (
        <ul
          className="jp-NerdUp-roomSnapshots"
          aria-label={trans.__('Latest versions of %1', nb.path)}
        >
          {nb.versions.map(s => (
            <li key={s.id} className="jp-NerdUp-roomSnapshot">
              {openSnapshot ? (
                <Button
                  small
                  minimal
                  className="jp-NerdUp-openLatest"
                  onClick={() => openSnapshot(s.id, false)}
                >
                  {s.author === model.username
                    ? trans.__('Open my latest')
                    : trans.__('Open the latest of %1', displayName(s.author))}
                </Button>
              ) : (
                <span>{displayName(s.author)}</span>
              )}
              <span className="jp-NerdUp-muted">
                <When date={s.created_at} />
                {s.message ? ` · ${s.message}` : ''}
              </span>
              {openSnapshot && (
                <Button
                  small
                  minimal
                  onClick={() => openSnapshot(s.id, true)}
                  title={trans.__(
                    "Write %1's latest version as a new notebook in my workspace",
                    s.author
                  )}
                >
                  {trans.__('Open a copy in my workspace')}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

function SnapshotRow(props: {
  snapshot: ISnapshot;
  action: React.ReactNode;
}): JSX.Element {
  const s = props.snapshot;
  return (
    <li className="jp-NerdUp-roomSnapshot" data-snapshot-id={s.id}>
      <SnapshotLinks snapshotId={s.id} path={s.path} />
      <span className="jp-NerdUp-muted jp-NerdUp-ellipsis" title={s.message}>
        <When date={s.created_at} />
        {s.message ? ` · ${s.message}` : ''}
      </span>
      {props.action}
    </li>
  );
}

function When(props: { date: string }): JSX.Element {
  return (
    <time dateTime={props.date} title={Time.format(props.date)}>
      {Time.formatHuman(props.date)}
    </time>
  );
}

function words(error: unknown): string {
  return error instanceof NerdUpApiError ? error.message : String(error);
}
