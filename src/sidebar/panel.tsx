import * as React from 'react';

import { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';
import { ISignal, Signal } from '@lumino/signaling';

import { nerdupIcon } from '../icons';
import { IServerStatus } from '../version';
import { StatusView } from './statusview';

/** The left-sidebar panel "Study groups". */
export class SidebarPanel extends ReactWidget {
  constructor(private readonly trans: TranslationBundle) {
    super();
    this.id = 'nerdup-sidebar';
    this.addClass('jp-NerdUp-sidebar');
    this.title.icon = nerdupIcon;
    this.title.caption = trans.__('Study groups');
  }

  /** Emitted whenever the server status shown in the panel changes. */
  get statusChanged(): ISignal<this, void> {
    return this._statusChanged;
  }

  setStatus(status: IServerStatus | null, error: string | null = null): void {
    this._status = status;
    this._error = error;
    this._statusChanged.emit();
    this.update();
  }

  render(): JSX.Element {
    return (
      <div className="jp-NerdUp-panel">
        <header className="jp-NerdUp-header">
          <h2 className="jp-NerdUp-title">{this.trans.__('Study groups')}</h2>
        </header>
        <StatusView
          status={this._status}
          error={this._error}
          trans={this.trans}
        />
      </div>
    );
  }

  private _status: IServerStatus | null = null;
  private _error: string | null = null;
  private _statusChanged = new Signal<this, void>(this);
}
