import { IStateDB } from '@jupyterlab/statedb';
import { nullTranslator, TranslationBundle } from '@jupyterlab/translation';
import { IDisposable } from '@lumino/disposable';
import { Debouncer } from '@lumino/polling';
import { ISignal, Signal } from '@lumino/signaling';

import { NerdUpApiError } from '../api';
import { GroupsActions } from './actions';
import { INerdUpGroups } from '../tokens';
import { GroupsClient } from './client';
import { currentMilestone, openTasksIn } from './derive';
import { partsOfAll, ViewPart } from './eventparts';
import {
  IActivity,
  IActivityEvent,
  IGroup,
  IGroupView,
  IMe,
  IMilestone,
  ITask
} from './types';

/** Where the sidebar's choice of group is remembered between sessions. */
export const STATE_KEY = 'nerdup-lab:sidebar';

/** A message for the user: what happened, in words. */
export interface INotice {
  kind: 'info' | 'warning' | 'error';
  text: string;
}

export namespace GroupsModel {
  export interface IOptions {
    client?: GroupsClient;
    state?: IStateDB | null;
    trans?: TranslationBundle;
    /** Group shown when nothing was remembered (the `defaultGroup` setting). */
    defaultGroupId?: number | null;
    /** How many activities the feed keeps. */
    activityLimit?: number;
    /**
     * First wait before reloading by itself when the server (or, in JupyterHub mode,
     * the nerdup service) cannot be reached; it doubles up to 30 s.
     */
    retryDelayMs?: number;
  }
}

/** Whether an error means the data cannot be reached now but may come back by itself. */
export function isUnreachable(error: unknown): boolean {
  return (
    error instanceof NerdUpApiError &&
    (error.status === 503 || error.status === 0)
  );
}

const RETRY_MAX_MS = 30000;

/**
 * The study groups the sidebar shows: the directory of open groups (with search), the
 * user's own groups and open tasks, and the current group with its plan, proposals and
 * activity. It fetches and caches; widgets render it and listen to `changed`.
 */
export class GroupsModel implements INerdUpGroups, IDisposable {
  constructor(options: GroupsModel.IOptions = {}) {
    this.client = options.client ?? new GroupsClient();
    this.trans = options.trans ?? nullTranslator.load('nerdup_lab');
    this._state = options.state ?? null;
    this._defaultGroupId = options.defaultGroupId ?? null;
    this._activityLimit = options.activityLimit ?? 15;
    this._retryDelayMs = options.retryDelayMs ?? 2000;
    this.actions = new GroupsActions(this);
  }

  readonly client: GroupsClient;
  readonly trans: TranslationBundle;
  /** The writes (join, claim, vote...), each followed by a refresh. */
  readonly actions: GroupsActions;

  /** Any change of what the model holds. */
  get changed(): ISignal<this, void> {
    return this._changed;
  }
  /** The current group (or its content) changed; carries the new view. */
  get currentChanged(): ISignal<this, IGroupView | null> {
    return this._currentChanged;
  }
  /** A message for the user (a conflict, a failed action). */
  get noticeRaised(): ISignal<this, INotice> {
    return this._noticeRaised;
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  // -- What the widgets read ------------------------------------------------------

  get directory(): readonly IGroup[] {
    return this._directory;
  }
  get query(): string {
    return this._query;
  }
  get me(): IMe | null {
    return this._me;
  }
  get username(): string | null {
    return this._me?.user.username ?? null;
  }
  get myGroups(): readonly IGroup[] {
    return this._me?.groups ?? [];
  }
  /** My open tasks (claimed or personal) across all my groups. */
  get allMyOpenTasks(): readonly ITask[] {
    return this._me?.tasks ?? [];
  }
  /** My open tasks in the current group. */
  get myOpenTasks(): readonly ITask[] {
    const id = this._currentId;
    return id === null ? [] : openTasksIn(this.allMyOpenTasks, id);
  }
  get currentId(): number | null {
    return this._currentId;
  }
  get current(): IGroupView | null {
    return this._currentId === null
      ? null
      : (this._cache.get(this._currentId) ?? null);
  }
  /** The cached view of a group (null until it was loaded): what a group's room shows. */
  view(groupId: number): IGroupView | null {
    return this._cache.get(groupId) ?? null;
  }
  get currentGroup(): IGroup | null {
    return this.current?.group ?? null;
  }
  get currentMilestone(): IMilestone | null {
    const view = this.current;
    return view ? currentMilestone(view.milestones) : null;
  }
  get loading(): boolean {
    return this._loading > 0;
  }
  /** Why the last load failed, in words; null when it worked. */
  get error(): string | null {
    return this._error;
  }
  /**
   * Emitted once when a burst of loads ends with something loaded (a refresh runs
   * several loads, and `changed` fires at each start and end): the moment for views
   * that fetch data of their own (community sessions, mentoring) to fetch it again.
   */
  get settled(): ISignal<this, void> {
    return this._settled;
  }

  /**
   * What the last reload of the current group brought (a teammate's change reloads only
   * the parts its kind touches); null after a full load. Views that fetch data of their
   * own read it on `currentChanged` or `settled` to fetch only when theirs changed.
   */
  get lastChange(): ReadonlySet<ViewPart> | null {
    return this._lastChange;
  }

  /** True while the data cannot be reached and the model tries again by itself. */
  get reconnecting(): boolean {
    return this._retryTimer !== null;
  }
  get notice(): INotice | null {
    return this._notice;
  }
  /** The group opened when none was remembered (the `defaultGroup` setting). */
  get defaultGroupId(): number | null {
    return this._defaultGroupId;
  }
  set defaultGroupId(id: number | null) {
    this._defaultGroupId = id;
  }
  /** When the model last loaded anything from the server (ms since epoch). */
  get lastLoaded(): number {
    return this._lastLoaded;
  }

  // -- Loading --------------------------------------------------------------------

  /** Load everything: me, the directory, the remembered (or default) group. */
  async start(): Promise<void> {
    let remembered: number | null = null;
    if (this._state) {
      try {
        const saved = (await this._state.fetch(STATE_KEY)) as {
          currentGroupId?: number | null;
        } | null;
        remembered = saved?.currentGroupId ?? null;
      } catch {
        remembered = null;
      }
    }
    const chosen = this._choices;
    await Promise.all([this.refreshMe(), this.refreshDirectory()]);
    if (this._choices !== chosen) {
      // The user opened a group (or the directory) while this loaded: that choice stays.
      return;
    }
    const mine = this.myGroups.map(g => g.id);
    const candidates = [remembered, this._defaultGroupId, mine[0] ?? null];
    const pick = candidates.find(
      id =>
        id !== null &&
        (mine.includes(id) || this._directory.some(g => g.id === id))
    );
    if (pick !== undefined && pick !== null) {
      await this.select(pick, { remember: false });
    }
  }

  /** Reload all that is shown: me, directory and the current group. */
  async refresh(): Promise<void> {
    await Promise.all([
      this.refreshMe(),
      this.refreshDirectory(),
      this._currentId === null ? Promise.resolve() : this.refreshCurrent()
    ]);
  }

  async refreshMe(): Promise<void> {
    await this._load(async () => {
      this._me = await this.client.me();
    });
  }

  /** Search the directory (title and description); empty shows all open groups. */
  async search(query: string): Promise<void> {
    this._query = query;
    this._changed.emit();
    await this.refreshDirectory();
  }

  async refreshDirectory(): Promise<void> {
    const query = this._query;
    await this._load(async () => {
      const found = await this.client.listGroups(query.trim() || undefined);
      if (query === this._query) {
        this._directory = found;
        this._directoryStale = false;
      }
    });
  }

  /** Open a group in the sidebar (null: back to the directory) and remember it. */
  async select(
    groupId: number | null,
    options: { remember?: boolean } = {}
  ): Promise<void> {
    if (options.remember !== false) {
      this._choices++;
    }
    if (groupId !== this._currentId) {
      this._currentId = groupId;
      this._lastActivityId = this.current?.activity[0]?.id ?? null;
      this._changed.emit();
      this._currentChanged.emit(this.current);
    }
    if (options.remember !== false && this._state) {
      void this._state
        .save(STATE_KEY, { currentGroupId: groupId })
        .catch(() => undefined);
    }
    if (groupId !== null) {
      await this.refreshCurrent();
    } else if (this._directoryStale) {
      await this.refreshDirectory();
    }
  }

  /**
   * Reload the current group. Calls made while a reload runs are folded into one
   * more reload after it, so a burst of events costs at most two round trips.
   */
  refreshCurrent(): Promise<void> {
    if (this._inflight) {
      this._again = true;
      return this._inflight;
    }
    const run = async (): Promise<void> => {
      do {
        this._again = false;
        const id = this._currentId;
        if (id === null) {
          return;
        }
        await this._load(async () => {
          const view = await this._fetchView(id);
          this._cache.set(id, view);
          this._lastChange = null;
          this._lastActivityId = view.activity[0]?.id ?? this._lastActivityId;
          if (id === this._currentId) {
            this._currentChanged.emit(view);
          }
        }, true);
      } while (this._again);
    };
    this._inflight = run().finally(() => {
      this._inflight = null;
    });
    return this._inflight;
  }

  /**
   * A nerdup event arrived: refresh what it touches, and only that (its kind says which
   * parts of the view; see eventparts.ts). Events within `delay` ms are handled together;
   * the promise resolves once the burst they belong to has been loaded.
   */
  handleActivity(event: IActivityEvent, delay = 150): Promise<void> {
    const events = this._touched.get(event.group_id) ?? [];
    events.push(event);
    this._touched.set(event.group_id, events);
    if (!this._debouncer || this._debouncer.limit !== delay) {
      this._debouncer?.dispose();
      this._debouncer = new Debouncer<void>(() => {
        const touched = new Map(this._touched);
        this._touched.clear();
        return this._applyTouched(touched);
      }, delay);
    }
    return this._debouncer.invoke();
  }

  /** True when the group has activity newer than what is shown (the fallback poll). */
  async hasNewActivity(): Promise<boolean> {
    const id = this._currentId;
    if (id === null) {
      return false;
    }
    const page = await this.client.activity(id, 1);
    const latest = page.items[0]?.id ?? null;
    return latest !== null && latest !== this._lastActivityId;
  }

  // -- Notices ----------------------------------------------------------------------

  /** Tell the user something; the sidebar shows it and the plugin may toast it. */
  notify(notice: INotice | null): void {
    this._notice = notice;
    if (notice) {
      this._noticeRaised.emit(notice);
    }
    this._changed.emit();
  }

  /** Turn a failed write into words; on 409 reload, as the record moved on. */
  async reportFailure(error: unknown): Promise<void> {
    const trans = this.trans;
    if (
      error instanceof NerdUpApiError &&
      error.status === 409 &&
      error.current !== undefined
    ) {
      // A stale version: show the teammate's change, then say so.
      await this.refresh();
      this.notify({
        kind: 'warning',
        text: trans.__(
          'Someone else changed this in the meantime. The sidebar now shows their change: check it, then try again if needed.'
        )
      });
      return;
    }
    const text =
      error instanceof NerdUpApiError
        ? error.message
        : trans.__('Something went wrong: %1', String(error));
    this.notify({ kind: 'error', text });
    if (isUnreachable(error)) {
      this._unreachableNotice = this._notice;
      this._retryLater();
    }
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    this._debouncer?.dispose();
    if (this._retryTimer !== null) {
      clearTimeout(this._retryTimer);
      this._retryTimer = null;
    }
    Signal.clearData(this);
  }

  // -- Internals ------------------------------------------------------------------

  private async _applyTouched(
    touched: Map<number, IActivityEvent[]>
  ): Promise<void> {
    // Only what is on screen (or in the status bar) is reloaded now: my own groups and
    // tasks when a change is about me, the directory when it is shown (else on its next
    // showing), the parts of the current group the events touch.
    const mine = new Set(this.myGroups.map(g => g.id));
    const work: Promise<void>[] = [];
    const aboutMe = [...touched].some(
      ([id, events]) => mine.has(id) && events.some(e => this._concernsMe(e))
    );
    if (aboutMe || this._currentId === null) {
      work.push(this.refreshMe());
    }
    if (this._currentId === null) {
      work.push(this.refreshDirectory());
    } else {
      this._directoryStale = true;
    }
    const current = this._currentId;
    const events = current === null ? undefined : touched.get(current);
    if (current !== null && events) {
      const parts = partsOfAll(events);
      const view = this._cache.get(current);
      work.push(
        parts === null || !view
          ? this.refreshCurrent()
          : this._refreshParts(current, parts, events)
      );
    }
    for (const id of touched.keys()) {
      if (id !== this._currentId) {
        this._cache.delete(id); // stale: reloaded when opened again
      }
    }
    await Promise.all(work);
  }

  /**
   * Whether a change may alter what `me` holds (my groups, my open tasks): a change to a
   * task of mine, a new task (it may be one everyone does), my own membership, the
   * group's title or state, a kind this release does not know.
   */
  private _concernsMe(event: IActivityEvent): boolean {
    const [resource, verb] = event.kind.split('.');
    const subject = event.subject ?? {};
    if (resource === 'task' || event.kind === 'proposal.adopted') {
      const taskId = subject.task_id;
      return (
        verb === 'created' ||
        event.kind === 'proposal.adopted' ||
        event.actor === this.username ||
        this.allMyOpenTasks.some(t => t.id === taskId)
      );
    }
    // A membership (mine, maybe), or the group's title or state, changed.
    if (['member', 'hub_group', 'group'].includes(resource)) {
      return true;
    }
    return partsOfAll([event]) === null;
  }

  /** Reload the parts of the current group that a burst of events touched. */
  private async _refreshParts(
    id: number,
    parts: ReadonlySet<ViewPart>,
    events: readonly IActivityEvent[]
  ): Promise<void> {
    await this._load(async () => {
      const c = this.client;
      const snapshots = parts.has('snapshots') && this._snapshotsAvailable;
      // An open group's event carries its feed line: no request for the feed then.
      const feed = this._feedFromEvents(id, events);
      const [group, milestones, proposals, activity, latest, taskSnapshots] =
        await Promise.all([
          parts.has('group') ? c.getGroup(id) : null,
          parts.has('milestones') ? c.listMilestones(id) : null,
          parts.has('proposals') ? c.listProposals(id) : null,
          feed === null ? c.activity(id, this._activityLimit) : null,
          snapshots ? c.snapshots(id).catch(() => null) : null,
          snapshots ? c.taskSnapshots(id).catch(() => null) : null
        ]);
      const before = this._cache.get(id);
      if (!before) {
        return;
      }
      const view: IGroupView = {
        group: group ?? before.group,
        milestones: milestones ?? before.milestones,
        proposals: proposals ?? before.proposals,
        activity: activity?.items ?? feed ?? before.activity,
        snapshots: latest ?? before.snapshots,
        taskSnapshots: taskSnapshots ?? before.taskSnapshots
      };
      this._cache.set(id, view);
      this._lastActivityId = view.activity[0]?.id ?? this._lastActivityId;
      this._lastChange = parts;
      if (id === this._currentId) {
        this._currentChanged.emit(view);
      }
    }, true);
  }

  /**
   * The feed with the events' lines put on top, when every event carries its line (an
   * open group's do; a members-only group's carry ids only): null when it must be read.
   */
  private _feedFromEvents(
    id: number,
    events: readonly IActivityEvent[]
  ): IActivity[] | null {
    const shown = this._cache.get(id)?.activity ?? [];
    if (events.some(e => typeof e.summary !== 'string')) {
      return null;
    }
    const now = new Date().toISOString();
    const known = new Set(shown.map(a => a.id));
    const added: IActivity[] = events
      .filter(e => !known.has(e.activity_id))
      .map(e => ({
        id: e.activity_id,
        group_id: id,
        actor: e.actor,
        kind: e.kind,
        summary: e.summary ?? '',
        subject: e.subject ?? {},
        created_at: now
      }))
      .reverse();
    return [...added, ...shown]
      .sort((a, b) => b.id - a.id)
      .slice(0, this._activityLimit);
  }

  private async _fetchView(id: number): Promise<IGroupView> {
    const c = this.client;
    const [group, milestones, proposals, activity, snapshots, taskSnapshots] =
      await Promise.all([
        c.getGroup(id),
        c.listMilestones(id),
        c.listProposals(id),
        c.activity(id, this._activityLimit),
        this._snapshotsAvailable
          ? c.snapshots(id).catch(() => null)
          : Promise.resolve(null),
        this._snapshotsAvailable
          ? c.taskSnapshots(id).catch(() => null)
          : Promise.resolve(null)
      ]);
    if (snapshots === null) {
      this._snapshotsAvailable = false;
    }
    return {
      group,
      milestones,
      proposals,
      activity: activity.items,
      snapshots: snapshots ?? [],
      taskSnapshots: taskSnapshots ?? []
    };
  }

  private async _load(
    fn: () => Promise<void>,
    loadsCurrent = false
  ): Promise<void> {
    this._loading++;
    this._changed.emit();
    try {
      await fn();
      this._error = null;
      this._lastLoaded = Date.now();
      this._burstLoaded = true;
    } catch (error) {
      if (
        loadsCurrent &&
        error instanceof NerdUpApiError &&
        error.status === 404 &&
        this._currentId !== null
      ) {
        // The current group is gone (deleted, or we left a members-only group).
        this._cache.delete(this._currentId);
        this._currentId = null;
        this._currentChanged.emit(null);
      }
      this._error =
        error instanceof NerdUpApiError
          ? error.message
          : this.trans.__('Loading failed: %1', String(error));
      if (isUnreachable(error)) {
        this._retryLater();
      }
    } finally {
      this._loading--;
      if (!this._isDisposed) {
        this._changed.emit();
        if (this._loading === 0 && this._burstLoaded) {
          this._burstLoaded = false;
          this._settled.emit();
        }
      }
    }
  }

  /**
   * Reload by itself, with a doubling wait, until the data can be reached again; then
   * the "not reachable" messages go away. What the user typed stays in its form.
   */
  private _retryLater(): void {
    if (this._retryTimer !== null || this._isDisposed) {
      return;
    }
    const delay = Math.min(
      RETRY_MAX_MS,
      this._retryDelayMs * 2 ** this._retries
    );
    this._retries++;
    this._retryTimer = setTimeout(() => void this._retry(), delay);
    this._changed.emit();
  }

  private async _retry(): Promise<void> {
    this._retryTimer = null;
    await this.refresh(); // a load that fails again arms the next retry
    if (this._isDisposed || this._retryTimer !== null || this._error !== null) {
      return;
    }
    this._retries = 0;
    if (this._notice !== null && this._notice === this._unreachableNotice) {
      this.notify({
        kind: 'info',
        text: this.trans.__(
          'Connected again. Anything not saved can be sent again now.'
        )
      });
    }
    this._unreachableNotice = null;
    this._changed.emit();
  }

  private _state: IStateDB | null;
  private _defaultGroupId: number | null;
  private _activityLimit: number;
  private _directory: IGroup[] = [];
  private _query = '';
  private _directoryStale = false;
  private _me: IMe | null = null;
  private _currentId: number | null = null;
  private _cache = new Map<number, IGroupView>();
  private _loading = 0;
  private _error: string | null = null;
  private _notice: INotice | null = null;
  private _lastLoaded = 0;
  private _lastActivityId: number | null = null;
  private _snapshotsAvailable = true;
  private _inflight: Promise<void> | null = null;
  private _again = false;
  private _touched = new Map<number, IActivityEvent[]>();
  private _debouncer: Debouncer<void> | null = null;
  private _lastChange: ReadonlySet<ViewPart> | null = null;
  /** How many times the user chose a group (or the directory): start() keeps their choice. */
  private _choices = 0;
  private _retryDelayMs: number;
  private _retryTimer: ReturnType<typeof setTimeout> | null = null;
  private _retries = 0;
  private _unreachableNotice: INotice | null = null;
  private _isDisposed = false;
  private _changed = new Signal<this, void>(this);
  private _currentChanged = new Signal<this, IGroupView | null>(this);
  private _noticeRaised = new Signal<this, INotice>(this);
  private _settled = new Signal<this, void>(this);
  private _burstLoaded = false;
}
