import { ISignal, Signal } from '@lumino/signaling';

import { GroupAPI } from '../dashboard/api';

/** The group a snapshot is committed into and whose history is shown. */
export interface IGroupRef {
  id: number;
  title: string;
}

/**
 * The current group as the snapshot tools see it. The sidebar's INerdUpGroups token
 * sets it when it is there; otherwise `ensure()` falls back to the user's first group
 * from `GET /me`.
 */
export class CurrentGroup {
  constructor(private readonly fetchMe: typeof GroupAPI.me = GroupAPI.me) {}

  get group(): IGroupRef | null {
    return this._group;
  }

  get changed(): ISignal<this, IGroupRef | null> {
    return this._changed;
  }

  set(group: IGroupRef | null): void {
    if (this._group?.id === group?.id && this._group?.title === group?.title) {
      return;
    }
    this._group = group;
    this._changed.emit(group);
  }

  /** The current group, asking the server for the user's groups if none is set. */
  async ensure(): Promise<IGroupRef | null> {
    if (this._group) {
      return this._group;
    }
    const me = await this.fetchMe();
    const first = me.groups?.[0];
    if (first && !this._group) {
      this.set({ id: first.id, title: first.title });
    }
    return this._group;
  }

  /**
   * The groups the user may commit into: those they belong to (any role may commit),
   * not archived (an archived group refuses every change).
   */
  async commitTargets(): Promise<IGroupRef[]> {
    const me = await this.fetchMe();
    return (me.groups ?? [])
      .filter(g => g.my_role && g.status !== 'archived')
      .map(g => ({ id: g.id, title: g.title }));
  }

  private _group: IGroupRef | null = null;
  private _changed = new Signal<this, IGroupRef | null>(this);
}
