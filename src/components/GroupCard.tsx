import * as React from 'react';

import { Button, launchIcon } from '@jupyterlab/ui-components';

import { isArchived, isGroupDone, openTasksIn } from '../model/derive';
import { IGroup, Role } from '../model/types';
import { AskToJoin, byRequest } from './AskToJoin';
import { useSidebar } from './context';
import { Deadline } from './Deadline';
import { planEndText, ProgressBar } from './ProgressBar';

export interface IGroupCardProps {
  group: IGroup;
}

/** One group in the directory: title, stage, progress, deadline, members, join. */
export function GroupCard(props: IGroupCardProps): JSX.Element {
  const { model, trans, openGroup } = useSidebar();
  const { group } = props;
  const [busy, setBusy] = React.useState(false);
  const join = async (role: Role) => {
    setBusy(true);
    await model.actions.join(group.id, role);
    setBusy(false);
  };
  const stage = group.current_milestone?.title;
  const done = isGroupDone(group);
  const titleId = `jp-NerdUp-card-${group.id}`;
  const myOpen = group.my_role
    ? openTasksIn(model.allMyOpenTasks, group.id).length
    : null;
  const canJoin = !group.my_role && !isArchived(group);
  return (
    <li className="jp-NerdUp-card" aria-labelledby={titleId}>
      <div className="jp-NerdUp-card-head">
        <button
          id={titleId}
          className="jp-NerdUp-linkButton jp-NerdUp-card-title"
          onClick={() => void model.select(group.id)}
          title={group.title}
        >
          {group.title}
        </button>
        {group.my_role && (
          <span className="jp-NerdUp-badge">
            {roleLabel(trans, group.my_role)}
          </span>
        )}
        {openGroup && (
          <button
            className="jp-NerdUp-iconButton jp-NerdUp-openRoom"
            onClick={() => openGroup(group.id)}
            title={trans.__('Open %1 in the main area', group.title)}
            aria-label={trans.__('Open %1 in the main area', group.title)}
          >
            <launchIcon.react tag="span" className="jp-NerdUp-inlineIcon" />
          </button>
        )}
      </div>
      {canJoin && (
        <div className="jp-NerdUp-actions">
          {group.status !== 'finished' &&
            (byRequest(group) ? (
              <AskToJoin group={group} />
            ) : (
              <Button
                small
                disabled={busy}
                onClick={() => void join('participant')}
                aria-label={trans.__('Join %1 as participant', group.title)}
              >
                {trans.__('Join')}
              </Button>
            ))}
          <Button
            small
            minimal
            disabled={busy}
            onClick={() => void join('follower')}
            aria-label={trans.__('Follow %1', group.title)}
          >
            {trans.__('Follow')}
          </Button>
        </div>
      )}
      <div className="jp-NerdUp-card-stage">
        {stage
          ? trans.__('Stage: %1', stage)
          : planEndText(trans, group, trans.__('No milestone yet'))}
      </div>
      <ProgressBar
        progress={group.progress}
        label={trans.__('Progress of %1', group.title)}
      />
      <div className="jp-NerdUp-meta">
        <span>{trans._n('%1 member', '%1 members', group.member_count)}</span>
        {myOpen !== null && (
          <span>
            {trans._n('%1 open task of mine', '%1 open tasks of mine', myOpen)}
          </span>
        )}
        <Deadline date={group.deadline} done={done} />
      </div>
    </li>
  );
}

/** A member's role in words, with "· mentor" for an organizer who mentors too. */
export function memberLabel(
  trans: ReturnType<typeof useSidebar>['trans'],
  member: { role: Role; also_mentor?: boolean }
): string {
  const role = roleLabel(trans, member.role);
  return member.also_mentor
    ? trans.__('%1 · %2', role, roleLabel(trans, 'mentor'))
    : role;
}

export function roleLabel(
  trans: ReturnType<typeof useSidebar>['trans'],
  role: Role
): string {
  switch (role) {
    case 'organizer':
      return trans.__('organizer');
    case 'participant':
      return trans.__('participant');
    case 'mentor':
      return trans.__('mentor');
    default:
      return trans.__('follower');
  }
}
