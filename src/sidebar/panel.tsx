import * as React from 'react';

import { TranslationBundle } from '@jupyterlab/translation';
import { closeIcon, ReactWidget } from '@jupyterlab/ui-components';
import { Message } from '@lumino/messaging';
import { ISignal, Signal } from '@lumino/signaling';

import { ISidebarContext, SidebarContext } from '../components/context';
import { Directory } from '../components/Directory';
import { GroupView } from '../components/GroupView';
import { nerdupIcon } from '../icons';
import { GroupsModel } from '../model/groups';
import { IServerStatus } from '../version';
import { StatusView } from './statusview';

export namespace SidebarPanel {
  export interface IOptions extends Omit<ISidebarContext, 'model' | 'trans'> {
    model: GroupsModel;
    trans: TranslationBundle;
  }
}

/** The left-sidebar panel "Study groups": renders the GroupsModel, nothing more. */
export class SidebarPanel extends ReactWidget {
  constructor(options: SidebarPanel.IOptions) {
    super();
    this._context = { ...options };
    this.model = options.model;
    this.trans = options.trans;
    this.id = 'nerdup-sidebar';
    this.addClass('jp-NerdUp-sidebar');
    this.title.icon = nerdupIcon;
    this.title.caption = this.trans.__('Study groups');
    this.model.changed.connect(() => this.update(), this);
  }

  readonly model: GroupsModel;
  readonly trans: TranslationBundle;

  /** Emitted whenever the server status shown in the panel changes. */
  get statusChanged(): ISignal<this, void> {
    return this._statusChanged;
  }

  /** Emitted when the panel is shown (after being hidden). */
  get shown(): ISignal<this, void> {
    return this._shown;
  }

  setStatus(status: IServerStatus | null, error: string | null = null): void {
    this._status = status;
    this._error = error;
    this._statusChanged.emit();
    this.update();
  }

  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    this._shown.emit();
  }

  render(): JSX.Element {
    const { model, trans } = this;
    const view = model.current;
    const notice = model.notice;
    return (
      <SidebarContext.Provider value={this._context}>
        <div className="jp-NerdUp-panel" aria-busy={model.loading}>
          <header className="jp-NerdUp-header">
            <h2 className="jp-NerdUp-title">{trans.__('Study groups')}</h2>
            {model.loading && (
              <span className="jp-NerdUp-loading" role="status">
                {trans.__('Loading…')}
              </span>
            )}
          </header>
          {notice && (
            <div
              className={`jp-NerdUp-notice jp-NerdUp-notice-${notice.kind}`}
              role="alert"
            >
              <span>{notice.text}</span>
              <button
                className="jp-NerdUp-iconButton"
                aria-label={trans.__('Dismiss')}
                onClick={() => model.notify(null)}
              >
                <closeIcon.react tag="span" className="jp-NerdUp-inlineIcon" />
              </button>
            </div>
          )}
          {model.error && !this._error && (
            <div
              className="jp-NerdUp-notice jp-NerdUp-notice-error"
              role="alert"
            >
              <div>
                {model.error}
                {model.reconnecting && (
                  <div className="jp-NerdUp-reconnecting" role="status">
                    {trans.__('Trying again by itself…')}
                  </div>
                )}
              </div>
            </div>
          )}
          <div className="jp-NerdUp-body">
            {model.currentId !== null && view ? (
              <GroupView view={view} />
            ) : model.currentId !== null ? (
              <p className="jp-NerdUp-empty">
                {trans.__('Loading the group…')}
              </p>
            ) : (
              <Directory />
            )}
          </div>
          <StatusView
            status={this._status}
            error={this._error}
            trans={trans}
            me={model.me?.user ?? null}
          />
        </div>
      </SidebarContext.Provider>
    );
  }

  private _context: ISidebarContext;
  private _status: IServerStatus | null = null;
  private _error: string | null = null;
  private _statusChanged = new Signal<this, void>(this);
  private _shown = new Signal<this, void>(this);
}
