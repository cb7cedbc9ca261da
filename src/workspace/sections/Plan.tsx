import * as React from 'react';

import { Plan as PlanList } from '../../components/Plan';
import { Proposals } from '../../components/Proposals';
import { ISectionProps } from './Overview';

/**
 * The milestones with their tasks and the tasks proposed for each, and the proposed
 * milestones.
 */
export function Plan(props: ISectionProps): JSX.Element {
  const { view } = props;
  return (
    <div className="jp-NerdUp-roomPlan">
      <PlanList
        group={view.group}
        milestones={view.milestones}
        proposals={view.proposals}
      />
      <Proposals
        group={view.group}
        proposals={view.proposals}
        milestones={view.milestones}
      />
    </div>
  );
}
