import * as React from 'react';

import { ArchivedBanner } from '../../components/ArchivedBanner';
import { CatchUp } from '../../components/CatchUp';
import { useSidebar } from '../../components/context';
import { Deadline } from '../../components/Deadline';
import { Markdown } from '../../components/Markdown';
import { planEndText, ProgressBar } from '../../components/ProgressBar';
import { Links, StageSummary } from '../../components/StageSummary';
import { TaskItem } from '../../components/TaskItem';
import { currentMilestone, isGroupDone, openTasksIn } from '../../model/derive';
import { IGroupView } from '../../model/types';
import { RhythmBrief } from '../../rhythm/Brief';
import { IRhythm } from '../../rhythm/useRhythm';

export interface ISectionProps {
  view: IGroupView;
  rhythm: IRhythm;
}

/** Where we are: stage, deadline, progress, the catch-up, the next session, my tasks. */
export function Overview(props: ISectionProps): JSX.Element {
  const { model, trans } = useSidebar();
  const { group, milestones } = props.view;
  const now = currentMilestone(milestones);
  const mine = openTasksIn(model.allMyOpenTasks, group.id);
  const closed = milestones.filter(
    m =>
      m.status === 'done' &&
      Boolean(m.retrospective?.obstacles || m.retrospective?.solutions)
  );
  return (
    <div className="jp-NerdUp-roomOverview">
      <ArchivedBanner group={group} />
      <div className="jp-NerdUp-meta">
        <span className="jp-NerdUp-stage">
          {now
            ? trans.__('Stage: %1', now.title)
            : planEndText(trans, group, trans.__('No current stage'))}
        </span>
        <Deadline date={group.deadline} done={isGroupDone(group)} />
      </div>
      <ProgressBar
        progress={group.progress}
        label={trans.__('Overall progress of %1', group.title)}
      />
      <Markdown source={group.description} className="jp-NerdUp-description" />
      <Links links={group.links} label={trans.__('Links of the group')} />
      <CatchUp view={props.view} />
      <div className="jp-NerdUp-rhythmBrief">
        <RhythmBrief rhythm={props.rhythm} />
      </div>
      {closed.length > 0 && (
        <section className="jp-NerdUp-section">
          <h3 className="jp-NerdUp-sectionTitle">
            {trans.__('Stages closed so far')}
          </h3>
          {closed.map(m => (
            <div key={m.id} className="jp-NerdUp-closedStage">
              <h4 className="jp-NerdUp-ellipsis" title={m.title}>
                {m.title}
              </h4>
              <StageSummary milestone={m} />
            </div>
          ))}
        </section>
      )}
      <section className="jp-NerdUp-section">
        <h3 className="jp-NerdUp-sectionTitle">{trans.__('My tasks')}</h3>
        {mine.length === 0 ? (
          <p className="jp-NerdUp-empty">
            {trans.__('You have no open task in this group.')}
          </p>
        ) : (
          <ul className="jp-NerdUp-tasks">
            {mine.map(task => (
              <TaskItem key={task.id} task={task} group={group} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
