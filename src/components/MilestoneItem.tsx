import * as React from 'react';

import {
  addIcon,
  Button,
  caretDownIcon,
  caretRightIcon
} from '@jupyterlab/ui-components';

import { canEditPlan, canWork, filterTasks, TaskFilter } from '../model/derive';
import { canEditMilestone } from '../model/editing';
import { IGroup, IMilestone, IProposal } from '../model/types';
import { useSidebar } from './context';
import { Deadline } from './Deadline';
import { InlineForm } from './InlineForm';
import { Markdown } from './Markdown';
import { StageSummary } from './StageSummary';
import { deleteMilestone, editMilestone, RowActions } from './PlanEditing';
import { ProgressBar } from './ProgressBar';
import { TaskItem } from './TaskItem';
import { TaskProposals } from './TaskProposals';

/** The plan's reordering, for organisers (see Plan's useReorder). */
export interface IReorder {
  /** The stage being dragged, and where it would land. */
  drag: { id: number; over: number | null; after: boolean } | null;
  start: (id: number) => void;
  over: (id: number, after: boolean) => void;
  drop: () => void;
  end: () => void;
  /** Move a stage up (-1) or down (1) by keyboard. */
  move: (id: number, by: number) => void;
  /** This stage's place in the plan (from 0), and the plan's number of stages. */
  position: number;
  count: number;
}

export interface IMilestoneItemProps {
  milestone: IMilestone;
  group: IGroup;
  filter: TaskFilter;
  current: boolean;
  reorder?: IReorder | null;
  /** The group's proposals: the stage shows the open task proposals for it. */
  proposals?: IProposal[];
}

/** A milestone with its progress and due date; expands to its tasks. */
export function MilestoneItem(props: IMilestoneItemProps): JSX.Element {
  const ctx = useSidebar();
  const { model, trans } = ctx;
  const { milestone, group, filter, current, reorder } = props;
  const proposals = props.proposals ?? [];
  const [open, setOpen] = React.useState(current || filter !== 'all');
  const [adding, setAdding] = React.useState(false);
  React.useEffect(() => {
    if (filter !== 'all') {
      setOpen(true);
    }
  }, [filter]);
  const tasks = filterTasks(milestone.tasks ?? [], filter, model.username);
  const bodyId = `jp-NerdUp-ms-${milestone.id}`;
  const organizer = canEditPlan(group);
  const drag = reorder?.drag ?? null;
  const hint =
    drag && drag.over === milestone.id && drag.id !== milestone.id
      ? drag.after
        ? ' jp-mod-dropAfter'
        : ' jp-mod-dropBefore'
      : '';
  return (
    <li
      className={`jp-NerdUp-milestone${current ? ' jp-NerdUp-milestone-current' : ''}${
        drag?.id === milestone.id ? ' jp-mod-dragging' : ''
      }${hint}`}
      data-milestone-id={milestone.id}
      onDragOver={
        reorder
          ? event => {
              if (!reorder.drag) {
                return;
              }
              event.preventDefault();
              event.dataTransfer.dropEffect = 'move';
              const box = event.currentTarget.getBoundingClientRect();
              reorder.over(
                milestone.id,
                event.clientY > box.top + box.height / 2
              );
            }
          : undefined
      }
      onDrop={
        reorder
          ? event => {
              event.preventDefault();
              reorder.drop();
            }
          : undefined
      }
    >
      <div className="jp-NerdUp-milestone-head">
        {reorder && (
          <button
            className="jp-NerdUp-dragHandle"
            draggable
            aria-label={trans.__(
              'Move stage %1 of %2: drag it, or press the up or down arrow',
              reorder.position + 1,
              reorder.count
            )}
            title={trans.__('Drag to reorder, or use the arrow keys')}
            onDragStart={event => {
              event.dataTransfer.setData('text/plain', milestone.title);
              event.dataTransfer.effectAllowed = 'move';
              reorder.start(milestone.id);
            }}
            onDragEnd={() => reorder.end()}
            onKeyDown={event => {
              const by =
                event.key === 'ArrowUp'
                  ? -1
                  : event.key === 'ArrowDown'
                    ? 1
                    : 0;
              if (by !== 0) {
                event.preventDefault();
                reorder.move(milestone.id, by);
              }
            }}
          >
            <span aria-hidden="true">⋮⋮</span>
          </button>
        )}
        <button
          className="jp-NerdUp-milestone-toggle"
          aria-expanded={open}
          aria-controls={bodyId}
          onClick={() => setOpen(!open)}
        >
          {open ? (
            <caretDownIcon.react tag="span" className="jp-NerdUp-inlineIcon" />
          ) : (
            <caretRightIcon.react tag="span" className="jp-NerdUp-inlineIcon" />
          )}
          <span className="jp-NerdUp-milestone-title">{milestone.title}</span>
          {milestone.status === 'done' && (
            <span className="jp-NerdUp-badge">{trans.__('done')}</span>
          )}
          {current && (
            <span className="jp-NerdUp-badge jp-NerdUp-badge-current">
              {trans.__('now')}
            </span>
          )}
        </button>
        {canEditMilestone(group) && (
          <RowActions
            editLabel={trans.__('Edit milestone %1', milestone.title)}
            deleteLabel={trans.__('Delete milestone %1', milestone.title)}
            onEdit={() => void editMilestone(ctx, milestone)}
            onDelete={() => void deleteMilestone(ctx, milestone)}
          />
        )}
      </div>
      <ProgressBar
        progress={milestone.progress}
        label={trans.__('Progress of milestone %1', milestone.title)}
      />
      <div className="jp-NerdUp-meta">
        <Deadline
          date={milestone.due}
          kind="due"
          done={milestone.status === 'done'}
        />
      </div>
      {open && (
        <div id={bodyId} className="jp-NerdUp-milestone-body">
          <Markdown source={milestone.goal} className="jp-NerdUp-goal" />
          <StageSummary milestone={milestone} />
          {tasks.length === 0 ? (
            <p className="jp-NerdUp-empty">
              {filter === 'all'
                ? trans.__('No tasks yet.')
                : trans.__('No task matches this filter.')}
            </p>
          ) : (
            <ul
              className="jp-NerdUp-tasks"
              aria-label={trans.__('Tasks of %1', milestone.title)}
            >
              {tasks.map(t => (
                <TaskItem key={t.id} task={t} group={group} />
              ))}
            </ul>
          )}
          {adding ? (
            <InlineForm
              label={trans.__('Add task to %1', milestone.title)}
              submitLabel={trans.__('Add task')}
              fields={[
                { name: 'title', label: trans.__('Task') },
                {
                  name: 'description',
                  label: trans.__('Details (markdown)'),
                  type: 'textarea'
                },
                ...(organizer
                  ? [
                      {
                        name: 'personal',
                        label: trans.__('Personal task (only mine)'),
                        type: 'checkbox' as const
                      }
                    ]
                  : [])
              ]}
              onSubmit={values =>
                model.actions.addTask(milestone.id, {
                  title: String(values.title ?? ''),
                  description: values.description
                    ? String(values.description)
                    : undefined,
                  personal: organizer ? !!values.personal : true
                })
              }
              onCancel={() => setAdding(false)}
            />
          ) : (
            canWork(group) && (
              <Button small minimal onClick={() => setAdding(true)}>
                <addIcon.react tag="span" className="jp-NerdUp-inlineIcon" />
                {organizer
                  ? trans.__('Add task')
                  : trans.__('Add personal task')}
              </Button>
            )
          )}
          <TaskProposals
            group={group}
            milestone={milestone}
            proposals={proposals}
          />
        </div>
      )}
    </li>
  );
}
