import { Token } from '@lumino/coreutils';
import { ISignal } from '@lumino/signaling';

import type { IGroup, IGroupView, IMilestone, ITask } from './model/types';

export type {
  IGroup,
  IGroupView,
  IMilestone,
  ITask,
  IProposal,
  IActivity,
  IMember,
  OutputPolicy
} from './model/types';

/**
 * The study group open in the "Study groups" sidebar, for other lab extensions (and
 * nerdup's own notebook toolbar): read it, listen for its changes, ask for a reload.
 */
export interface INerdUpGroups {
  /** The group open in the sidebar with its plan, proposals and activity; null when none. */
  readonly current: IGroupView | null;
  /** Shortcut to `current.group`. */
  readonly currentGroup: IGroup | null;
  /** The milestone the current group works on, if any. */
  readonly currentMilestone: IMilestone | null;
  /** The signed-in user's name, once known. */
  readonly username: string | null;
  /** My open tasks (claimed or personal) in the current group. */
  readonly myOpenTasks: readonly ITask[];
  /** Groups the user belongs to. */
  readonly myGroups: readonly IGroup[];
  /** Emitted when the current group is switched or its content changes. */
  readonly currentChanged: ISignal<INerdUpGroups, IGroupView | null>;
  /** Open another group in the sidebar (null: the directory). */
  select(groupId: number | null): Promise<void>;
  /** Reload from the server (e.g. after a write made outside the sidebar). */
  refresh(): Promise<void>;
}

export const INerdUpGroups = new Token<INerdUpGroups>(
  'nerdup-lab:INerdUpGroups',
  'The study group open in the nerdup sidebar, and its changes.'
);
