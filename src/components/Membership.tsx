import * as React from 'react';

import { Dialog, showDialog } from '@jupyterlab/apputils';
import { Button } from '@jupyterlab/ui-components';

import { actingRole, isArchived } from '../model/derive';
import { IGroup, Role } from '../model/types';
import { AskToJoin, byRequest } from './AskToJoin';
import { useSidebar } from './context';

export interface IMembershipProps {
  group: IGroup;
}

/** Join, switch between participant and follower, or leave (after a confirmation). */
export function Membership(props: IMembershipProps): JSX.Element {
  const { model, trans } = useSidebar();
  const { group } = props;
  const [busy, setBusy] = React.useState(false);
  const act = async (fn: () => Promise<boolean>) => {
    setBusy(true);
    await fn();
    setBusy(false);
  };
  const leave = async () => {
    const result = await showDialog({
      title: trans.__('Leave “%1”?', group.title),
      body: trans.__(
        'Your claims on its tasks are given back; your personal tasks stay in its history. You can join again later if the group is open.'
      ),
      buttons: [
        Dialog.cancelButton({ label: trans.__('Stay') }),
        Dialog.warnButton({ label: trans.__('Leave group') })
      ]
    });
    if (result.button.accept) {
      await act(() => model.actions.leave());
    }
  };
  const join = (role: Role) => act(() => model.actions.join(group.id, role));
  // Leaving works in an archive too; joining and switching roles write to it.
  const role = group.my_role;
  const acting = actingRole(group);
  const otherOrganizer = (group.members ?? []).some(
    m => m.role === 'organizer' && m.username !== model.username
  );
  return (
    <section
      className="jp-NerdUp-section jp-NerdUp-membership"
      aria-label={trans.__('Your membership')}
    >
      <div className="jp-NerdUp-actions">
        {role === null && !isArchived(group) && (
          <>
            {/* A finished round is followed (its journey read), not joined. */}
            {group.status !== 'finished' &&
              (byRequest(group) ? (
                <AskToJoin group={group} />
              ) : (
                <Button
                  small
                  disabled={busy}
                  onClick={() => join('participant')}
                >
                  {trans.__('Join as participant')}
                </Button>
              ))}
            <Button
              small
              minimal
              disabled={busy}
              onClick={() => join('follower')}
            >
              {trans.__('Follow')}
            </Button>
          </>
        )}
        {acting === 'organizer' && otherOrganizer && (
          <Button
            small
            minimal
            disabled={busy}
            onClick={() => act(() => model.actions.switchRole('participant'))}
          >
            {trans.__('Step down to participant')}
          </Button>
        )}
        {acting === 'participant' && (
          <Button
            small
            minimal
            disabled={busy}
            onClick={() => act(() => model.actions.switchRole('follower'))}
          >
            {trans.__('Switch to follower')}
          </Button>
        )}
        {acting === 'follower' && byRequest(group) && (
          <AskToJoin
            group={group}
            label={trans.__('Ask to become a participant')}
          />
        )}
        {acting === 'follower' && !byRequest(group) && (
          <Button
            small
            minimal
            disabled={busy}
            onClick={() => act(() => model.actions.switchRole('participant'))}
          >
            {trans.__('Switch to participant')}
          </Button>
        )}
        {role !== null && (
          <Button
            small
            minimal
            className="jp-NerdUp-danger"
            disabled={busy}
            onClick={() => void leave()}
          >
            {trans.__('Leave group')}
          </Button>
        )}
      </div>
    </section>
  );
}
