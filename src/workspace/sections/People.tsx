import * as React from 'react';

import { Dialog, showDialog } from '@jupyterlab/apputils';
import { Time } from '@jupyterlab/coreutils';
import { Button } from '@jupyterlab/ui-components';

import { byRequest } from '../../components/AskToJoin';
import { useSidebar } from '../../components/context';
import { Membership } from '../../components/Membership';
import { Person } from '../../components/Person';
import { memberLabel } from '../../components/GroupCard';
import { IGroupView, IJoinRequest, IMember } from '../../model/types';
import { displayName } from '../../people';
import { ISectionProps } from './Overview';

/** How many are in the group, my own membership, and (organisers) who asks to join. */
export function People(props: ISectionProps): JSX.Element {
  const { trans } = useSidebar();
  const { group } = props.view;
  const decides = group.permissions?.decide_join_request === 'allow';
  return (
    <section className="jp-NerdUp-section">
      <h3 className="jp-NerdUp-sectionTitle">{trans.__('People')}</h3>
      <p>{trans._n('%1 member', '%1 members', group.member_count)}</p>
      <MemberList members={group.members ?? []} />
      {byRequest(group) && (
        <p className="jp-NerdUp-hint">
          {trans.__(
            'People ask to join this group as participants; an organiser accepts them. Anyone may follow it.'
          )}
        </p>
      )}
      <Membership group={group} />
      {decides && <JoinRequests view={props.view} />}
    </section>
  );
}

const ROLE_ORDER = ['organizer', 'mentor', 'participant', 'follower'];

/** Who is in the group, by role (organizers first) and name: who to ask, who works. */
function MemberList(props: {
  members: readonly IMember[];
}): JSX.Element | null {
  const { trans } = useSidebar();
  if (props.members.length === 0) {
    return null;
  }
  const sorted = [...props.members].sort(
    (a, b) =>
      ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) ||
      displayName(a.username).localeCompare(displayName(b.username))
  );
  return (
    <ul
      className="jp-NerdUp-people jp-NerdUp-memberList"
      aria-label={trans.__('Members')}
    >
      {sorted.map(m => (
        <li key={m.username}>
          <Person name={m.username} />{' '}
          <span className="jp-NerdUp-badge">{memberLabel(trans, m)}</span>
        </li>
      ))}
    </ul>
  );
}

/**
 * The group's pending join requests with Accept and Decline (organisers). Loaded again
 * whenever the group's activity moves, so a request made while the room is open shows
 * up at once (the event bus refreshes the view).
 */
export function JoinRequests(props: { view: IGroupView }): JSX.Element | null {
  const { model, trans } = useSidebar();
  const { group } = props.view;
  const latest = props.view.activity[0]?.id ?? null;
  const [requests, setRequests] = React.useState<IJoinRequest[] | null>(null);
  const [busy, setBusy] = React.useState<string | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  React.useEffect(() => {
    let current = true;
    model.client.listJoinRequests(group.id).then(
      found => current && setRequests(found),
      (e: unknown) =>
        current && setError(e instanceof Error ? e.message : String(e))
    );
    return () => {
      current = false;
    };
  }, [model, group.id, group.version, latest]);
  if (requests === null) {
    return error ? (
      <div className="jp-NerdUp-notice jp-NerdUp-notice-error" role="alert">
        {error}
      </div>
    ) : null;
  }
  if (requests.length === 0 && !byRequest(group)) {
    return null; // nothing waits, and nobody can ask: no section at all
  }
  const decide = async (request: IJoinRequest, accept: boolean) => {
    const name = displayName(request.username);
    if (!accept) {
      const result = await showDialog({
        title: trans.__('Decline %1’s request?', name),
        body: trans.__(
          '%1 is not added to “%2”. They can still follow the group, and ask again later.',
          name,
          group.title
        ),
        buttons: [
          Dialog.cancelButton({ label: trans.__('Keep the request') }),
          Dialog.warnButton({ label: trans.__('Decline') })
        ],
        defaultButton: 0
      });
      if (!result.button.accept) {
        return;
      }
    }
    setBusy(request.username);
    try {
      if (
        await model.actions.decideJoinRequest(
          group.id,
          request.username,
          accept
        )
      ) {
        setRequests(found =>
          (found ?? []).filter(r => r.username !== request.username)
        );
      }
    } finally {
      setBusy(null);
    }
  };
  const headingId = `jp-NerdUp-joinRequests-${group.id}`;
  return (
    <section className="jp-NerdUp-joinRequests" aria-labelledby={headingId}>
      <h4 id={headingId} className="jp-NerdUp-sectionTitle">
        {trans.__('Join requests (%1)', requests.length)}
      </h4>
      {requests.length === 0 ? (
        <p className="jp-NerdUp-empty">
          {trans.__('No one is waiting to join.')}
        </p>
      ) : (
        <ul className="jp-NerdUp-joinRequestList">
          {requests.map(r => {
            const name = displayName(r.username);
            return (
              <li key={r.id} className="jp-NerdUp-joinRequest">
                <div className="jp-NerdUp-joinRequest-who">
                  <span className="jp-NerdUp-ellipsis">
                    <Person name={r.username} />
                  </span>
                  <time
                    className="jp-NerdUp-muted"
                    dateTime={r.created_at}
                    title={Time.format(r.created_at)}
                  >
                    {Time.formatHuman(r.created_at)}
                  </time>
                </div>
                {r.message && (
                  <p className="jp-NerdUp-joinRequest-message">{r.message}</p>
                )}
                <div className="jp-NerdUp-actions">
                  <Button
                    small
                    disabled={busy !== null}
                    aria-label={trans.__('Accept %1 as participant', name)}
                    onClick={() => void decide(r, true)}
                  >
                    {trans.__('Accept')}
                  </Button>
                  <Button
                    small
                    minimal
                    className="jp-NerdUp-danger"
                    disabled={busy !== null}
                    aria-label={trans.__('Decline %1’s request', name)}
                    onClick={() => void decide(r, false)}
                  >
                    {trans.__('Decline')}
                  </Button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
