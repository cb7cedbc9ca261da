import * as React from 'react';

import { TranslationBundle } from '@jupyterlab/translation';
import {
  Button,
  historyIcon,
  ReactWidget,
  refreshIcon
} from '@jupyterlab/ui-components';

import { ISignal, Signal } from '@lumino/signaling';

import { displayName } from '../people';
import { HistoryModel } from './historymodel';
import { ISnapshot } from './types';

/** What the history panel can ask the application to do. */
export interface IHistoryActions {
  open(snapshot: ISnapshot): void;
  diff(older: ISnapshot, newer: ISnapshot): void;
  diffWithFile(snapshot: ISnapshot): void;
  restore(snapshot: ISnapshot): void;
}

export interface IHistoryPanelOptions {
  model: HistoryModel;
  actions: IHistoryActions;
  trans: TranslationBundle;
  /** Title of a task by id, when known. */
  taskTitle: (id: number) => string | undefined;
  /** Name of the current group, when known. */
  groupTitle: () => string | null;
}

function when(iso: string): string {
  const date = new Date(iso);
  return isNaN(date.getTime()) ? iso : date.toLocaleString();
}

function Item(props: {
  snapshot: ISnapshot;
  selected: boolean;
  options: IHistoryPanelOptions;
}): JSX.Element {
  const { snapshot: s, selected, options } = props;
  const { trans, actions, model } = options;
  const task = s.task_id !== null ? options.taskTitle(s.task_id) : undefined;
  const checkId = `jp-NerdUp-snap-${s.id}`;
  return (
    <li
      className={`jp-NerdUp-historyItem${selected ? ' jp-mod-selected' : ''}`}
      data-snapshot-id={s.id}
    >
      <div className="jp-NerdUp-historyLine">
        <input
          id={checkId}
          type="checkbox"
          checked={selected}
          onChange={() => model.toggle(s.id)}
          aria-label={trans.__('Select snapshot #%1 to compare', s.id)}
        />
        <label htmlFor={checkId} className="jp-NerdUp-historyMessage">
          {s.message || trans.__('(no message)')}
        </label>
      </div>
      <div className="jp-NerdUp-historyMeta">
        {trans.__(
          '#%1 · %2 · %3',
          s.id,
          displayName(s.author),
          when(s.created_at)
        )}
        {s.task_id !== null ? (
          <span className="jp-NerdUp-historyTask">
            {' · '}
            {trans.__('task: %1', task ?? `#${s.task_id}`)}
          </span>
        ) : null}
      </div>
      <div className="jp-NerdUp-historyActions">
        <Button
          small
          minimal
          onClick={() => actions.open(s)}
          aria-label={trans.__('Open snapshot #%1 read-only', s.id)}
        >
          {trans.__('Open')}
        </Button>
        <Button
          small
          minimal
          onClick={() => actions.diffWithFile(s)}
          aria-label={trans.__(
            'Compare snapshot #%1 with the saved file',
            s.id
          )}
        >
          {trans.__('Compare with file')}
        </Button>
        <Button
          small
          minimal
          onClick={() => actions.restore(s)}
          aria-label={trans.__('Restore snapshot #%1 as a new file', s.id)}
        >
          {trans.__('Restore…')}
        </Button>
      </div>
    </li>
  );
}

function History(props: { options: IHistoryPanelOptions }): JSX.Element {
  const { options } = props;
  const { model, trans, actions } = options;
  const pair = model.pair;
  let body: JSX.Element;
  if (model.path === null) {
    body = (
      <p className="jp-NerdUp-empty">
        {trans.__('Open a notebook to see its snapshots.')}
      </p>
    );
  } else if (model.groupId === null) {
    body = (
      <p className="jp-NerdUp-empty">
        {trans.__('Join or choose a study group to keep snapshots.')}
      </p>
    );
  } else if (model.items.length === 0 && !model.loading && !model.error) {
    body = (
      <p className="jp-NerdUp-empty">
        {trans.__(
          'No snapshots of this notebook yet. Use "Commit snapshot" in the notebook toolbar.'
        )}
      </p>
    );
  } else {
    body = (
      <ul className="jp-NerdUp-historyList" aria-label={trans.__('Snapshots')}>
        {model.items.map(s => (
          <Item
            key={s.id}
            snapshot={s}
            selected={model.selected.includes(s.id)}
            options={options}
          />
        ))}
      </ul>
    );
  }
  return (
    <div className="jp-NerdUp-panel jp-NerdUp-history">
      <header className="jp-NerdUp-header jp-NerdUp-historyHeader">
        <h2 className="jp-NerdUp-title">{trans.__('Snapshots')}</h2>
        <Button
          small
          minimal
          onClick={() => void model.refresh()}
          aria-label={trans.__('Refresh the snapshot history')}
          title={trans.__('Refresh')}
        >
          <refreshIcon.react tag="span" />
        </Button>
      </header>
      <div className="jp-NerdUp-historyTarget">
        {model.path ?? ''}
        {options.groupTitle() ? ` · ${options.groupTitle()}` : ''}
      </div>
      <div className="jp-NerdUp-historyCompare">
        <Button
          small
          disabled={pair === null}
          onClick={() => pair && actions.diff(pair[0], pair[1])}
          aria-label={trans.__('Compare the two selected snapshots')}
        >
          {pair
            ? trans.__('Compare #%1 → #%2', pair[0].id, pair[1].id)
            : trans.__('Select two to compare')}
        </Button>
      </div>
      {model.error ? (
        <div className="jp-NerdUp-error" role="alert">
          {model.error}
        </div>
      ) : null}
      {model.loading && model.items.length === 0 ? (
        <div className="jp-NerdUp-loading" role="status">
          {trans.__('Loading snapshots…')}
        </div>
      ) : null}
      {body}
      {model.hasMore ? (
        <Button small minimal onClick={() => void model.loadMore()}>
          {trans.__('Older snapshots')}
        </Button>
      ) : null}
    </div>
  );
}

/** The right-sidebar panel: snapshots of the notebook that is open. */
export class HistoryPanel extends ReactWidget {
  constructor(private readonly options: IHistoryPanelOptions) {
    super();
    this.id = 'nerdup-snapshot-history';
    this.addClass('jp-NerdUp-historyPanel');
    this.title.icon = historyIcon;
    this.title.caption = options.trans.__('Snapshot history');
    options.model.changed.connect(() => this.update(), this);
  }

  /** Emitted each time the panel becomes visible. */
  get shown(): ISignal<this, void> {
    return this._shown;
  }

  protected onAfterShow(): void {
    this._shown.emit();
  }

  render(): JSX.Element {
    return <History options={this.options} />;
  }

  private _shown = new Signal<this, void>(this);
}
