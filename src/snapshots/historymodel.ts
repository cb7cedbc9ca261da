import { ISignal, Signal } from '@lumino/signaling';

import { NerdUpApiError } from '../api';
import { SnapshotAPI } from './api';
import { ISnapshot } from './types';

/**
 * The snapshot history of one notebook (path) in one group, newest first, with a
 * selection of at most two snapshots for a diff. Widgets render it and listen to `changed`.
 */
export class HistoryModel {
  constructor(
    private readonly fetchPage: typeof SnapshotAPI.history = SnapshotAPI.history
  ) {}

  get changed(): ISignal<this, void> {
    return this._changed;
  }
  get groupId(): number | null {
    return this._groupId;
  }
  get path(): string | null {
    return this._path;
  }
  /** The notebook id the history follows (its record), or null: by path. */
  get notebookId(): string | null {
    return this._notebookId;
  }
  get items(): readonly ISnapshot[] {
    return this._items;
  }
  get hasMore(): boolean {
    return this._next !== null;
  }
  get loading(): boolean {
    return this._loading;
  }
  get error(): string | null {
    return this._error;
  }
  /** Selected snapshot ids, oldest selection first (at most two). */
  get selected(): readonly number[] {
    return this._selected;
  }

  /** The snapshots to compare, old side first; null unless two are selected. */
  get pair(): [ISnapshot, ISnapshot] | null {
    if (this._selected.length !== 2) {
      return null;
    }
    const found = this._selected
      .map(id => this._items.find(s => s.id === id))
      .filter((s): s is ISnapshot => s !== undefined);
    if (found.length !== 2) {
      return null;
    }
    found.sort((a, b) => a.id - b.id);
    return [found[0], found[1]];
  }

  /** Show the history of `path` in group `groupId` (either may be null: nothing to show). */
  async setTarget(
    groupId: number | null,
    path: string | null,
    notebookId: string | null = null
  ): Promise<void> {
    if (
      groupId === this._groupId &&
      path === this._path &&
      notebookId === this._notebookId
    ) {
      return;
    }
    const sameLine =
      notebookId !== null &&
      notebookId === this._notebookId &&
      groupId === this._groupId;
    this._groupId = groupId;
    this._path = path;
    this._notebookId = notebookId;
    if (sameLine) {
      // A rename: the same history under the new name, nothing to reload from scratch.
      this._changed.emit();
      return;
    }
    this._items = [];
    this._next = null;
    this._selected = [];
    this._error = null;
    this._changed.emit();
    await this.refresh();
  }

  /** Reload the first page (after a commit, or an event naming this notebook). */
  async refresh(): Promise<void> {
    await this._load(null);
  }

  async loadMore(): Promise<void> {
    if (this._next !== null) {
      await this._load(this._next);
    }
  }

  /** Select or unselect a snapshot; a third selection drops the oldest one. */
  toggle(id: number): void {
    if (this._selected.includes(id)) {
      this._selected = this._selected.filter(s => s !== id);
    } else {
      this._selected = [...this._selected, id].slice(-2);
    }
    this._changed.emit();
  }

  private async _load(before: number | null): Promise<void> {
    const groupId = this._groupId;
    const path = this._path;
    const notebookId = this._notebookId;
    if (groupId === null || path === null) {
      return;
    }
    this._loading = true;
    this._changed.emit();
    try {
      const page = await this.fetchPage(
        groupId,
        notebookId !== null
          ? { notebook_id: notebookId, limit: 50, before }
          : { path, limit: 50, before }
      );
      if (
        groupId !== this._groupId ||
        notebookId !== this._notebookId ||
        (notebookId === null && path !== this._path)
      ) {
        return; // the target changed while this page was on its way
      }
      this._items =
        before === null ? page.items : [...this._items, ...page.items];
      this._next = page.next;
      this._error = null;
      const ids = new Set(this._items.map(s => s.id));
      this._selected = this._selected.filter(id => ids.has(id));
    } catch (error) {
      this._error =
        error instanceof NerdUpApiError ? error.message : String(error);
    } finally {
      this._loading = false;
      this._changed.emit();
    }
  }

  private _groupId: number | null = null;
  private _path: string | null = null;
  private _notebookId: string | null = null;
  private _items: ISnapshot[] = [];
  private _next: number | null = null;
  private _selected: number[] = [];
  private _loading = false;
  private _error: string | null = null;
  private _changed = new Signal<this, void>(this);
}
