import * as React from 'react';

import { Button, caretDownIcon, caretUpIcon } from '@jupyterlab/ui-components';

import { actingRole } from '../model/derive';
import { IGroup, IProposal } from '../model/types';
import { useSidebar } from './context';
import { Deadline } from './Deadline';
import { Markdown } from './Markdown';
import { People, Person } from './Person';
import { confirmDelete } from './PlanEditing';

export interface IProposalItemProps {
  proposal: IProposal;
  group: IGroup;
  /** Where an adopted milestone goes, in words ("Goes after “Week 1”"). */
  where?: string;
}

/**
 * One open proposal, a milestone or a task: who proposed it, the votes for and against
 * with who cast them, and for organizers Adopt and Reject (Reject asks first).
 */
export function ProposalItem(props: IProposalItemProps): JSX.Element {
  const ctx = useSidebar();
  const { model, trans } = ctx;
  const { proposal, group, where } = props;
  const [busy, setBusy] = React.useState(false);
  const mine = proposal.votes.find(v => v.username === model.username)?.value;
  const act = async (fn: () => Promise<boolean>) => {
    setBusy(true);
    try {
      await fn();
    } finally {
      setBusy(false);
    }
  };
  const reject = async () => {
    const yes = await confirmDelete(
      ctx,
      trans.__('Reject “%1”?', proposal.title),
      trans.__(
        'The proposal is closed for everyone and its votes stop counting. This cannot be undone.'
      ),
      trans.__('Reject')
    );
    return yes && model.actions.decide(proposal, false);
  };
  const member = actingRole(group) !== null;
  const isTask = proposal.kind === 'task';
  const voters = (value: 'up' | 'down') =>
    proposal.votes.filter(v => v.value === value).map(v => v.username);
  const up = voters('up');
  const down = voters('down');
  return (
    <li
      className={`jp-NerdUp-proposal${isTask ? ' jp-NerdUp-taskProposal' : ''}`}
      data-proposal-id={proposal.id}
    >
      <div className="jp-NerdUp-proposal-title">{proposal.title}</div>
      <div className="jp-NerdUp-meta">
        <span>
          {trans.__('proposed by')} <Person name={proposal.created_by} />
        </span>
        {isTask ? (
          proposal.next_session && (
            <span className="jp-NerdUp-badge">
              {trans.__('for the next session')}
            </span>
          )
        ) : (
          <>
            {where && <span className="jp-NerdUp-proposal-where">{where}</span>}
            <Deadline date={proposal.due} kind="due" />
          </>
        )}
      </div>
      <Markdown source={isTask ? proposal.description : proposal.goal} />
      {(up.length > 0 || down.length > 0) && (
        <div className="jp-NerdUp-meta jp-NerdUp-voters">
          {up.length > 0 && (
            <span>
              {trans.__('For:')} <People names={up} />
            </span>
          )}
          {down.length > 0 && (
            <span>
              {trans.__('Against:')} <People names={down} />
            </span>
          )}
        </div>
      )}
      <div className="jp-NerdUp-actions">
        <Button
          small
          minimal={mine !== 'up'}
          disabled={busy || !member}
          aria-pressed={mine === 'up'}
          aria-label={trans.__(
            'Vote for %1 (votes for: %2)',
            proposal.title,
            proposal.tally.up
          )}
          onClick={() => act(() => model.actions.vote(proposal, 'up'))}
        >
          <caretUpIcon.react tag="span" className="jp-NerdUp-inlineIcon" />
          {proposal.tally.up}
        </Button>
        <Button
          small
          minimal={mine !== 'down'}
          disabled={busy || !member}
          aria-pressed={mine === 'down'}
          aria-label={trans.__(
            'Vote against %1 (votes against: %2)',
            proposal.title,
            proposal.tally.down
          )}
          onClick={() => act(() => model.actions.vote(proposal, 'down'))}
        >
          <caretDownIcon.react tag="span" className="jp-NerdUp-inlineIcon" />
          {proposal.tally.down}
        </Button>
        {actingRole(group) === 'organizer' && (
          <>
            <Button
              small
              disabled={busy}
              aria-label={trans.__('Adopt %1', proposal.title)}
              onClick={() => act(() => model.actions.decide(proposal, true))}
            >
              {trans.__('Adopt')}
            </Button>
            <Button
              small
              minimal
              disabled={busy}
              aria-label={trans.__('Reject %1', proposal.title)}
              onClick={() => act(reject)}
            >
              {trans.__('Reject')}
            </Button>
          </>
        )}
      </div>
    </li>
  );
}
