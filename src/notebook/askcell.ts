import { PathExt } from '@jupyterlab/coreutils';
import { TranslationBundle } from '@jupyterlab/translation';
import { UUID } from '@lumino/coreutils';

import { IAskAnchor } from '../rhythm/askabout';
import { SnapshotAPI } from '../snapshots/api';
import { ISnapshot } from '../snapshots/types';
import { IRecordHolder, readRecord } from './record';

/** What "Ask the group about this cell" needs of the notebook in focus. */
export interface ICellQuestionSource {
  path: string;
  model: IRecordHolder;
  /** The active cell: its id and its place (1 for the first). */
  cell: { id: string; number: number } | null;
  save: () => Promise<void>;
}

/** Why a cell question could not be prepared, in words for the person. */
export class CellQuestionError extends Error {
  constructor(
    message: string,
    readonly reason: 'no-group' | 'no-cell'
  ) {
    super(message);
  }
}

/**
 * "Ask the group about this cell": teammates cannot read my file, so the notebook is saved
 * and committed to its group first (message "For a question about cell N"), and the
 * question is anchored to that snapshot's cell. Returns the group and the anchor for the
 * group's Questions; the snapshot for the history to show.
 */
export async function prepareCellQuestion(
  source: ICellQuestionSource,
  trans: TranslationBundle,
  commit: typeof SnapshotAPI.commit = SnapshotAPI.commit
): Promise<{ groupId: number; anchor: IAskAnchor; snapshot: ISnapshot }> {
  const record = readRecord(source.model);
  if (!record) {
    throw new CellQuestionError(
      trans.__(
        'This notebook belongs to no study group yet: commit it to one first (Commit snapshot), then ask about its cells.'
      ),
      'no-group'
    );
  }
  if (!source.cell) {
    throw new CellQuestionError(
      trans.__('Select the cell you want to ask about first.'),
      'no-cell'
    );
  }
  const { id, number } = source.cell;
  await source.save();
  const snapshot = await commit(record.group, {
    path: source.path,
    message: trans.__('For a question about cell %1', number),
    task_id: record.task ?? null,
    idempotencyKey: UUID.uuid4()
  });
  return {
    groupId: record.group,
    snapshot,
    anchor: {
      snapshot_id: snapshot.id,
      cell_id: id,
      cell_label: trans.__(
        'cell %1 of %2',
        number,
        PathExt.basename(source.path)
      )
    }
  };
}
