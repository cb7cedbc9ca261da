import { ensureTaskNotebook, slug } from '../notebook/tasknotebook';
import { readRecord } from '../notebook/record';
import { taskInfo as task } from './taskinfo';

/**
 * A contents manager over a map of path -> model: folders are listed (the root always
 * exists), a missing path throws as the server's 404 and is recorded in `missing`.
 */
function fakeContents(files: Record<string, any> = {}) {
  const saved: string[] = [];
  const missing: string[] = [];
  const isFolder = (path: string) =>
    path === '' ||
    files[path]?.type === 'directory' ||
    Object.keys(files).some(p => p.startsWith(`${path}/`));
  return {
    files,
    saved,
    missing,
    get: async (path: string) => {
      if (isFolder(path)) {
        const prefix = path ? `${path}/` : '';
        const names = new Set(
          Object.keys(files)
            .filter(p => p.startsWith(prefix))
            .map(p => p.slice(prefix.length).split('/')[0])
        );
        return {
          type: 'directory',
          path,
          content: [...names].map(name => ({ name }))
        };
      }
      if (!(path in files)) {
        missing.push(path);
        throw new Error('404');
      }
      return files[path];
    },
    save: async (path: string, model: any) => {
      saved.push(path);
      files[path] = { ...model, path };
      return files[path];
    }
  };
}

const group = async (id: number) =>
  ({ id, title: 'Pandas Basics (Dec)' }) as any;

describe('Open my notebook', () => {
  it('slugs titles for folders and files', () => {
    expect(slug('Pandas Basics (Dec)', 'g')).toBe('pandas-basics-dec');
    expect(slug('Épluchage des données', 'g')).toBe('epluchage-des-donnees');
    expect(slug('***', 'task-3')).toBe('task-3');
  });

  it("makes the notebook in the group's folder with the record", async () => {
    const contents = fakeContents();
    const made = await ensureTaskNotebook(4, 8, {
      contents: contents as any,
      folder: '{group}/',
      group,
      tasks: async () => [task(8, { title: 'Load the data' })]
    });
    expect(made).toEqual({
      path: 'pandas-basics-dec/load-the-data.ipynb',
      created: true
    });
    expect(contents.saved).toEqual([
      'pandas-basics-dec',
      'pandas-basics-dec/load-the-data.ipynb'
    ]);
    const nb = contents.files['pandas-basics-dec/load-the-data.ipynb'].content;
    const record = readRecord({
      getMetadata: k => nb.metadata[k],
      setMetadata: () => undefined
    });
    expect(record).toMatchObject({ version: 1, group: 4, task: 8 });
    expect(record?.notebook_id).toMatch(/^[0-9a-f]{32}$/);
    // One empty cell to type in; no request for a path that is not there (a 404 is a
    // console error in the browser).
    expect(nb.cells).toHaveLength(1);
    expect(nb.cells[0]).toMatchObject({ cell_type: 'code', source: '' });
    expect(contents.missing).toEqual([]);
  });

  it("copies the task's starter notebook, and opens an existing one as it is", async () => {
    const starter = {
      cells: [{ cell_type: 'markdown', source: '# Start', metadata: {} }],
      metadata: { kernelspec: { name: 'python3' } },
      nbformat: 4,
      nbformat_minor: 5
    };
    const contents = fakeContents({
      'plan/start.ipynb': { type: 'notebook', content: starter }
    });
    const deps = {
      contents: contents as any,
      folder: 'work/{group}',
      group,
      tasks: async () => [
        task(8, { title: 'EDA', notebooks: ['plan/start.ipynb'] })
      ]
    };
    const first = await ensureTaskNotebook(4, 8, deps);
    expect(first.path).toBe('work/pandas-basics-dec/eda.ipynb');
    const nb = contents.files[first.path].content;
    expect(nb.cells).toEqual(starter.cells);
    expect(nb.metadata.kernelspec).toEqual({ name: 'python3' });
    expect(nb.metadata.nerdup.task).toBe(8);
    expect(starter.metadata).not.toHaveProperty('nerdup');
    const again = await ensureTaskNotebook(4, 8, deps);
    expect(again).toEqual({ path: first.path, created: false });
    expect(contents.saved).toEqual([
      'work',
      'work/pandas-basics-dec',
      'work/pandas-basics-dec/eda.ipynb'
    ]);
    expect(contents.missing).toEqual([]);
  });

  it('opens the notebook I last committed on the task under its new name', async () => {
    const contents = fakeContents({
      'pandas-basics-dec/cleaning-for-real.ipynb': {
        type: 'notebook',
        content: {}
      }
    });
    const deps = {
      contents: contents as any,
      folder: '{group}/',
      group,
      tasks: async () => [task(8, { title: 'Load the data' })],
      known: 'pandas-basics-dec/cleaning-for-real.ipynb'
    };
    expect(await ensureTaskNotebook(4, 8, deps)).toEqual({
      path: 'pandas-basics-dec/cleaning-for-real.ipynb',
      created: false
    });
    expect(contents.saved).toEqual([]);
    // Deleted since (or committed from another folder that is gone): made again, with
    // no request for the missing path.
    const gone = await ensureTaskNotebook(4, 8, {
      ...deps,
      known: 'old/folder/cleaning-for-real.ipynb'
    });
    expect(gone).toEqual({
      path: 'pandas-basics-dec/load-the-data.ipynb',
      created: true
    });
    expect(contents.missing).toEqual([]);
  });
});
