import * as React from 'react';

import { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';

import { NerdUpApiError } from '../../api';
import { SnapshotAPI } from '../api';
import { DiffTarget, INotebookDiff, INotebookJSON } from '../types';
import { DiffRendererRegistry } from './registry';
import { DiffView } from './view';

export interface IDiffWidgetOptions {
  target: DiffTarget;
  registry: DiffRendererRegistry;
  trans: TranslationBundle;
  oldLabel: string;
  newLabel: string;
  /** Reads the new side's notebook, for the sources of unfolded unchanged cells. */
  loadNewSide?: () => Promise<INotebookJSON>;
}

function sourceText(source: string | string[] | undefined): string {
  return Array.isArray(source) ? source.join('') : (source ?? '');
}

/**
 * The diff of two snapshots (or a snapshot and the saved file) in the main area. The
 * time from the request to the first rendered rows is kept in `data-render-ms`.
 */
export class SnapshotDiffWidget extends ReactWidget {
  constructor(private readonly options: IDiffWidgetOptions) {
    super();
    this.addClass('jp-NerdUp-diffWidget');
    this.node.tabIndex = 0;
    this.node.setAttribute('aria-label', options.trans.__('Snapshot diff'));
    void this._load();
  }

  /** Milliseconds from the request to the first rendered rows; null until then. */
  get renderMs(): number | null {
    return this._renderMs;
  }

  private async _load(): Promise<void> {
    this._started = performance.now();
    try {
      this._diff = await SnapshotAPI.diff(this.options.target);
      this._fetchMs = performance.now() - this._started;
    } catch (error) {
      this._error =
        error instanceof NerdUpApiError ? error.message : String(error);
    }
    this.update();
  }

  private _rendered = (): void => {
    requestAnimationFrame(() => {
      this._renderMs = performance.now() - this._started;
      this.node.dataset.renderMs = this._renderMs.toFixed(1);
      this.node.dataset.fetchMs = this._fetchMs.toFixed(1);
      console.info(
        `nerdup: diff of ${this._diff?.cells.length ?? 0} cells rendered in ${this._renderMs.toFixed(1)} ms (request ${this._fetchMs.toFixed(1)} ms)`
      );
    });
  };

  private _unfold = (): void => {
    if (this._newSide || this._loadingNewSide || !this.options.loadNewSide) {
      return;
    }
    this._loadingNewSide = true;
    this.options
      .loadNewSide()
      .then(nb => {
        this._newSide = nb;
        this.update();
      })
      .catch(() => {
        // The cells still unfold, only without their source.
      });
  };

  private _sourceOf = (bIndex: number): string | undefined => {
    const cell = this._newSide?.cells[bIndex];
    return cell ? sourceText(cell.source) : undefined;
  };

  render(): JSX.Element {
    const { trans } = this.options;
    if (this._error) {
      return (
        <div className="jp-NerdUp-diff jp-NerdUp-error" role="alert">
          {trans.__('The diff could not be made: %1', this._error)}
        </div>
      );
    }
    if (!this._diff) {
      return (
        <div className="jp-NerdUp-diff jp-NerdUp-loading" role="status">
          {trans.__('Comparing…')}
        </div>
      );
    }
    return (
      <DiffView
        diff={this._diff}
        registry={this.options.registry}
        trans={trans}
        oldLabel={this.options.oldLabel}
        newLabel={this.options.newLabel}
        sourceOf={this._newSide ? this._sourceOf : undefined}
        onRendered={this._rendered}
        onUnfold={this._unfold}
      />
    );
  }

  private _diff: INotebookDiff | null = null;
  private _error: string | null = null;
  private _newSide: INotebookJSON | null = null;
  private _loadingNewSide = false;
  private _started = 0;
  private _fetchMs = 0;
  private _renderMs: number | null = null;
}
