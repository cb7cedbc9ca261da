import * as React from 'react';

import { addIcon, Button } from '@jupyterlab/ui-components';

import { actingRole } from '../model/derive';
import { IGroup, IMilestone, IProposal } from '../model/types';
import { useSidebar } from './context';
import { InlineForm } from './InlineForm';
import { ProposalItem } from './ProposalItem';

export interface ITaskProposalsProps {
  group: IGroup;
  milestone: IMilestone;
  /** The group's proposals; those for other stages (and decided ones) are not shown. */
  proposals: IProposal[];
}

/**
 * Under a stage's tasks: the tasks members proposed for it, with their votes, and
 * "Propose a task" for any member. An adopted one becomes a task of the stage.
 */
export function TaskProposals(props: ITaskProposalsProps): JSX.Element | null {
  const { model, trans } = useSidebar();
  const { group, milestone } = props;
  const [adding, setAdding] = React.useState(false);
  const open = props.proposals.filter(
    p =>
      p.kind === 'task' &&
      p.status === 'open' &&
      p.for_milestone_id === milestone.id
  );
  const member = actingRole(group) !== null;
  if (!member && open.length === 0) {
    return null;
  }
  return (
    <div className="jp-NerdUp-taskProposals">
      {open.length > 0 && (
        <div className="jp-NerdUp-taskProposals-head">
          {trans._n(
            '%1 proposed task, open to vote',
            '%1 proposed tasks, open to vote',
            open.length
          )}
        </div>
      )}
      {open.length > 0 && (
        <ul
          className="jp-NerdUp-proposals"
          aria-label={trans.__('Proposed tasks for %1', milestone.title)}
        >
          {open.map(p => (
            <ProposalItem key={p.id} proposal={p} group={group} />
          ))}
        </ul>
      )}
      {member &&
        (adding ? (
          <InlineForm
            label={trans.__('Propose a task for %1', milestone.title)}
            submitLabel={trans.__('Propose')}
            fields={[
              { name: 'title', label: trans.__('Proposed task') },
              {
                name: 'description',
                label: trans.__('Details (markdown)'),
                type: 'textarea'
              },
              {
                name: 'next_session',
                label: trans.__('For the next session'),
                type: 'checkbox'
              }
            ]}
            onSubmit={values =>
              model.actions.propose({
                kind: 'task',
                title: String(values.title ?? ''),
                description: values.description
                  ? String(values.description)
                  : undefined,
                for_milestone_id: milestone.id,
                next_session: values.next_session ? true : undefined
              })
            }
            onCancel={() => setAdding(false)}
          />
        ) : (
          <Button small minimal onClick={() => setAdding(true)}>
            <addIcon.react tag="span" className="jp-NerdUp-inlineIcon" />
            {trans.__('Propose a task')}
          </Button>
        ))}
    </div>
  );
}
