import * as React from 'react';

import { addIcon, Button } from '@jupyterlab/ui-components';

import { canEditPlan, currentMilestone, TaskFilter } from '../model/derive';
import { IGroup, IMilestone, IProposal } from '../model/types';
import { useSidebar } from './context';
import { InlineForm } from './InlineForm';
import { dropOrder, moveItem } from '../workspace/sections';
import { IReorder, MilestoneItem } from './MilestoneItem';

export interface IPlanProps {
  group: IGroup;
  milestones: IMilestone[];
  /** The group's proposals, for each stage's proposed tasks. */
  proposals?: IProposal[];
}

/** The milestones of the plan with task filters and, for organizers, "Add milestone". */
export function Plan(props: IPlanProps): JSX.Element {
  const { model, trans } = useSidebar();
  const { group, milestones } = props;
  const [filter, setFilter] = React.useState<TaskFilter>('all');
  const [adding, setAdding] = React.useState(false);
  const now = currentMilestone(milestones);
  const reorder = useReorder(group, milestones);
  const filters: [TaskFilter, string][] = [
    ['all', trans.__('All tasks')],
    ['mine', trans.__('My tasks')],
    ['next', trans.__('Next session')]
  ];
  return (
    <section className="jp-NerdUp-section" aria-labelledby="jp-NerdUp-plan-h">
      <h3 id="jp-NerdUp-plan-h" className="jp-NerdUp-sectionTitle">
        {trans.__('Plan')}
      </h3>
      <div
        className="jp-NerdUp-filters"
        role="group"
        aria-label={trans.__('Filter tasks')}
      >
        {filters.map(([value, label]) => (
          <button
            key={value}
            className={`jp-NerdUp-chip${filter === value ? ' jp-mod-active' : ''}`}
            aria-pressed={filter === value}
            onClick={() => setFilter(value)}
          >
            {label}
          </button>
        ))}
      </div>
      {milestones.length === 0 ? (
        <p className="jp-NerdUp-empty">
          {canEditPlan(group)
            ? trans.__(
                'No milestones yet. Add the first stage of your project.'
              )
            : trans.__('No milestones yet. Propose one below.')}
        </p>
      ) : (
        <ul className="jp-NerdUp-milestones">
          {milestones.map((m, i) => (
            <MilestoneItem
              key={m.id}
              milestone={m}
              group={group}
              filter={filter}
              current={now?.id === m.id}
              proposals={props.proposals}
              reorder={
                reorder && { ...reorder, position: i, count: milestones.length }
              }
            />
          ))}
        </ul>
      )}
      {canEditPlan(group) &&
        (adding ? (
          <InlineForm
            label={trans.__('Add milestone')}
            submitLabel={trans.__('Add milestone')}
            fields={[
              { name: 'title', label: trans.__('Milestone') },
              {
                name: 'goal',
                label: trans.__('Goal (markdown)'),
                type: 'textarea'
              },
              { name: 'due', label: trans.__('Due'), type: 'date' }
            ]}
            onSubmit={values =>
              model.actions.addMilestone({
                title: String(values.title ?? ''),
                goal: values.goal ? String(values.goal) : undefined,
                due: values.due ? String(values.due) : undefined
              })
            }
            onCancel={() => setAdding(false)}
          />
        ) : (
          <Button small onClick={() => setAdding(true)}>
            <addIcon.react tag="span" className="jp-NerdUp-inlineIcon" />
            {trans.__('Add milestone')}
          </Button>
        ))}
    </section>
  );
}

/**
 * Organisers reorder the stages in place: drag a stage's handle onto another stage (above
 * its middle: before it; below: after it), or focus the handle and press the up or down
 * arrow. One `PUT /groups/{id}/milestones/order` per move; null for everyone else.
 */
function useReorder(
  group: IGroup,
  milestones: IMilestone[]
): Omit<IReorder, 'position' | 'count'> | null {
  const { model } = useSidebar();
  const [drag, setDrag] = React.useState<IReorder['drag']>(null);
  if (!canEditPlan(group) || milestones.length < 2) {
    return null;
  }
  const ids = milestones.map(m => m.id);
  const save = (order: number[]) => {
    if (order.join() !== ids.join()) {
      void model.actions.reorderMilestones(order);
    }
  };
  return {
    drag,
    start: id => setDrag({ id, over: null, after: false }),
    over: (id, after) =>
      setDrag(d =>
        d && (d.over !== id || d.after !== after)
          ? { ...d, over: id, after }
          : d
      ),
    drop: () => {
      if (drag && drag.over !== null) {
        save(dropOrder(ids, drag.id, drag.over, drag.after));
      }
      setDrag(null);
    },
    end: () => setDrag(null),
    move: (id, by) => save(moveItem(ids, ids.indexOf(id), by))
  };
}
