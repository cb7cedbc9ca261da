import * as React from 'react';

import { GroupView } from '../components/GroupView';
import { IActivityEvent, IGroupView } from '../model/types';
import { partsOf } from '../model/eventparts';
import { Room } from '../workspace/GroupWorkspace';
import { act, inSidebar, roomModel, settle, testRoot } from './reactroot';

/**
 * One teammate's change costs the lab at most two requests (#21): the event's kind says
 * which parts of the group's view to read again, an open group's event carries its feed
 * line, and the room's rhythm sections fetch only when theirs changed. Counted with the
 * navigator and the room both on screen, as a member has them.
 */
describe('requests per teammate change', () => {
  const root = testRoot();

  async function lab() {
    const { server, model, options } = await roomModel();
    server.routes['GET /openapi.json'] = () => ({
      body: { paths: { '/groups': {}, '/groups/{group_id}/snapshots': {} } }
    });
    server.routes['GET /groups/1/snapshots'] = () => ({
      body: { items: [], next: null, people: {} }
    });
    await model.select(1);
    await root.render(
      inSidebar(
        model,
        <>
          <GroupView view={model.current as IGroupView} />
          <Room
            view={model.current as IGroupView}
            section="overview"
            onSection={() => undefined}
            options={options}
          />
        </>
      )
    );
    await settle();
    return { server, model };
  }

  /** The requests the lab sends for one event of a teammate (Bob). */
  async function requestsFor(event: Partial<IActivityEvent>) {
    const { server, model } = await lab();
    const before = server.calls.length;
    // Waits for the burst's loads themselves (the debounced handling resolves then).
    await act(async () => {
      await model.handleActivity(
        {
          group_id: 1,
          activity_id: 50,
          actor: 'bob',
          summary: 'did something',
          subject: {},
          kind: 'task.claimed',
          ...event
        } as IActivityEvent,
        1
      );
    });
    await settle();
    return {
      model,
      sent: server.calls.slice(before).map(c => `${c.method} ${c.path}`)
    };
  }

  it('a claim: the plan and the group, the feed line from the event', async () => {
    const { sent, model } = await requestsFor({
      kind: 'task.claimed',
      summary: 'took on “Task 8”',
      subject: { task_id: 8, milestone_id: 10 }
    });
    expect(sent.sort()).toEqual(['GET /groups/1', 'GET /groups/1/milestones']);
    expect(model.current?.activity[0]).toMatchObject({
      id: 50,
      actor: 'bob',
      summary: 'took on “Task 8”'
    });
  });

  it('a snapshot: the latest snapshots and each task’s, nothing else', async () => {
    const { sent } = await requestsFor({
      kind: 'snapshot.committed',
      subject: { snapshot_id: 3, task_id: 8 }
    });
    expect(sent).toHaveLength(2);
    expect(new Set(sent)).toEqual(new Set(['GET /groups/1/snapshots']));
  });

  it('a vote: the proposals only', async () => {
    const { sent } = await requestsFor({
      kind: 'proposal.voted',
      subject: { proposal_id: 2 }
    });
    expect(sent).toEqual(['GET /groups/1/proposals']);
  });

  it('a question: the questions only', async () => {
    const { sent } = await requestsFor({
      kind: 'question.asked',
      subject: { question_id: 4 }
    });
    expect(sent).toEqual(['GET /groups/1/questions']);
  });

  it("a members-only group's event carries ids only: the feed is read too", async () => {
    const { sent } = await requestsFor({
      kind: 'task.claimed',
      summary: undefined,
      subject: { task_id: 8 }
    });
    expect(sent.sort()).toEqual([
      'GET /groups/1',
      'GET /groups/1/activity',
      'GET /groups/1/milestones'
    ]);
  });

  it('an unknown kind reloads everything, as before', async () => {
    expect(partsOf('telescope.pointed')).toBeNull();
    const { sent } = await requestsFor({ kind: 'telescope.pointed' });
    expect(sent).toEqual(
      expect.arrayContaining([
        'GET /groups/1',
        'GET /groups/1/milestones',
        'GET /groups/1/proposals',
        'GET /groups/1/activity'
      ])
    );
  });
});
