import * as React from 'react';

import {
  Button,
  caretLeftIcon,
  HTMLSelect,
  launchIcon,
  refreshIcon
} from '@jupyterlab/ui-components';

import { currentMilestone, isGroupDone } from '../model/derive';
import { IGroupView } from '../model/types';
import { ArchivedBanner } from './ArchivedBanner';
import { useSidebar } from './context';
import { Deadline } from './Deadline';
import { roleLabel } from './GroupCard';
import { Markdown } from './Markdown';
import { planEndText, ProgressBar } from './ProgressBar';

export interface IGroupHeaderProps {
  view: IGroupView;
}

/**
 * Title, switcher, the archive banner, stage, deadline countdown and overall progress of
 * the open group.
 */
export function GroupHeader(props: IGroupHeaderProps): JSX.Element {
  const { model, trans, openGroup } = useSidebar();
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
        {openGroup && (
          <Button
            small
            minimal
            className="jp-NerdUp-openRoom"
            onClick={() => openGroup(group.id)}
            title={trans.__('Open %1 in the main area', group.title)}
            aria-label={trans.__('Open %1 in the main area', group.title)}
          >
            <launchIcon.react tag="span" className="jp-NerdUp-inlineIcon" />
            {trans.__('Open room')}
          </Button>
        )}
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
      <Markdown source={group.description} className="jp-NerdUp-description" />
    </header>
  );
}
