import { nullTranslator } from '@jupyterlab/translation';

import { CellQuestionError, prepareCellQuestion } from '../notebook/askcell';
import { ICellQuestionSource } from '../notebook/askcell';

const trans = nullTranslator.load('nerdup_lab');
const ID = '0123456789abcdef0123456789abcdef';

/** A notebook in focus: its metadata (with or without the record) and its active cell. */
function source(
  record: Record<string, unknown> | null,
  cell: ICellQuestionSource['cell']
) {
  const saves: number[] = [];
  const src: ICellQuestionSource = {
    path: 'retail/eda.ipynb',
    model: {
      getMetadata: key => (key === 'nerdup' ? record : undefined),
      setMetadata: () => undefined
    },
    cell,
    save: async () => void saves.push(1)
  };
  return { src, saves };
}

describe('Ask the group about this cell', () => {
  it("commits the notebook to its group, then anchors the question to the snapshot's cell", async () => {
    const sent: unknown[] = [];
    const { src, saves } = source(
      { version: 1, group: 4, task: 9, notebook_id: ID },
      { id: 'c-3', number: 3 }
    );
    const asked = await prepareCellQuestion(src, trans, async (g, r) => {
      sent.push([g, r]);
      return { id: 77, group_id: g } as any;
    });
    expect(saves).toHaveLength(1);
    expect(sent).toEqual([
      [
        4,
        expect.objectContaining({
          path: 'retail/eda.ipynb',
          message: 'For a question about cell 3',
          task_id: 9,
          idempotencyKey: expect.stringMatching(/^[0-9a-f-]{36}$/)
        })
      ]
    ]);
    expect(asked.groupId).toBe(4);
    expect(asked.anchor).toEqual({
      snapshot_id: 77,
      cell_id: 'c-3',
      cell_label: 'cell 3 of eda.ipynb'
    });
  });

  it('says what to do when the notebook has no group, and commits nothing', async () => {
    const { src, saves } = source(null, { id: 'c-1', number: 1 });
    const commit = jest.fn();
    const failed = prepareCellQuestion(src, trans, commit);
    await expect(failed).rejects.toThrow(
      'This notebook belongs to no study group yet: commit it to one first (Commit snapshot), then ask about its cells.'
    );
    await expect(failed).rejects.toBeInstanceOf(CellQuestionError);
    expect(commit).not.toHaveBeenCalled();
    expect(saves).toHaveLength(0);
  });

  it('asks for a cell when none is active', async () => {
    const { src } = source({ version: 1, group: 4, notebook_id: ID }, null);
    await expect(prepareCellQuestion(src, trans, jest.fn())).rejects.toThrow(
      'Select the cell you want to ask about first.'
    );
  });
});
