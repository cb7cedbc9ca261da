import * as React from 'react';

import { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';

import { nerdupIcon } from '../icons';
import { GroupsModel } from '../model/groups';

/** Status bar: "Group · Milestone · 2 open tasks"; a click opens the group's room. */
export class GroupStatusItem extends ReactWidget {
  constructor(
    private readonly _model: GroupsModel,
    private readonly _trans: TranslationBundle,
    private readonly _open: () => void
  ) {
    super();
    this.addClass('jp-NerdUp-statusItem');
    this._model.changed.connect(() => this.update(), this);
  }

  render(): JSX.Element {
    const trans = this._trans;
    const group = this._model.currentGroup;
    const parts: string[] = [];
    if (group) {
      parts.push(group.title);
      const milestone = this._model.currentMilestone;
      if (milestone) {
        parts.push(milestone.title);
      }
      const open = this._model.myOpenTasks.length;
      parts.push(trans._n('%1 open task', '%1 open tasks', open));
    } else {
      parts.push(trans.__('Study groups'));
    }
    const text = parts.join(' · ');
    return (
      <button
        className="jp-NerdUp-statusButton"
        onClick={this._open}
        title={
          group
            ? trans.__('Open %1 in the main area', group.title)
            : trans.__('Open the Study groups sidebar')
        }
        aria-label={
          group
            ? trans.__('Study groups: %1. Open the group.', text)
            : trans.__('Study groups: %1. Open the sidebar.', text)
        }
      >
        <nerdupIcon.react tag="span" className="jp-NerdUp-inlineIcon" />
        <span className="jp-NerdUp-statusText">{text}</span>
      </button>
    );
  }
}
