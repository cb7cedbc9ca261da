import { IDisposable } from '@lumino/disposable';

import type { IOccurrence } from '../rhythm/types';
import type { IShown } from './shown';

/** How long before a session's start the reminder comes. */
export const REMINDER_LEAD_MS = 15 * 60_000;
/** How often the coming sessions are read again when no event says they changed. */
export const REFETCH_MS = 60 * 60_000;
/** Never sooner than this between two reads (events asking for a new plan wait). */
const MIN_REFETCH_MS = 60_000;
/** setTimeout's longest delay is 2^31-1 ms; the plan wakes up well before that. */
const MAX_DELAY_MS = 24 * 60 * 60_000;

/** The key of one occurrence of a session in the shown store. */
export function occurrenceKey(occurrence: IOccurrence): string {
  return `session:${occurrence.session_id}@${occurrence.start}`;
}

export namespace SessionReminder {
  export interface IOptions {
    /** The coming occurrences of my groups' sessions (any order). */
    upcoming: () => Promise<readonly IOccurrence[]>;
    /** Where the reminders shown are remembered. */
    shown: IShown;
    /** Show the reminder of `occurrence`, which starts in `minutes` minutes. */
    remind: (occurrence: IOccurrence, minutes: number) => void;
    leadMs?: number;
    /** At least a minute. */
    refetchMs?: number;
    now?: () => number;
  }
}

/**
 * One reminder per session occurrence, `leadMs` (15 minutes) before it starts: a timer
 * set for the next one due, planned again when the list of sessions is read again (every
 * `refetchMs`, or on `replan()` when an event says the sessions changed). A session that
 * has started gets none; one whose 15 minutes are under way when the lab opens gets it at
 * once, unless it was shown already (the shown store survives a reload).
 */
export class SessionReminder implements IDisposable {
  constructor(options: SessionReminder.IOptions) {
    this._upcoming = options.upcoming;
    this._shown = options.shown;
    this._remind = options.remind;
    this._lead = options.leadMs ?? REMINDER_LEAD_MS;
    this._refetch = Math.max(options.refetchMs ?? REFETCH_MS, MIN_REFETCH_MS);
    this._now = options.now ?? Date.now;
  }

  get isDisposed(): boolean {
    return this._disposed;
  }

  /** Whether reminders are on (the `notifySessionSoon` setting); off at first. */
  get enabled(): boolean {
    return this._enabled;
  }

  set enabled(value: boolean) {
    if (value === this._enabled || this._disposed) {
      return;
    }
    this._enabled = value;
    if (value) {
      void this.replan();
    } else {
      this._clear();
      this._list = [];
      this._fetchedAt = -Infinity;
    }
  }

  /** When the timer wakes up next (ms since the epoch), null when none is set. */
  get wakesAt(): number | null {
    return this._timer === null ? null : this._wakesAt;
  }

  /**
   * Read the coming sessions again and plan the next reminder (the sessions changed, or
   * my groups did). Calls within a minute of the last read wait for the minute's end.
   */
  replan(): Promise<void> {
    if (!this._enabled || this._disposed) {
      return Promise.resolve();
    }
    if (this._inflight) {
      this._again = true;
      return this._inflight;
    }
    if (this._now() < this._fetchedAt + MIN_REFETCH_MS) {
      // Read again at the end of the minute (the timer does, see _schedule).
      this._soon = this._fetchedAt + MIN_REFETCH_MS;
      this._schedule();
      return Promise.resolve();
    }
    this._inflight = this._read().finally(() => {
      this._inflight = null;
    });
    return this._inflight;
  }

  dispose(): void {
    if (this._disposed) {
      return;
    }
    this._disposed = true;
    this._clear();
  }

  private async _read(): Promise<void> {
    this._again = false;
    this._soon = null;
    this._fetchedAt = this._now();
    try {
      this._list = [...(await this._upcoming())];
    } catch {
      // Server away: keep what was read before; try again at the next read.
    }
    if (this._again) {
      // Asked again while reading: once more, at the end of the minute.
      this._again = false;
      this._soon = this._fetchedAt + MIN_REFETCH_MS;
    }
    this._schedule();
  }

  /** Show what is due now; set the timer for the next one due, or the next read. */
  private _schedule(): void {
    this._clear();
    if (!this._enabled || this._disposed) {
      return;
    }
    const now = this._now();
    const readAt = Math.min(
      this._soon ?? Infinity,
      this._fetchedAt + this._refetch
    );
    let wake = readAt;
    const coming = this._list
      .map(o => ({ o, start: Date.parse(o.start) }))
      .filter(({ start }) => start > now)
      .sort((a, b) => a.start - b.start);
    for (const { o, start } of coming) {
      const key = occurrenceKey(o);
      const due = start - this._lead;
      if (due <= now) {
        if (this._shown.claim(key, start + MAX_DELAY_MS)) {
          this._remind(o, Math.max(1, Math.ceil((start - now) / 60_000)));
        }
      } else if (!this._shown.has(key)) {
        wake = Math.min(wake, due);
        break;
      }
    }
    const delay = Math.min(Math.max(wake - now, 0), MAX_DELAY_MS);
    this._wakesAt = now + delay;
    this._timer = setTimeout(() => {
      this._timer = null;
      if (this._now() >= readAt) {
        void this.replan();
      } else {
        this._schedule();
      }
    }, delay);
  }

  private _clear(): void {
    if (this._timer !== null) {
      clearTimeout(this._timer);
      this._timer = null;
    }
  }

  private _upcoming: () => Promise<readonly IOccurrence[]>;
  private _shown: IShown;
  private _remind: (occurrence: IOccurrence, minutes: number) => void;
  private _lead: number;
  private _refetch: number;
  private _now: () => number;
  private _list: IOccurrence[] = [];
  private _fetchedAt = -Infinity;
  /** A read asked for within a minute of the last one: done at this time. */
  private _soon: number | null = null;
  private _enabled = false;
  private _disposed = false;
  private _timer: ReturnType<typeof setTimeout> | null = null;
  private _wakesAt = 0;
  private _inflight: Promise<void> | null = null;
  private _again = false;
}
