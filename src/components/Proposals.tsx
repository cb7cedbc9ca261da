import * as React from 'react';

import {
  addIcon,
  Button,
  caretDownIcon,
  caretUpIcon
} from '@jupyterlab/ui-components';

import { actingRole } from '../model/derive';
import { IGroup, IProposal } from '../model/types';
import { useSidebar } from './context';
import { Deadline } from './Deadline';
import { InlineForm } from './InlineForm';
import { Markdown } from './Markdown';
import { Person } from './Person';

export interface IProposalsProps {
  group: IGroup;
  proposals: IProposal[];
}

/** Proposed next milestones: vote up or down; organizers adopt or reject. */
export function Proposals(props: IProposalsProps): JSX.Element {
  const { model, trans } = useSidebar();
  const { group, proposals } = props;
  const [adding, setAdding] = React.useState(false);
  const open = proposals.filter(p => p.status === 'open');
  const member = actingRole(group) !== null;
  return (
    <section className="jp-NerdUp-section" aria-labelledby="jp-NerdUp-prop-h">
      <h3 id="jp-NerdUp-prop-h" className="jp-NerdUp-sectionTitle">
        {trans.__('Proposals')}
      </h3>
      {open.length === 0 && (
        <p className="jp-NerdUp-empty">{trans.__('No open proposal.')}</p>
      )}
      <ul className="jp-NerdUp-proposals">
        {open.map(p => (
          <ProposalItem key={p.id} proposal={p} group={group} />
        ))}
      </ul>
      {member &&
        (adding ? (
          <InlineForm
            label={trans.__('Propose a milestone')}
            submitLabel={trans.__('Propose')}
            fields={[
              { name: 'title', label: trans.__('Proposed milestone') },
              {
                name: 'goal',
                label: trans.__('Why, and the goal (markdown)'),
                type: 'textarea'
              },
              { name: 'due', label: trans.__('Due'), type: 'date' }
            ]}
            onSubmit={values =>
              model.actions.propose({
                title: String(values.title ?? ''),
                goal: values.goal ? String(values.goal) : undefined,
                due: values.due ? String(values.due) : undefined
              })
            }
            onCancel={() => setAdding(false)}
          />
        ) : (
          <Button small minimal onClick={() => setAdding(true)}>
            <addIcon.react tag="span" className="jp-NerdUp-inlineIcon" />
            {trans.__('Propose a milestone')}
          </Button>
        ))}
    </section>
  );
}

function ProposalItem(props: {
  proposal: IProposal;
  group: IGroup;
}): JSX.Element {
  const { model, trans } = useSidebar();
  const { proposal, group } = props;
  const [busy, setBusy] = React.useState(false);
  const mine = proposal.votes.find(v => v.username === model.username)?.value;
  const act = async (fn: () => Promise<boolean>) => {
    setBusy(true);
    await fn();
    setBusy(false);
  };
  const member = actingRole(group) !== null;
  return (
    <li className="jp-NerdUp-proposal" data-proposal-id={proposal.id}>
      <div className="jp-NerdUp-proposal-title">{proposal.title}</div>
      <div className="jp-NerdUp-meta">
        <span>
          {trans.__('by')} <Person name={proposal.created_by} />
        </span>
        <Deadline date={proposal.due} kind="due" />
      </div>
      <Markdown source={proposal.goal} />
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
              onClick={() => act(() => model.actions.decide(proposal, true))}
            >
              {trans.__('Adopt')}
            </Button>
            <Button
              small
              minimal
              disabled={busy}
              onClick={() => act(() => model.actions.decide(proposal, false))}
            >
              {trans.__('Reject')}
            </Button>
          </>
        )}
      </div>
    </li>
  );
}
