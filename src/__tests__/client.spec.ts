import { NerdUpApiError } from '../api';
import { GroupsClient } from '../model/client';
import { fakeServer, stale, task } from './fakeserver';

describe('GroupsClient', () => {
  it('unwraps the group list and passes the search', async () => {
    const server = fakeServer({
      'GET /groups': () => ({ body: { groups: [{ id: 1 }] } })
    });
    const client = new GroupsClient(server.settings);
    await expect(client.listGroups('kaggle')).resolves.toEqual([{ id: 1 }]);
    expect(server.calls[0].query.get('q')).toBe('kaggle');
  });

  it('sends the edited version as If-Match on PATCH and DELETE', async () => {
    const server = fakeServer({
      'PATCH /tasks/7': () => ({
        body: task(7, { status: 'done', version: 4 })
      }),
      'DELETE /tasks/7': () => ({ status: 204 })
    });
    const client = new GroupsClient(server.settings);
    const updated = await client.updateTask(7, 3, { status: 'done' });
    expect(updated.version).toBe(4);
    await client.deleteTask(7, 4);
    expect(server.calls[0].headers.get('If-Match')).toBe('"3"');
    expect(server.calls[0].body).toEqual({ status: 'done' });
    expect(server.calls[1].headers.get('If-Match')).toBe('"4"');
  });

  it('turns a stale write into a 409 error carrying the current record', async () => {
    const server = fakeServer({
      'PATCH /milestones/3': () => stale({ id: 3, version: 5 })
    });
    const client = new GroupsClient(server.settings);
    const call = client.updateMilestone(3, 4, { title: 'x' });
    await expect(call).rejects.toBeInstanceOf(NerdUpApiError);
    await expect(call).rejects.toMatchObject({
      status: 409,
      current: { id: 3, version: 5 }
    });
  });

  it('claims with POST and releases with DELETE on the claim route', async () => {
    const server = fakeServer({
      'POST /tasks/7/claim': () => ({ body: task(7, { claimed_by: ['a'] }) }),
      'DELETE /tasks/7/claim': () => ({ body: task(7) })
    });
    const client = new GroupsClient(server.settings);
    await client.claim(7);
    await client.release(7);
    expect(server.calls.map(c => `${c.method} ${c.path}`)).toEqual([
      'POST /tasks/7/claim',
      'DELETE /tasks/7/claim'
    ]);
  });

  it('votes, withdraws, and adopts with the proposal version', async () => {
    const server = fakeServer({
      'POST /proposals/2/vote': () => ({ body: {} }),
      'DELETE /proposals/2/vote': () => ({ body: {} }),
      'POST /proposals/2/adopt': () => ({ body: {} })
    });
    const client = new GroupsClient(server.settings);
    await client.vote(2, 'down');
    await client.withdrawVote(2);
    await client.decide(2, true, 6);
    expect(server.calls[0].body).toEqual({ value: 'down' });
    expect(server.calls[2].headers.get('If-Match')).toBe('"6"');
  });

  it('asks for templates and snapshots only when the OpenAPI document lists them', async () => {
    const server = fakeServer({
      'GET /openapi.json': () => ({ body: { paths: { '/groups': {} } } })
    });
    const client = new GroupsClient(server.settings);
    await expect(client.templates()).resolves.toBeNull();
    await expect(client.snapshots(1)).resolves.toBeNull();
    // The document is read once; no 404 probes.
    expect(server.calls.map(c => c.path)).toEqual(['/openapi.json']);
  });

  it('reads templates and the latest snapshots when the server has them', async () => {
    const server = fakeServer({
      'GET /openapi.json': () => ({
        body: {
          paths: { '/templates': {}, '/groups/{group_id}/snapshots': {} }
        }
      }),
      'GET /templates': () => ({
        body: { templates: [{ name: 'club', title: 'Learning club' }] }
      }),
      'GET /groups/1/snapshots': () => ({
        body: { items: [{ id: 1 }, { id: 2 }, { id: 3 }, { id: 4 }], next: 4 }
      })
    });
    const client = new GroupsClient(server.settings);
    await expect(client.templates()).resolves.toEqual([
      { name: 'club', title: 'Learning club' }
    ]);
    await expect(client.snapshots(1, 2)).resolves.toEqual([
      { id: 1 },
      { id: 2 }
    ]);
  });

  it('treats an unreadable OpenAPI document as "no optional routes"', async () => {
    const server = fakeServer({});
    const client = new GroupsClient(server.settings);
    await expect(client.hasRoute('/templates')).resolves.toBe(false);
  });

  it('reports field errors of a rejected group', async () => {
    const server = fakeServer({
      'POST /groups': () => ({
        status: 400,
        body: {
          error: {
            code: 'invalid',
            message: 'Some fields are not valid.',
            fields: { title: 'Must not be empty.' }
          }
        }
      })
    });
    const client = new GroupsClient(server.settings);
    await expect(client.createGroup({ title: '' })).rejects.toMatchObject({
      status: 400,
      fields: { title: 'Must not be empty.' }
    });
  });
});
