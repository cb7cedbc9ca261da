import * as React from 'react';

import { ISignal, Signal } from '@lumino/signaling';

/** A question about to be asked, from a task's "Ask about it": its group and task. */
export interface IAskAbout {
  groupId: number;
  taskId: number;
}

/**
 * "Ask about it" on a task opens the group's Questions with the ask form ready and
 * anchored to that task. The task's button leaves the request here; the group's question
 * list takes it when it shows that group. One per sidebar model (see `askAbout`).
 */
export class AskAbout {
  get requested(): ISignal<this, void> {
    return this._requested;
  }

  request(groupId: number, taskId: number): void {
    this._pending = { groupId, taskId };
    this._requested.emit();
  }

  /** The task to ask about in `groupId`, once; null when nothing was asked for there. */
  take(groupId: number): number | null {
    if (this._pending?.groupId !== groupId) {
      return null;
    }
    const { taskId } = this._pending;
    this._pending = null;
    return taskId;
  }

  private _pending: IAskAbout | null = null;
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
 * For a group's question list: the task a question is being asked about (set when a
 * task's "Ask about it" is pressed, now or before the list showed), and a way to drop it.
 */
export function useAskAbout(
  model: object,
  groupId: number
): [number | null, (taskId: number | null) => void] {
  const [taskId, setTaskId] = React.useState<number | null>(() =>
    askAbout(model).take(groupId)
  );
  React.useEffect(() => {
    const requestsOf = askAbout(model);
    const check = () => {
      const asked = requestsOf.take(groupId);
      if (asked !== null) {
        setTaskId(asked);
      }
    };
    requestsOf.requested.connect(check);
    return () => {
      requestsOf.requested.disconnect(check);
    };
  }, [model, groupId]);
  return [taskId, setTaskId];
}
