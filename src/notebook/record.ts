import { UUID } from '@lumino/coreutils';

/**
 * The notebook record, `metadata.nerdup` (docs/lab-shell.md, schema/notebook-record.v1.json):
 * which group a notebook's snapshots go to, its task, and the id of its line of history.
 * Read and write it only through this module.
 */
export interface INotebookRecord {
  version: 1;
  group: number;
  task?: number;
  notebook_id: string;
}

/** What a notebook model offers for its metadata (INotebookModel has both). */
export interface IRecordHolder {
  getMetadata(key: string): unknown;
  setMetadata(key: string, value: unknown): void;
}

const KEY = 'nerdup';
const ID = /^[0-9a-f]{32}$/;

const positiveInt = (v: unknown): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v > 0;

/** The notebook's record, or null when it has none (or one this release cannot read). */
export function readRecord(
  model: IRecordHolder | null | undefined
): INotebookRecord | null {
  const raw = model?.getMetadata(KEY) as Record<string, unknown> | undefined;
  if (!raw || typeof raw !== 'object' || raw.version !== 1) {
    return null;
  }
  const id = typeof raw.notebook_id === 'string' ? raw.notebook_id : '';
  if (!positiveInt(raw.group) || !ID.test(id)) {
    return null;
  }
  const record: INotebookRecord = {
    version: 1,
    group: raw.group,
    notebook_id: id
  };
  if (positiveInt(raw.task)) {
    record.task = raw.task;
  }
  return record;
}

/** A new notebook id: uuid4 as 32 hex digits. */
export function newNotebookId(): string {
  return UUID.uuid4().replace(/-/g, '').toLowerCase();
}

/**
 * Record group (and task) in the notebook, keeping its notebook id when it has one for
 * the same group; `fresh` makes a new line of history (a copy linked again).
 */
export function writeRecord(
  model: IRecordHolder,
  link: { group: number; task?: number | null },
  options: { fresh?: boolean } = {}
): INotebookRecord {
  const old = readRecord(model);
  const record: INotebookRecord = {
    version: 1,
    group: link.group,
    notebook_id:
      old && !options.fresh && old.group === link.group
        ? old.notebook_id
        : newNotebookId()
  };
  const task = link.task === undefined ? old?.task : link.task;
  if (task !== null && task !== undefined && old?.group === link.group) {
    record.task = task;
  } else if (link.task !== null && link.task !== undefined) {
    record.task = link.task;
  }
  const same =
    old !== null &&
    old.group === record.group &&
    old.task === record.task &&
    old.notebook_id === record.notebook_id;
  if (!same) {
    model.setMetadata(KEY, { ...record });
  }
  return record;
}
