import * as React from 'react';

import { ISignal, Signal } from '@lumino/signaling';

/**
 * What a question about to be asked is about: a task of the plan, or a cell of a snapshot
 * (asked from a notebook cell, which is committed first so teammates can read it).
 */
export interface IAskAnchor {
  task_id?: number;
  snapshot_id?: number;
  cell_id?: string;
  /** How the cell is named to the asker ("cell 3 of eda.ipynb"). */
  cell_label?: string;
}

/**
 * "Ask about it" on a task, or "Ask the group about this cell" in a notebook, opens the
 * group's Questions with the ask form ready and anchored. The button leaves the request
 * here; the group's question list takes it when it shows that group. One per sidebar
 * model (see `askAbout`).
 */
export class AskAbout {
  get requested(): ISignal<this, void> {
    return this._requested;
  }

  request(groupId: number, anchor: IAskAnchor): void {
    this._pending = { groupId, anchor };
    this._requested.emit();
  }

  /** What to ask about in `groupId`, once; null when nothing was asked for there. */
  take(groupId: number): IAskAnchor | null {
    if (this._pending?.groupId !== groupId) {
      return null;
    }
    const { anchor } = this._pending;
    this._pending = null;
    return anchor;
  }

  private _pending: { groupId: number; anchor: IAskAnchor } | null = null;
  private _requested = new Signal<this, void>(this);
}

const requests = new WeakMap<object, AskAbout>();

/** The "ask about" requests of a sidebar, keyed by its model. */
export function askAbout(model: object): AskAbout {
  let found = requests.get(model);
  if (!found) {
    found = new AskAbout();
    requests.set(model, found);
  }
  return found;
}

/**
 * For a group's question list: what a question is being asked about (set when "Ask about
 * it" was pressed, now or before the list showed), and a way to drop it.
 */
export function useAskAbout(
  model: object,
  groupId: number
): [IAskAnchor | null, (anchor: IAskAnchor | null) => void] {
  const [anchor, setAnchor] = React.useState<IAskAnchor | null>(() =>
    askAbout(model).take(groupId)
  );
  React.useEffect(() => {
    const requestsOf = askAbout(model);
    const check = () => {
      const asked = requestsOf.take(groupId);
      if (asked !== null) {
        setAnchor(asked);
      }
    };
    requestsOf.requested.connect(check);
    return () => {
      requestsOf.requested.disconnect(check);
    };
  }, [model, groupId]);
  return [anchor, setAnchor];
}
