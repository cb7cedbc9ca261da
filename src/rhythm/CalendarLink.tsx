import * as React from 'react';

import { Clipboard } from '@jupyterlab/apputils';
import { Time } from '@jupyterlab/coreutils';
import { Button, copyIcon } from '@jupyterlab/ui-components';

import { useSidebar } from '../components/context';
import { confirmDelete } from '../components/PlanEditing';
import { RhythmClient } from './client';
import { ICalendarState } from './types';

export interface ICalendarLinkProps {
  client: RhythmClient;
  groupId: number;
  groupTitle: string;
}

/**
 * The full address a calendar app subscribes to: the server's path joined to the address
 * the browser sees (behind JupyterHub's proxy the service's own host is not the user's).
 */
export function feedAddress(
  path: string,
  only: { groupId?: number; community?: boolean } = {},
  origin = window.location.origin
): string {
  const url = new URL(path, origin);
  if (only.groupId !== undefined) {
    url.searchParams.set('group', String(only.groupId));
  } else if (only.community) {
    url.searchParams.set('community', '1');
  }
  return url.href;
}

/**
 * "Subscribe in my calendar": a secret address for a calendar app with every session of
 * my groups (or of this group only). The server keeps only a hash of it, so the address is
 * shown once, when it is made; a new one or "Stop the link" ends the old one.
 */
export function CalendarLink(props: ICalendarLinkProps): JSX.Element | null {
  const ctx = useSidebar();
  const { trans, model } = ctx;
  const { client, groupId, groupTitle } = props;
  const [state, setState] = React.useState<ICalendarState | null>(null);
  const [path, setPath] = React.useState<string | null>(null);
  const [onlyThis, setOnlyThis] = React.useState(false);
  const [community, setCommunity] = React.useState(false);
  const [copied, setCopied] = React.useState(false);
  const [busy, setBusy] = React.useState(false);

  React.useEffect(() => {
    let live = true;
    client
      .calendarLink()
      .then(found => live && setState(found))
      .catch(error => void model.reportFailure(error));
    return () => {
      live = false;
    };
  }, [client, model]);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } catch (error) {
      void model.reportFailure(error);
    } finally {
      setBusy(false);
    }
  };
  const make = () =>
    run(async () => {
      const made = await client.newCalendarLink();
      setState({ active: true, created_at: made.created_at });
      setPath(made.path);
      setCopied(false);
    });
  const remake = async () => {
    const yes = await confirmDelete(
      ctx,
      trans.__('Make a new calendar link?'),
      trans.__(
        'Calendars subscribed to your current link stop getting your sessions; subscribe them to the new one.'
      ),
      trans.__('Make a new link')
    );
    if (yes) {
      await make();
    }
  };
  const stop = async () => {
    const yes = await confirmDelete(
      ctx,
      trans.__('Stop your calendar link?'),
      trans.__(
        'Calendars subscribed to it stop getting your sessions. You can make a new link at any time.'
      ),
      trans.__('Stop the link')
    );
    if (yes) {
      await run(async () => {
        await client.revokeCalendarLink();
        setState({ active: false, created_at: null });
        setPath(null);
      });
    }
  };

  if (state === null) {
    return null;
  }
  const address =
    path === null
      ? null
      : feedAddress(path, onlyThis ? { groupId } : { community });
  return (
    <div className="jp-NerdUp-calendarLink">
      {!state.active && (
        <Button small minimal disabled={busy} onClick={() => void make()}>
          {trans.__('Subscribe in my calendar')}
        </Button>
      )}
      {address !== null && (
        <>
          <label className="jp-NerdUp-calendarAddress">
            <span>
              {trans.__(
                'Paste this address into your calendar app (“From URL” or “New subscription”). It is yours alone and shown only now.'
              )}
            </span>
            <input
              className="jp-mod-styled"
              readOnly
              value={address}
              onFocus={event => event.currentTarget.select()}
            />
          </label>
          <label className="jp-NerdUp-calendarOnly">
            <input
              type="checkbox"
              checked={onlyThis}
              onChange={event => {
                setOnlyThis(event.currentTarget.checked);
                setCopied(false);
              }}
            />
            {trans.__('Only %1', groupTitle)}
          </label>
          <label className="jp-NerdUp-calendarOnly">
            <input
              type="checkbox"
              checked={community && !onlyThis}
              disabled={onlyThis}
              onChange={event => {
                setCommunity(event.currentTarget.checked);
                setCopied(false);
              }}
            />
            {trans.__(
              "Every open group's sessions too (the community's evenings)"
            )}
          </label>
          <Button
            small
            onClick={() => {
              Clipboard.copyToSystem(address);
              setCopied(true);
            }}
          >
            <copyIcon.react tag="span" className="jp-NerdUp-inlineIcon" />
            {copied ? trans.__('Copied') : trans.__('Copy the address')}
          </Button>
        </>
      )}
      {state.active && (
        <div className="jp-NerdUp-buttonRow">
          {address === null && state.created_at && (
            <span className="jp-NerdUp-hint">
              {trans.__(
                'Your calendar link is on (made %1).',
                Time.formatHuman(state.created_at)
              )}
            </span>
          )}
          <Button small minimal disabled={busy} onClick={() => void remake()}>
            {trans.__('Make a new link')}
          </Button>
          <Button small minimal disabled={busy} onClick={() => void stop()}>
            {trans.__('Stop the link')}
          </Button>
        </div>
      )}
    </div>
  );
}
