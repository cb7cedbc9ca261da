import * as React from 'react';

import { nullTranslator } from '@jupyterlab/translation';

import { ISidebarContext, SidebarContext } from '../components/context';
import { GroupsModel } from '../model/groups';
import { IGroupView } from '../model/types';
import { QuestionAnchor } from '../rhythm/Questions';
import { IQuestion } from '../rhythm/types';
import { act, settle, sidebarModel, testRoot } from './reactroot';

function question(anchor: IQuestion['anchor']): IQuestion {
  return {
    id: 3,
    group_id: 1,
    title: 'Why NaN?',
    body: '',
    author: 'bob',
    anchor,
    status: 'open',
    accepted_answer_id: null,
    answer_count: 0,
    upvotes: 0,
    upvoted_by: [],
    version: 1,
    answers: []
  };
}

describe("a question's anchor", () => {
  const root = testRoot();
  let model: GroupsModel;
  let view: IGroupView;
  let opened: [number, boolean][];

  beforeEach(async () => {
    ({ model } = await sidebarModel());
    await model.select(1);
    view = model.view(1) as IGroupView;
    opened = [];
  });

  const show = async (anchor: IQuestion['anchor']) => {
    const context: ISidebarContext = {
      model,
      trans: nullTranslator.load('nerdup_lab'),
      rendermime: null,
      openNotebookPath: () => null,
      openPath: () => undefined,
      openSnapshot: (id, copy) => void opened.push([id, copy])
    };
    await root.render(
      <SidebarContext.Provider value={context}>
        <QuestionAnchor question={question(anchor)} view={view} />
      </SidebarContext.Provider>
    );
    await settle();
    return root.host.querySelector('.jp-NerdUp-questionAnchor');
  };

  it('names the task of the plan it is about', async () => {
    const node = await show({ task_id: 7, snapshot_id: null, cell_id: null });
    expect(node?.textContent).toBe('About the task “Task 7”');
  });

  it('opens the snapshot (or the snapshot of the cell) read-only', async () => {
    const node = await show({ task_id: null, snapshot_id: 12, cell_id: 'c-1' });
    expect(node?.textContent).toBe('About a cell of snapshot #12');
    await act(() => node!.querySelector('button')!.click());
    expect(opened).toEqual([[12, false]]);
  });

  it('says when the task left the plan, and shows nothing without an anchor', async () => {
    const gone = await show({ task_id: 99, snapshot_id: 5, cell_id: null });
    expect(gone?.textContent).toBe(
      'About a task no longer in the plan · snapshot #5'
    );
    expect(
      await show({ task_id: null, snapshot_id: null, cell_id: null })
    ).toBeNull();
  });
});
