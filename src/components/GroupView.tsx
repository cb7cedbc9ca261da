import * as React from 'react';

import { Button, checkIcon, launchIcon } from '@jupyterlab/ui-components';

import { snapshotIcon } from '../snapshots/icons';

import {
  canWork,
  currentMilestone,
  freeTasks,
  openTasksIn
} from '../model/derive';
import { IGroupView } from '../model/types';
import { when } from '../rhythm/Sessions';
import { useRhythm } from '../rhythm/useRhythm';
import { sectionLabel, visibleSections } from '../workspace/sections';
import { useSidebar } from './context';
import { GroupHeader } from './GroupHeader';
import { Membership } from './Membership';
import { TaskItem } from './TaskItem';

export interface IGroupViewProps {
  view: IGroupView;
}

/**
 * The open group in the sidebar, as a navigator that fits one screen: where the group
 * stands, the primary action (Join; Commit when the notebook in focus is one of the
 * group's; else Open group), the next session with its check-in,
 * my tasks there with their actions, and a way into each section of the group's room in
 * the main area, where everything else lives.
 */
export function GroupView(props: IGroupViewProps): JSX.Element {
  const {
    model,
    trans,
    openGroup,
    openNotebookPath,
    openNotebookGroup,
    commitOpenNotebook
  } = useSidebar();
  const { view } = props;
  const group = view.group;
  const mine = openTasksIn(model.allMyOpenTasks, group.id);
  const member = group.my_role !== null;
  // The notebook in focus commits to this group: committing is the next step here.
  const commitHere =
    canWork(group) &&
    !!commitOpenNotebook &&
    openNotebookGroup?.() === group.id;
  const notebook = commitHere ? openNotebookPath() : null;
  return (
    <div
      className="jp-NerdUp-groupView jp-NerdUp-navigator"
      data-group-id={group.id}
    >
      <GroupHeader view={view} />
      <div className="jp-NerdUp-primaryAction">
        {!member && <Membership group={group} />}
        {commitHere && notebook && (
          <Button
            className="jp-NerdUp-commitHere"
            onClick={() => commitOpenNotebook?.()}
            title={trans.__(
              'Commit %1 as a snapshot of %2',
              notebook,
              group.title
            )}
          >
            <snapshotIcon.react tag="span" className="jp-NerdUp-inlineIcon" />
            {trans.__('Commit snapshot')}
          </Button>
        )}
        {openGroup && (
          <Button
            className="jp-NerdUp-openRoom"
            minimal={!member || commitHere}
            onClick={() => openGroup(group.id)}
            title={trans.__('Open %1 in the main area', group.title)}
            aria-label={trans.__('Open %1 in the main area', group.title)}
          >
            <launchIcon.react tag="span" className="jp-NerdUp-inlineIcon" />
            {trans.__('Open group')}
          </Button>
        )}
      </div>
      <NextSession groupId={group.id} member={member} />
      {member && (
        <section
          className="jp-NerdUp-section jp-NerdUp-navTasks"
          aria-labelledby="jp-NerdUp-navTasks-h"
        >
          <h3 id="jp-NerdUp-navTasks-h" className="jp-NerdUp-sectionTitle">
            {trans.__('My tasks')}
          </h3>
          {mine.length === 0 ? (
            <FreeTasks view={view} />
          ) : (
            <ul className="jp-NerdUp-tasks">
              {mine.map(task => (
                <TaskItem key={task.id} task={task} group={group} />
              ))}
            </ul>
          )}
        </section>
      )}
      {openGroup && (
        <nav
          className="jp-NerdUp-navSections"
          aria-label={trans.__('Sections of %1', group.title)}
        >
          {visibleSections(group.my_role === 'organizer').map(id => (
            <Button
              key={id}
              small
              minimal
              onClick={() => openGroup(group.id, id)}
            >
              {sectionLabel(trans, id)}
            </Button>
          ))}
        </nav>
      )}
    </div>
  );
}

/**
 * With no task of mine in the group, the next step: a few free tasks of the current
 * stage to claim right here (the rest in the Plan).
 */
function FreeTasks(props: { view: IGroupView }): JSX.Element {
  const { model, trans } = useSidebar();
  const { group, milestones } = props.view;
  const free = canWork(group) ? freeTasks(milestones, model.username) : [];
  if (free.length === 0) {
    return (
      <p className="jp-NerdUp-empty">
        {trans.__('No open task of yours here: pick one in the Plan.')}
      </p>
    );
  }
  return (
    <>
      <p className="jp-NerdUp-empty">
        {trans.__(
          'No task of yours yet. Free in “%1”:',
          currentMilestone(milestones)?.title ?? ''
        )}
      </p>
      <ul
        className="jp-NerdUp-tasks jp-NerdUp-freeTasks"
        aria-label={trans.__('Free tasks')}
      >
        {free.map(task => (
          <TaskItem key={task.id} task={task} group={group} />
        ))}
      </ul>
    </>
  );
}

/** The session going on (with Check in) or the next one, in one line. */
function NextSession(props: {
  groupId: number;
  member: boolean;
}): JSX.Element | null {
  const { trans } = useSidebar();
  const rhythm = useRhythm(props.groupId, true);
  const [checkedIn, setCheckedIn] = React.useState(false);
  const brief = rhythm.data.catchup;
  const now = brief?.current_session ?? null;
  const next = brief?.next_session ?? null;
  if (!now && !next) {
    return null;
  }
  const checkIn = async (sessionId: number) => {
    const done = await rhythm.act(() => rhythm.client.checkIn(sessionId));
    setCheckedIn(done !== null);
  };
  return (
    <div className="jp-NerdUp-navSession">
      {now ? (
        <>
          <span>{trans.__('Session going on since %1', when(now.start))}</span>
          {props.member && now.checkin_open && (
            <Button
              small
              className="jp-NerdUp-checkin"
              disabled={checkedIn}
              onClick={() => void checkIn(now.session_id)}
            >
              <checkIcon.react tag="span" className="jp-NerdUp-inlineIcon" />
              {checkedIn ? trans.__('Checked in') : trans.__('Check in')}
            </Button>
          )}
        </>
      ) : (
        <span>{trans.__('Next session: %1', when(next!.start))}</span>
      )}
    </div>
  );
}
