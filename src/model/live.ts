import { IDisposable } from '@lumino/disposable';
import { ISignal } from '@lumino/signaling';

import type { GroupsModel } from './groups';
import { ACTIVITY_SCHEMA_ID, IActivityEvent } from './types';

/** What LiveUpdates needs of `serviceManager.events.stream`. */
export type EventStream = ISignal<unknown, { schema_id: string }>;

export namespace LiveUpdates {
  export interface IOptions {
    model: GroupsModel;
    /** `app.serviceManager.events.stream`; null when the server has no event bus. */
    stream: EventStream | null;
    /** Whether anyone looks at the sidebar; the fallback poll sleeps otherwise. */
    isVisible: () => boolean;
    /** First fallback check after this many ms (doubles while nothing changes). */
    minInterval?: number;
    maxInterval?: number;
  }
}

/**
 * Keeps the model current: every nerdup activity event on the server's event bus
 * refreshes the group it names (within a fraction of a second). As a safety net for a
 * dropped websocket, a light check (the latest activity id) runs now and then; its
 * interval doubles while nothing changes, and it does not run while the sidebar is hidden.
 */
export class LiveUpdates implements IDisposable {
  constructor(options: LiveUpdates.IOptions) {
    this._model = options.model;
    this._stream = options.stream;
    this._isVisible = options.isVisible;
    this._min = options.minInterval ?? 30_000;
    this._max = options.maxInterval ?? 10 * 60_000;
    this._interval = this._min;
    this._stream?.connect(this._onEvent, this);
    this._schedule();
  }

  get isDisposed(): boolean {
    return this._disposed;
  }

  /** The current fallback interval (ms). */
  get interval(): number {
    return this._interval;
  }

  /** The sidebar became visible: catch up now instead of at the next tick. */
  wake(): void {
    if (this._disposed) {
      return;
    }
    this._interval = this._min;
    void this.check();
  }

  /** One fallback check; exported for tests. */
  async check(): Promise<void> {
    if (this._disposed || !this._isVisible()) {
      return;
    }
    try {
      if (await this._model.hasNewActivity()) {
        this._interval = this._min;
        await this._model.refresh();
        return;
      }
    } catch {
      // Server away: wait longer before the next try.
    }
    this._interval = Math.min(this._interval * 2, this._max);
  }

  dispose(): void {
    if (this._disposed) {
      return;
    }
    this._disposed = true;
    this._stream?.disconnect(this._onEvent, this);
    if (this._timer !== null) {
      clearTimeout(this._timer);
    }
  }

  private _onEvent(_: unknown, emission: { schema_id: string }): void {
    if (emission.schema_id !== ACTIVITY_SCHEMA_ID) {
      return;
    }
    const event = emission as unknown as IActivityEvent;
    if (typeof event.group_id !== 'number') {
      return;
    }
    this._interval = this._min;
    void this._model.handleActivity(event);
  }

  private _schedule(): void {
    if (this._disposed) {
      return;
    }
    this._timer = setTimeout(async () => {
      await this.check();
      this._schedule();
    }, this._interval);
  }

  private _model: GroupsModel;
  private _stream: EventStream | null;
  private _isVisible: () => boolean;
  private _min: number;
  private _max: number;
  private _interval: number;
  private _timer: ReturnType<typeof setTimeout> | null = null;
  private _disposed = false;
}
