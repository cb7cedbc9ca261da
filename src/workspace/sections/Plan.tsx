import * as React from 'react';

import { Plan as PlanList } from '../../components/Plan';
import { Proposals } from '../../components/Proposals';
import { ISectionProps } from './Overview';

/** The milestones with their tasks, and the proposals to change the plan. */
export function Plan(props: ISectionProps): JSX.Element {
  const { view } = props;
  return (
    <div className="jp-NerdUp-roomPlan">
      <PlanList group={view.group} milestones={view.milestones} />
      <Proposals group={view.group} proposals={view.proposals} />
    </div>
  );
}
