/**
 * Shapes of the snapshot API's JSON (see nerdup_lab/core/snapshots/records.py and
 * schema/snapshot-diff.v1.schema.json).
 */

/** What a snapshot keeps of the notebook's outputs. */
export type OutputPolicy = 'keep' | 'strip' | 'drop_large';

export const OUTPUT_POLICIES: OutputPolicy[] = ['keep', 'strip', 'drop_large'];

export interface ISnapshot {
  id: number;
  group_id: number;
  author: string;
  created_at: string;
  message: string;
  task_id: number | null;
  path: string;
  /** The notebook's line of history (its record's id, else derived from group and path). */
  notebook_id?: string;
  policy: OutputPolicy | string;
  content_hash: string;
  nbformat?: string;
  cell_count: number;
  content_bytes?: number;
  new_bytes?: number;
  /** On a fresh commit: the id of an earlier snapshot with the same content, if any. */
  unchanged_since?: number | null;
}

/** A group's snapshot settings (GET /groups/{id}/snapshot-settings). */
export interface ISnapshotSettings {
  policy: OutputPolicy | string;
  max_output_bytes: number;
  max_snapshot_bytes: number;
}

/** One page of a history, newest first; `next` is the cursor of the older page. */
export interface ISnapshotPage {
  items: ISnapshot[];
  next: number | null;
}

export interface ICommitRequest {
  path: string;
  message: string;
  task_id?: number | null;
  policy?: OutputPolicy;
}

/** A line of a hunk: ' ' context, '-' removed, '+' added. */
export type DiffLine = [' ' | '-' | '+', string];

export interface IHunk {
  a_start: number;
  b_start: number;
  lines: DiffLine[];
}

export interface IOutputChange {
  status: 'unchanged' | 'changed' | 'added' | 'removed';
  output_type: string;
  name?: string;
  ename?: string;
  mime_types?: string[];
  hunks?: IHunk[];
}

export type CellStatus =
  'added' | 'removed' | 'modified' | 'moved' | 'unchanged';

/** One cell of a diff, in the order of the new notebook (removed cells in place). */
export interface ICellDiff {
  a_index: number | null;
  b_index: number | null;
  cell_id?: string | null;
  a_cell_id?: string | null;
  cell_type: string;
  status: CellStatus;
  match?: string;
  moved?: boolean;
  /** `text` for added/removed cells, `hunks` for modified ones. */
  source?: { text?: string; hunks?: IHunk[] };
  outputs?: IOutputChange[];
  metadata?: { keys: string[] };
  execution_count?: [number | null, number | null];
}

export interface IDiffSummary {
  added: number;
  removed: number;
  modified: number;
  moved: number;
  unchanged: number;
}

export interface INotebookDiff {
  schema: string;
  summary: IDiffSummary;
  cells: ICellDiff[];
  metadata?: { changed: boolean; keys: string[] };
}

/** What the diff compares: two snapshots, or a snapshot and the saved file. */
export type DiffTarget =
  | { kind: 'snapshots'; a: number; b: number }
  | { kind: 'file'; a: number; path: string };

export interface IRestoreResult {
  path: string;
  snapshot?: ISnapshot;
}

/** A minimal nbformat 4 notebook, as read back from a snapshot. */
export interface INotebookJSON {
  cells: Array<{
    id?: string;
    cell_type: string;
    source: string | string[];
    outputs?: any[];
    execution_count?: number | null;
    metadata?: Record<string, unknown>;
  }>;
  metadata: Record<string, any>;
  nbformat: number;
  nbformat_minor: number;
}
