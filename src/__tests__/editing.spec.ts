import { nullTranslator } from '@jupyterlab/translation';

import { deleteMilestoneQuestion } from '../components/PlanEditing';
import { GroupsClient } from '../model/client';
import {
  canEditMilestone,
  canEditTask,
  changedValues,
  FormConflict,
  mergeValues,
  milestoneInput,
  milestoneValues,
  RecordEdit,
  taskInput,
  taskValues
} from '../model/editing';
import { GroupsModel } from '../model/groups';
import { IGroup, IMilestone, ITask } from '../model/types';
import { group, groupServer, stale, task } from './fakeserver';

const trans = nullTranslator.load('nerdup_lab');

const asGroup = (extra: Record<string, unknown> = {}) =>
  group(1, extra) as unknown as IGroup;
const asTask = (extra: Record<string, unknown> = {}) =>
  task(7, extra) as unknown as ITask;

function milestone(extra: Partial<IMilestone> = {}): IMilestone {
  return {
    id: 10,
    group_id: 1,
    position: 0,
    title: 'Explore',
    goal: 'Know the data.',
    due: '2030-11-01',
    status: 'active',
    resources: [],
    retrospective: { obstacles: '', solutions: '' },
    progress: {
      done_weight: 0,
      total_weight: 2,
      tasks_done: 0,
      tasks_total: 2,
      fraction: 0,
      percent: 0
    },
    created_at: null,
    version: 4,
    ...extra
  };
}

describe('who may edit the plan', () => {
  it('lets organizers edit milestones and any task', () => {
    const g = asGroup();
    expect(canEditMilestone(g)).toBe(true);
    expect(canEditTask(g, asTask(), 'alice')).toBe(true);
    expect(
      canEditTask(g, asTask({ owner: 'bob', personal: true }), 'alice')
    ).toBe(true);
  });

  it('lets a participant edit only their own personal task, not a claimed one', () => {
    const g = asGroup({ my_role: 'participant' });
    expect(canEditMilestone(g)).toBe(false);
    const mine = asTask({ personal: true, owner: 'alice' });
    const claimed = asTask({ claimed_by: ['alice'] });
    expect(canEditTask(g, mine, 'alice')).toBe(true);
    expect(canEditTask(g, claimed, 'alice')).toBe(false);
    expect(canEditTask(g, mine, 'bob')).toBe(false);
  });

  it('follows the permissions the server sends over the role', () => {
    const g = asGroup({
      my_role: 'mentor',
      permissions: { edit_plan: 'deny', edit_task: 'allow' }
    });
    expect(canEditMilestone(g)).toBe(false);
    expect(canEditTask(g, asTask(), 'carol')).toBe(true);
  });

  it('shows no edit for followers, outsiders, or an archived group', () => {
    expect(canEditTask(asGroup({ my_role: 'follower' }), asTask(), 'a')).toBe(
      false
    );
    expect(canEditMilestone(asGroup({ my_role: null }))).toBe(false);
    const archived = asGroup({ status: 'archived' });
    expect(canEditMilestone(archived)).toBe(false);
    expect(canEditTask(archived, asTask(), 'alice')).toBe(false);
  });
});

describe('form values of a record', () => {
  it('sends only what changed, in the API shapes', () => {
    const initial = milestoneValues(milestone());
    const changed = changedValues(initial, {
      ...initial,
      title: 'Explore the data',
      due: ''
    });
    expect(changed).toEqual({ title: 'Explore the data', due: '' });
    expect(milestoneInput(changed)).toEqual({
      title: 'Explore the data',
      due: null
    });
    const t = taskValues(asTask({ weight: 2 }));
    expect(t.weight).toBe('2');
    expect(taskInput({ weight: '5', description: '' })).toEqual({
      weight: 5,
      description: ''
    });
    // Not a number: sent as typed so the server names the field.
    expect(taskInput({ weight: 'lots' }).weight).toBe('lots');
  });

  it('merges the user changes onto the teammate version', () => {
    const initial = { title: 'A', goal: 'g', due: '' };
    const mine = { title: 'A, reworded', goal: 'g', due: '' };
    const theirs = { title: 'A', goal: 'their goal', due: '2030-01-01' };
    expect(mergeValues(initial, mine, theirs)).toEqual({
      title: 'A, reworded',
      goal: 'their goal',
      due: '2030-01-01'
    });
  });

  it('asks before deleting, naming the milestone and its tasks', () => {
    expect(deleteMilestoneQuestion({ trans }, milestone())).toBe(
      'Delete milestone “Explore” and its 2 tasks?'
    );
    expect(
      deleteMilestoneQuestion(
        { trans },
        milestone({ tasks: [asTask()] as ITask[] })
      )
    ).toBe('Delete milestone “Explore” and its 1 task?');
    expect(deleteMilestoneQuestion({ trans }, milestone({ tasks: [] }))).toBe(
      'Delete milestone “Explore”?'
    );
  });
});

describe('RecordEdit on a stale version', () => {
  function setup() {
    const server = groupServer();
    const model = new GroupsModel({
      client: new GroupsClient(server.settings)
    });
    let stored = milestone({ version: 5, goal: 'Their new goal' });
    server.routes['PATCH /milestones/10'] = call => {
      if (call.headers.get('If-Match') !== `"${stored.version}"`) {
        return stale(stored);
      }
      stored = { ...stored, ...call.body, version: stored.version + 1 };
      return { body: stored };
    };
    const edit = new RecordEdit<IMilestone>(
      milestone(),
      milestoneValues,
      (base, changes) =>
        model.actions.editMilestone(
          base,
          base.version,
          milestoneInput(changes)
        ),
      'changed meanwhile'
    );
    return { server, model, edit, stored: () => stored };
  }

  it('keeps what the user typed, shows theirs, and re-applies on top', async () => {
    const { server, edit, stored } = setup();
    const typed = {
      title: 'Explore the data',
      goal: 'Know the data.',
      due: ''
    };
    let conflict: FormConflict | null = null;
    try {
      await edit.submit(typed);
    } catch (error) {
      conflict = error as FormConflict;
    }
    expect(conflict).toBeInstanceOf(FormConflict);
    expect(conflict!.message).toBe('changed meanwhile');
    // Their goal is taken; the user's title and cleared due date are kept.
    expect(conflict!.values).toEqual({
      title: 'Explore the data',
      goal: 'Their new goal',
      due: ''
    });
    expect(conflict!.changed).toEqual(['goal']);
    expect(conflict!.clashes).toEqual([]);
    expect(edit.base.version).toBe(5);

    expect(await edit.submit(conflict!.values)).toBe(true);
    const patches = server.calls.filter(c => c.method === 'PATCH');
    expect(patches).toHaveLength(2);
    expect(patches[1].headers.get('If-Match')).toBe('"5"');
    // Only the user's own changes go out the second time.
    expect(patches[1].body).toEqual({ title: 'Explore the data', due: null });
    expect(stored().goal).toBe('Their new goal');
    expect(stored().title).toBe('Explore the data');
  });

  it('names the fields both changed', async () => {
    const { edit } = setup();
    const typed = { title: 'Explore', goal: 'My goal', due: '2030-11-01' };
    await expect(edit.submit(typed)).rejects.toMatchObject({
      changed: ['goal'],
      clashes: ['goal'],
      values: { goal: 'My goal' },
      theirs: { goal: 'Their new goal' }
    });
  });

  it('saves nothing when nothing changed', async () => {
    const { server, edit } = setup();
    expect(await edit.submit(milestoneValues(milestone()))).toBe(true);
    expect(server.calls.filter(c => c.method === 'PATCH')).toHaveLength(0);
  });
});

describe('GroupsActions delete', () => {
  it('deletes with the version shown, then reloads the plan', async () => {
    const server = groupServer();
    server.routes['DELETE /tasks/7'] = () => ({ status: 204 });
    server.routes['DELETE /milestones/10'] = () => ({ status: 204 });
    const model = new GroupsModel({
      client: new GroupsClient(server.settings)
    });
    await model.start();
    const before = server.calls.length;
    const shown = model.current!.milestones[0];
    expect(await model.actions.deleteTask(shown.tasks![0])).toBe(true);
    expect(await model.actions.deleteMilestone(shown)).toBe(true);
    const calls = server.calls.slice(before);
    const deletes = calls.filter(c => c.method === 'DELETE');
    expect(deletes.map(c => [c.path, c.headers.get('If-Match')])).toEqual([
      ['/tasks/7', '"3"'],
      ['/milestones/10', '"1"']
    ]);
    // One reload of the plan after each delete.
    expect(calls.filter(c => c.path === '/groups/1/milestones').length).toBe(2);
  });

  it('says so in the sidebar when a delete was stale', async () => {
    const server = groupServer();
    server.routes['DELETE /tasks/7'] = () =>
      stale(task(7, { version: 4 }), 'Someone changed this.');
    const model = new GroupsModel({
      client: new GroupsClient(server.settings)
    });
    await model.start();
    const shown = model.current!.milestones[0].tasks![0];
    expect(await model.actions.deleteTask(shown)).toBe(false);
    expect(model.notice?.kind).toBe('warning');
  });
});
