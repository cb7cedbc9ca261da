import * as React from 'react';

import {
  Button,
  caretLeftIcon,
  HTMLSelect,
  refreshIcon
} from '@jupyterlab/ui-components';

import { currentMilestone, isGroupDone } from '../model/derive';
import { IGroupView } from '../model/types';
import { ArchivedBanner } from './ArchivedBanner';
import { useSidebar } from './context';
import { Deadline } from './Deadline';
import { roleLabel } from './GroupCard';
import { planEndText, ProgressBar } from './ProgressBar';

export interface IGroupHeaderProps {
  view: IGroupView;
}

/**
 * Title, switcher, the archive banner, stage, deadline countdown and overall progress of
 * the open group (its description is in the room's Overview).
 */
export function GroupHeader(props: IGroupHeaderProps): JSX.Element {
  const { model, trans } = useSidebar();
  const { group, milestones } = props.view;
  const now = currentMilestone(milestones);
  const mine = model.myGroups;
  return (
    <header className="jp-NerdUp-groupHeader">
      <div className="jp-NerdUp-toolbarRow">
        <Button
          small
          minimal
          onClick={() => void model.select(null)}
          title={trans.__('Back to all groups')}
          aria-label={trans.__('Back to all groups')}
        >
          <caretLeftIcon.react tag="span" className="jp-NerdUp-inlineIcon" />
          {trans.__('All groups')}
        </Button>
        <Button
          small
          minimal
          className="jp-NerdUp-refresh"
          onClick={() => void model.refresh()}
          title={trans.__('Reload')}
          aria-label={trans.__('Reload')}
        >
          <refreshIcon.react tag="span" className="jp-NerdUp-inlineIcon" />
        </Button>
      </div>
      {mine.length > 1 && (
        <div className="jp-NerdUp-switcherRow">
          <HTMLSelect
            className="jp-NerdUp-switcher"
            aria-label={trans.__('Switch group')}
            title={trans.__('Switch group')}
            value={String(group.id)}
            onChange={e => void model.select(Number(e.target.value))}
            options={mine.map(g => ({ value: String(g.id), label: g.title }))}
          />
        </div>
      )}
      <ArchivedBanner group={group} />
      <h2 className="jp-NerdUp-groupTitle">{group.title}</h2>
      <div className="jp-NerdUp-meta">
        {group.my_role ? (
          <span className="jp-NerdUp-badge">
            {trans.__('you: %1', roleLabel(trans, group.my_role))}
          </span>
        ) : (
          <span className="jp-NerdUp-badge">{trans.__('not a member')}</span>
        )}
        <span>{trans._n('%1 member', '%1 members', group.member_count)}</span>
        <Deadline date={group.deadline} done={isGroupDone(group)} />
      </div>
      <div className="jp-NerdUp-stage">
        {now
          ? trans.__('Stage: %1', now.title)
          : planEndText(trans, group, trans.__('No current stage'))}
      </div>
      <ProgressBar
        progress={group.progress}
        label={trans.__('Overall progress of %1', group.title)}
      />
    </header>
  );
}
