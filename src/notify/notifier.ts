import { Notification } from '@jupyterlab/apputils';
import { ReadonlyJSONValue } from '@lumino/coreutils';
import { IDisposable } from '@lumino/disposable';
import { ISignal } from '@lumino/signaling';
import { TranslationBundle } from '@jupyterlab/translation';

import type { EventStream } from '../model/live';
import { ACTIVITY_SCHEMA_ID, IActivityEvent, IGroup } from '../model/types';
import type { IOccurrence } from '../rhythm/types';
import type { SectionId } from '../workspace/sections';
import { SessionReminder } from './reminder';
import { concernsMe, firstLook, IMatch, IRecords, IWho } from './rules';
import { NO_NOTIFICATIONS, NotifySettings } from './settings';
import { IShown, ShownStore } from './shown';
import { INoticeText, matchText, sessionText } from './text';

/** Events after which my groups' coming sessions are read again. */
const SESSION_CHANGES: ReadonlySet<string> = new Set([
  'session.scheduled',
  'session.updated',
  'session.cancelled'
]);

/** How long an activity is remembered as notified (against a second tab). */
const ACTIVITY_KEEP_MS = 24 * 60 * 60_000;

/** A notification about an activity stays this long as a toast (then in the centre). */
const ACTIVITY_TOAST_MS = 10_000;

/** What the notifier reads of `INerdUpGroups`. */
export interface INotifierGroups {
  readonly username: string | null;
  readonly myGroups: readonly IGroup[];
  readonly currentChanged: ISignal<unknown, unknown>;
}

/** Show a notification (JupyterLab's `Notification.info` in the lab). */
export type NotifyFn = (
  message: string,
  options: Notification.IOptions<ReadonlyJSONValue>
) => string;

export namespace Notifier {
  export interface IOptions {
    groups: INotifierGroups;
    /** `app.serviceManager.events.stream`; null when the server has no event bus. */
    stream: EventStream | null;
    records: IRecords;
    /** Coming session occurrences (of any groups: only mine are kept). */
    upcoming: () => Promise<readonly IOccurrence[]>;
    trans: TranslationBundle;
    /** Open the group's room at a section (the action of every notification). */
    open: (groupId: number, section: SectionId, match: IMatch | null) => void;
    /** The name to show for a username (a display name, fetched if need be). */
    name?: (username: string, groupId: number) => Promise<string> | string;
    notify?: NotifyFn;
    /** The store of what was shown, per user (tests give their own). */
    shown?: (username: string) => IShown;
    /** Options of the session reminder (tests). */
    reminder?: Partial<
      Pick<SessionReminder.IOptions, 'leadMs' | 'refetchMs' | 'now'>
    >;
  }
}

/**
 * The four opt-in notifications: it listens to the server's activity events and tells
 * me of those that concern me (see `rules.ts`), and reminds me of my groups' sessions 15
 * minutes before they start (`reminder.ts`). Nothing is read or shown for a kind whose
 * setting is off; all are off until `settings` is set.
 */
export class Notifier implements IDisposable {
  constructor(options: Notifier.IOptions) {
    this._groups = options.groups;
    this._stream = options.stream;
    this._records = options.records;
    this._upcoming = options.upcoming;
    this._trans = options.trans;
    this._open = options.open;
    this._name = options.name ?? (username => username);
    this._notify =
      options.notify ?? ((message, opts) => Notification.info(message, opts));
    this._makeShown = options.shown ?? (username => new ShownStore(username));
    this._reminder = new SessionReminder({
      ...options.reminder,
      upcoming: () => this._myUpcoming(),
      shown: {
        has: key => this._shown()?.has(key) ?? true,
        claim: (key, until) => this._shown()?.claim(key, until) ?? false
      },
      remind: (occurrence, minutes) => this._remindOf(occurrence, minutes)
    });
    this._stream?.connect(this._onEvent, this);
    this._groups.currentChanged.connect(this._onGroups, this);
    this._groupsKey = this._keyOfGroups();
  }

  get isDisposed(): boolean {
    return this._disposed;
  }

  /** The kinds the user asked for (followed live from the settings). */
  get settings(): NotifySettings {
    return this._settings;
  }

  set settings(value: NotifySettings) {
    this._settings = value;
    this._reminder.enabled = value.sessionSoon;
  }

  /** The session reminder (tests look at its timer). */
  get reminder(): SessionReminder {
    return this._reminder;
  }

  /** Handle one activity event; resolves once its notification, if any, is shown. */
  async handle(event: IActivityEvent): Promise<void> {
    if (this._disposed) {
      return;
    }
    const who = this._who();
    if (
      SESSION_CHANGES.has(event.kind) &&
      who.groups.some(g => g.id === event.group_id)
    ) {
      void this._reminder.replan();
    }
    if (firstLook(event, who, this._settings) === null) {
      return;
    }
    const match = await concernsMe(event, who, this._settings, this._records);
    const store = who.username ? this._shown() : null;
    if (
      !match ||
      this._disposed ||
      !this._settings[match.kind] ||
      !store?.claim(
        `activity:${event.activity_id}`,
        Date.now() + ACTIVITY_KEEP_MS
      )
    ) {
      return;
    }
    const name = await Promise.resolve(
      this._name(match.actor, match.groupId)
    ).catch(() => match.actor);
    const text = matchText(
      match,
      this._groupTitle(match.groupId),
      name,
      this._trans
    );
    this._show(text, match.groupId, match, ACTIVITY_TOAST_MS);
  }

  dispose(): void {
    if (this._disposed) {
      return;
    }
    this._disposed = true;
    this._stream?.disconnect(this._onEvent, this);
    this._groups.currentChanged.disconnect(this._onGroups, this);
    this._reminder.dispose();
  }

  private _onEvent(_: unknown, emission: { schema_id: string }): void {
    if (emission.schema_id !== ACTIVITY_SCHEMA_ID) {
      return;
    }
    const event = emission as unknown as IActivityEvent;
    if (typeof event.group_id !== 'number' || typeof event.kind !== 'string') {
      return;
    }
    void this.handle(event);
  }

  /** My groups (or who I am) changed: their sessions are read again. */
  private _onGroups(): void {
    const key = this._keyOfGroups();
    if (key !== this._groupsKey) {
      this._groupsKey = key;
      void this._reminder.replan();
    }
  }

  private _keyOfGroups(): string {
    const ids = this._activeGroups().map(g => g.id);
    return `${this._groups.username ?? ''}:${ids.sort((a, b) => a - b).join(',')}`;
  }

  private _activeGroups(): readonly IGroup[] {
    return this._groups.myGroups.filter(
      g => g.status !== 'archived' && g.my_role
    );
  }

  private _who(): IWho {
    return { username: this._groups.username, groups: this._groups.myGroups };
  }

  private _shown(): IShown | null {
    const username = this._groups.username;
    if (!username) {
      return null;
    }
    if (this._store?.username !== username) {
      this._store = { username, shown: this._makeShown(username) };
    }
    return this._store.shown;
  }

  private async _myUpcoming(): Promise<IOccurrence[]> {
    const mine = new Set(this._activeGroups().map(g => g.id));
    if (mine.size === 0 || !this._groups.username) {
      return [];
    }
    const found = await this._upcoming();
    return found.filter(o => mine.has(o.group_id));
  }

  private _groupTitle(groupId: number): string {
    return this._groups.myGroups.find(g => g.id === groupId)?.title ?? '';
  }

  private _remindOf(occurrence: IOccurrence, minutes: number): void {
    const title =
      occurrence.group_title ?? this._groupTitle(occurrence.group_id);
    const text = sessionText(occurrence, title, minutes, this._trans);
    this._show(text, occurrence.group_id, null, false);
  }

  private _show(
    text: INoticeText,
    groupId: number,
    match: IMatch | null,
    autoClose: number | false
  ): void {
    this._notify(text.message, {
      autoClose,
      actions: [
        {
          label: text.action,
          displayType: 'accent',
          callback: () => this._open(groupId, text.section, match)
        }
      ]
    });
  }

  private _groups: INotifierGroups;
  private _stream: EventStream | null;
  private _records: IRecords;
  private _upcoming: () => Promise<readonly IOccurrence[]>;
  private _trans: TranslationBundle;
  private _open: Notifier.IOptions['open'];
  private _name: NonNullable<Notifier.IOptions['name']>;
  private _notify: NotifyFn;
  private _makeShown: (username: string) => IShown;
  private _store: { username: string; shown: IShown } | null = null;
  private _reminder: SessionReminder;
  private _settings: NotifySettings = NO_NOTIFICATIONS;
  private _groupsKey: string;
  private _disposed = false;
}
