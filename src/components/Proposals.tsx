import * as React from 'react';

import { addIcon, Button } from '@jupyterlab/ui-components';

import { actingRole, currentMilestone } from '../model/derive';
import { IGroup, IMilestone, IProposal } from '../model/types';
import { useSidebar } from './context';
import { InlineForm } from './InlineForm';
import { ProposalItem } from './ProposalItem';

export interface IProposalsProps {
  group: IGroup;
  proposals: IProposal[];
  /** The plan, for "Place it: after …" and for saying where a proposal goes. */
  milestones?: IMilestone[];
}

/** A milestone proposal is the default kind (and what an older server sends). */
export function isTaskProposal(proposal: IProposal): boolean {
  return proposal.kind === 'task';
}

/**
 * Proposed milestones: vote up or down; organizers adopt or reject. The proposer says
 * where the milestone goes (after the current stage, after a named one, or last) and
 * may give its due date (else the server picks one from the plan's rhythm).
 */
export function Proposals(props: IProposalsProps): JSX.Element {
  const { model, trans } = useSidebar();
  const { group, proposals } = props;
  const milestones = props.milestones ?? [];
  const [adding, setAdding] = React.useState(false);
  const open = proposals.filter(p => p.status === 'open' && !isTaskProposal(p));
  const member = actingRole(group) !== null;
  const now = currentMilestone(milestones);
  const where = (p: IProposal): string => {
    const after =
      p.place === 'after'
        ? milestones.find(m => m.id === p.after_milestone_id)
        : undefined;
    if (after) {
      return trans.__('Goes after “%1”', after.title);
    }
    if (p.place === 'last') {
      return trans.__('Goes last in the plan');
    }
    return now
      ? trans.__('Goes after the current stage (“%1”)', now.title)
      : trans.__('Goes after the current stage');
  };
  const places = [
    {
      value: 'after_current',
      label: now
        ? trans.__('After the current stage (“%1”)', now.title)
        : trans.__('After the current stage')
    },
    ...milestones
      .filter(m => m.id !== now?.id)
      .map(m => ({
        value: `after:${m.id}`,
        label: trans.__('After “%1”', m.title)
      })),
    { value: 'last', label: trans.__('Last') }
  ];
  return (
    <section className="jp-NerdUp-section" aria-labelledby="jp-NerdUp-prop-h">
      <h3 id="jp-NerdUp-prop-h" className="jp-NerdUp-sectionTitle">
        {trans.__('Proposed milestones')}
      </h3>
      {open.length === 0 && (
        <p className="jp-NerdUp-empty">
          {trans.__('No open milestone proposal.')}
        </p>
      )}
      <ul
        className="jp-NerdUp-proposals"
        aria-label={trans.__('Proposed milestones')}
      >
        {open.map(p => (
          <ProposalItem
            key={p.id}
            proposal={p}
            group={group}
            where={where(p)}
          />
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
              {
                name: 'place',
                label: trans.__('Place it'),
                type: 'select',
                options: places
              },
              {
                name: 'due',
                label: trans.__(
                  'Due (if empty: one typical stage after the stage before it)'
                ),
                type: 'date'
              }
            ]}
            onSubmit={values => {
              const place = String(values.place ?? 'after_current');
              const after = place.startsWith('after:')
                ? Number(place.slice('after:'.length))
                : undefined;
              return model.actions.propose({
                title: String(values.title ?? ''),
                goal: values.goal ? String(values.goal) : undefined,
                due: values.due ? String(values.due) : undefined,
                ...(after !== undefined
                  ? { place: 'after', after_milestone_id: after }
                  : { place: place === 'last' ? 'last' : 'after_current' })
              });
            }}
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
