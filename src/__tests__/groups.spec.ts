import { StateDB } from '@jupyterlab/statedb';

import { NerdUpApiError } from '../api';
import { GroupsClient } from '../model/client';
import { GroupsModel, STATE_KEY } from '../model/groups';
import { ITask } from '../model/types';
import { group, groupServer, stale, task } from './fakeserver';

function modelOn(
  server: ReturnType<typeof groupServer>,
  options: Partial<GroupsModel.IOptions> = {}
): GroupsModel {
  return new GroupsModel({
    client: new GroupsClient(server.settings),
    ...options
  });
}

const count = (server: ReturnType<typeof groupServer>, route: string) =>
  server.calls.filter(c => `${c.method} ${c.path}` === route).length;

/** Resolves at the model's first `changed` signal after which `ready()` holds. */
function whenChanged(model: GroupsModel, ready: () => boolean): Promise<void> {
  return new Promise(resolve => {
    const check = () => {
      if (ready()) {
        model.changed.disconnect(check);
        resolve();
      }
    };
    model.changed.connect(check);
  });
}

/** Resolves at the model's next `settled` signal (a burst of loads is over). */
const whenSettled = (model: GroupsModel) =>
  new Promise<void>(resolve => {
    const once = () => {
      model.settled.disconnect(once);
      resolve();
    };
    model.settled.connect(once);
  });

describe('GroupsModel', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('starts with me, the directory, and my first group open', async () => {
    const server = groupServer();
    const model = modelOn(server);
    await model.start();
    expect(model.username).toBe('alice');
    expect(model.directory.map(g => g.id)).toEqual([1, 2]);
    expect(model.currentId).toBe(1);
    expect(model.current?.milestones[0].tasks?.[0].id).toBe(7);
    expect(model.currentMilestone?.title).toBe('Explore');
    expect(model.myOpenTasks.map(t => t.id)).toEqual([7]);
    expect(model.error).toBeNull();
  });

  it('reopens the group remembered in the state database', async () => {
    const server = groupServer();
    const state = new StateDB();
    await state.save(STATE_KEY, { currentGroupId: 2 });
    const model = modelOn(server, { state });
    await model.start();
    expect(model.currentId).toBe(2);
  });

  it('falls back to the default group of the settings', async () => {
    const server = groupServer();
    const model = modelOn(server, { defaultGroupId: 2 });
    await model.start();
    expect(model.currentId).toBe(2);
  });

  it('remembers the chosen group and tells listeners', async () => {
    const server = groupServer();
    const state = new StateDB();
    const model = modelOn(server, { state });
    await model.start();
    const seen: (number | null)[] = [];
    model.currentChanged.connect((_, view) =>
      seen.push(view?.group.id ?? null)
    );
    await model.select(2);
    expect(await state.fetch(STATE_KEY)).toEqual({ currentGroupId: 2 });
    expect(seen).toContain(2);
    await model.select(null);
    expect(model.current).toBeNull();
    expect(await state.fetch(STATE_KEY)).toEqual({ currentGroupId: null });
  });

  it('keeps the group the user opened while it was starting', async () => {
    const server = groupServer();
    const model = modelOn(server);
    const starting = model.start(); // on its own it opens my first group, 1
    await model.select(2);
    await starting;
    expect(model.currentId).toBe(2);
  });

  it('searches the directory', async () => {
    const server = groupServer();
    const model = modelOn(server);
    await model.search('Group 2');
    expect(model.directory.map(g => g.id)).toEqual([2]);
    expect(model.query).toBe('Group 2');
  });

  it('folds reloads asked for during a reload into one more', async () => {
    const server = groupServer();
    const model = modelOn(server);
    await model.start();
    const before = count(server, 'GET /groups/1');
    await Promise.all([
      model.refreshCurrent(),
      model.refreshCurrent(),
      model.refreshCurrent(),
      model.refreshCurrent()
    ]);
    expect(count(server, 'GET /groups/1') - before).toBe(2);
  });

  it('refreshes the current group once for a burst of its events', async () => {
    const server = groupServer();
    const model = modelOn(server);
    await model.start();
    const before = count(server, 'GET /groups/1');
    const changed = new Promise(resolve =>
      model.currentChanged.connect(resolve)
    );
    for (let i = 0; i < 5; i++) {
      model.handleActivity(
        {
          group_id: 1,
          activity_id: 10 + i,
          kind: 'task.claimed',
          actor: 'bob'
        },
        10
      );
    }
    await changed;
    expect(count(server, 'GET /groups/1') - before).toBe(1);
  });

  it('does not reload the open group for another group’s event', async () => {
    const server = groupServer();
    const model = modelOn(server);
    await model.start();
    const before = count(server, 'GET /groups/1');
    jest.useFakeTimers();
    model.handleActivity(
      { group_id: 2, activity_id: 1, kind: 'member.joined', actor: 'bob' },
      150
    );
    await jest.advanceTimersByTimeAsync(150); // the event's timer fired: handled
    expect(jest.getTimerCount()).toBe(0);
    expect(count(server, 'GET /groups/1')).toBe(before);
    // Group 2 is not mine and the directory is hidden: nothing to reload now...
    expect(count(server, 'GET /me')).toBe(1);
    expect(count(server, 'GET /groups')).toBe(1);
    // ... the directory is reloaded when it is shown again.
    await model.select(null);
    expect(count(server, 'GET /groups')).toBe(2);
  });

  it('reloads the directory on an event while it is shown', async () => {
    const server = groupServer();
    const model = modelOn(server);
    await model.start();
    await model.select(null);
    const before = count(server, 'GET /groups');
    jest.useFakeTimers();
    const settled = whenSettled(model);
    model.handleActivity(
      { group_id: 2, activity_id: 1, kind: 'member.joined', actor: 'bob' },
      150
    );
    await jest.advanceTimersByTimeAsync(149);
    expect(count(server, 'GET /groups')).toBe(before);
    await jest.advanceTimersByTimeAsync(1);
    await settled;
    expect(count(server, 'GET /groups')).toBe(before + 1);
  });

  it('sees new activity through the light fallback check', async () => {
    const server = groupServer();
    const model = modelOn(server);
    await model.start();
    await expect(model.hasNewActivity()).resolves.toBe(false);
    server.bumpActivity();
    await expect(model.hasNewActivity()).resolves.toBe(true);
  });

  it('says once that a burst of loads has settled', async () => {
    const server = groupServer();
    const model = modelOn(server);
    await model.start();
    let settled = 0;
    let changed = 0;
    model.settled.connect(() => settled++);
    model.changed.connect(() => changed++);
    await model.refresh();
    expect(settled).toBe(1);
    expect(changed).toBeGreaterThan(2);
  });

  it('says in words why loading failed', async () => {
    const server = groupServer();
    server.routes['GET /me'] = () => ({
      status: 503,
      body: { error: { code: 'unavailable', message: 'The hub is down.' } }
    });
    const model = modelOn(server);
    await model.refreshMe();
    expect(model.error).toBe('The hub is down.');
    expect(model.loading).toBe(false);
    model.dispose();
  });

  it('after a write the service refused as unreachable, says when it is back', async () => {
    const server = groupServer();
    jest.useFakeTimers();
    const model = modelOn(server, { retryDelayMs: 1000 });
    await model.reportFailure(
      new NerdUpApiError(503, 'unavailable', 'Not reachable; nothing changed.')
    );
    expect(model.notice).toEqual({
      kind: 'error',
      text: 'Not reachable; nothing changed.'
    });
    expect(model.reconnecting).toBe(true);
    const back = whenChanged(model, () => model.notice?.kind === 'info');
    await jest.advanceTimersByTimeAsync(1000);
    await back;
    expect(model.notice?.kind).toBe('info');
    expect(model.notice?.text).toContain('Connected again');
    model.dispose();
  });

  it('tries again by itself while the service is unreachable, then recovers', async () => {
    const server = groupServer();
    let down = 2; // two failed loads, then the service is back
    const serve = server.routes['GET /me'];
    server.routes['GET /me'] = call =>
      down-- > 0
        ? {
            status: 503,
            body: {
              error: {
                code: 'unavailable',
                message: 'The nerdup hub service is not reachable.'
              }
            }
          }
        : serve(call);
    jest.useFakeTimers();
    const model = modelOn(server, { retryDelayMs: 1000 });
    await model.refreshMe();
    expect(model.error).toBe('The nerdup hub service is not reachable.');
    expect(model.reconnecting).toBe(true);
    // The first retry after 1 s fails again and arms the next, after 2 s.
    await jest.advanceTimersByTimeAsync(999);
    expect(count(server, 'GET /me')).toBe(1);
    const armedAgain = whenChanged(model, () => model.reconnecting);
    await jest.advanceTimersByTimeAsync(1);
    await armedAgain;
    expect(count(server, 'GET /me')).toBe(2);
    // The second reaches the service that came back.
    await jest.advanceTimersByTimeAsync(1999);
    expect(count(server, 'GET /me')).toBe(2);
    const back = whenChanged(
      model,
      () => model.error === null && !model.loading
    );
    await jest.advanceTimersByTimeAsync(1);
    await back;
    expect(model.error).toBeNull();
    expect(model.reconnecting).toBe(false);
    expect(count(server, 'GET /me')).toBe(3);
    model.dispose();
  });

  it('does not retry an error that needs the user (403)', async () => {
    const server = groupServer();
    server.routes['GET /me'] = () => ({
      status: 403,
      body: { error: { code: 'forbidden', message: 'No.' } }
    });
    const model = modelOn(server, { retryDelayMs: 1 });
    await model.refreshMe();
    expect(model.reconnecting).toBe(false);
    model.dispose();
  });

  it('goes back to the directory when the open group is gone', async () => {
    const server = groupServer();
    const model = modelOn(server);
    await model.start();
    server.routes['GET /groups/1'] = () => ({
      status: 404,
      body: { error: { code: 'not_found', message: 'There is no group 1.' } }
    });
    await model.refreshCurrent();
    expect(model.currentId).toBeNull();
  });
});

describe('GroupsActions', () => {
  async function started() {
    const server = groupServer();
    const model = modelOn(server);
    await model.start();
    const theTask = model.current!.milestones[0].tasks![0] as ITask;
    return { server, model, theTask };
  }

  it('claims a task and reloads the group', async () => {
    const { server, model, theTask } = await started();
    server.routes['POST /tasks/7/claim'] = () => ({ body: task(7) });
    const before = count(server, 'GET /groups/1');
    await expect(model.actions.claim(theTask)).resolves.toBe(true);
    expect(count(server, 'GET /groups/1')).toBe(before + 1);
    expect(model.notice).toBeNull();
  });

  it('marks done with the task version as If-Match', async () => {
    const { server, model, theTask } = await started();
    server.routes['PATCH /tasks/7'] = () => ({ body: task(7) });
    await model.actions.setStatus(theTask, 'done');
    const patch = server.calls.find(c => c.method === 'PATCH')!;
    expect(patch.headers.get('If-Match')).toBe('"3"');
    expect(patch.body).toEqual({ status: 'done' });
  });

  it('on a stale version reloads and explains the conflict', async () => {
    const { server, model, theTask } = await started();
    server.routes['PATCH /tasks/7'] = () => stale(task(7, { version: 4 }));
    const notices: string[] = [];
    model.noticeRaised.connect((_, n) => notices.push(n.kind));
    const before = count(server, 'GET /groups/1');
    await expect(model.actions.toggleNextSession(theTask)).resolves.toBe(false);
    expect(count(server, 'GET /groups/1')).toBe(before + 1);
    expect(model.notice?.kind).toBe('warning');
    expect(model.notice?.text).toContain('Someone else changed this');
    expect(notices).toEqual(['warning']);
  });

  it('shows a refusal (403, or the last organizer leaving) as an error', async () => {
    const { server, model } = await started();
    server.routes['DELETE /groups/1/members/alice'] = () => ({
      status: 409,
      body: {
        error: {
          code: 'conflict',
          message: 'The group needs an organizer.'
        }
      }
    });
    await expect(model.actions.leave()).resolves.toBe(false);
    expect(model.notice).toEqual({
      kind: 'error',
      text: 'The group needs an organizer.'
    });
    expect(model.currentId).toBe(1);
  });

  it('leaves the group and returns to the directory', async () => {
    const { server, model } = await started();
    server.routes['DELETE /groups/1/members/alice'] = () => ({ status: 204 });
    await expect(model.actions.leave()).resolves.toBe(true);
    expect(model.currentId).toBeNull();
  });

  it('switches role with the membership version', async () => {
    const { server, model } = await started();
    server.routes['PATCH /groups/1/members/alice'] = () => ({ body: {} });
    await model.actions.switchRole('follower');
    const patch = server.calls.find(c => c.method === 'PATCH')!;
    expect(patch.body).toEqual({ role: 'follower' });
    expect(patch.headers.get('If-Match')).toBe('"1"');
  });

  it('hands field errors of a form back to the form', async () => {
    const { server, model } = await started();
    server.routes['POST /groups/1/milestones'] = () => ({
      status: 400,
      body: {
        error: {
          code: 'invalid',
          message: 'Some fields are not valid.',
          fields: { title: 'This field is required.' }
        }
      }
    });
    const call = model.actions.addMilestone({ title: '' });
    await expect(call).rejects.toBeInstanceOf(NerdUpApiError);
    await expect(call).rejects.toMatchObject({
      fields: { title: 'This field is required.' }
    });
  });

  it('joins a group and opens it', async () => {
    const { server, model } = await started();
    server.routes['POST /groups/2/members'] = call => ({
      status: 201,
      body: { username: 'alice', role: call.body.role, version: 1 }
    });
    await expect(model.actions.join(2, 'follower')).resolves.toBe(true);
    expect(model.currentId).toBe(2);
  });

  it('creates a group and opens it', async () => {
    const { server, model } = await started();
    server.routes['POST /groups'] = () => ({ status: 201, body: group(2) });
    const created = await model.actions.createGroup({ title: 'Group 2' });
    expect(created.id).toBe(2);
    expect(model.currentId).toBe(2);
  });

  it('creates a group from a template in one request', async () => {
    const { server, model } = await started();
    server.routes['POST /groups'] = () => ({ status: 201, body: group(2) });
    await model.actions.createGroup(
      { title: 'Group 2', start_date: '2026-12-01' },
      'club'
    );
    const created = server.calls.find(
      c => c.method === 'POST' && c.path === '/groups'
    )!;
    expect(created.body).toEqual({
      title: 'Group 2',
      start_date: '2026-12-01',
      template: 'club'
    });
    expect(server.calls.some(c => c.path.endsWith('/plan/import'))).toBe(false);
    expect(model.currentId).toBe(2);
  });

  it('leaves no half-made group when the template is refused', async () => {
    const { server, model } = await started();
    const before = model.currentId;
    server.routes['POST /groups'] = () => ({
      status: 404,
      body: {
        error: { code: 'not_found', message: 'There is no template nope.' }
      }
    });
    await expect(
      model.actions.createGroup({ title: 'Group 2' }, 'nope')
    ).rejects.toMatchObject({
      status: 404,
      message: 'There is no template nope.'
    });
    expect(model.currentId).toBe(before);
  });

  it('withdraws a vote when the same button is pressed again', async () => {
    const { server, model } = await started();
    server.routes['DELETE /proposals/4/vote'] = () => ({ body: {} });
    const proposal = {
      id: 4,
      votes: [{ username: 'alice', value: 'up' }],
      version: 2
    } as any;
    await model.actions.vote(proposal, 'up');
    expect(
      server.calls.some(
        c => c.method === 'DELETE' && c.path === '/proposals/4/vote'
      )
    ).toBe(true);
  });

  it('links a notebook once', async () => {
    const { server, model, theTask } = await started();
    server.routes['PATCH /tasks/7'] = () => ({ body: task(7) });
    await model.actions.linkNotebook(
      { ...theTask, notebooks: ['a.ipynb'] },
      'b.ipynb'
    );
    const patch = server.calls.find(c => c.method === 'PATCH')!;
    expect(patch.body).toEqual({ notebooks: ['a.ipynb', 'b.ipynb'] });
  });
});
