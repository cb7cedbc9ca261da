import { GroupsClient } from '../model/client';
import { IActivityEvent, IGroup } from '../model/types';
import {
  concernsMe,
  firstLook,
  IWho,
  NO_NOTIFICATIONS,
  NotifySettings,
  restRecords
} from '../notify';
import { RhythmClient } from '../rhythm/client';
import { fakeServer, group, task } from './fakeserver';

const ALL_ON: NotifySettings = {
  sessionSoon: true,
  answerToMyQuestion: true,
  taskAssigned: true,
  proposalToVote: true
};

function question(id: number, author: string, extra = {}) {
  return {
    id,
    group_id: 1,
    title: `Question ${id}`,
    body: '',
    author,
    anchor: { task_id: null, snapshot_id: null, cell_id: null },
    status: 'answered',
    accepted_answer_id: null,
    answer_count: 1,
    upvotes: 0,
    upvoted_by: [],
    version: 1,
    answers: [],
    ...extra
  };
}

function proposal(id: number, extra = {}) {
  return {
    id,
    group_id: 1,
    title: `Proposal ${id}`,
    goal: '',
    due: null,
    status: 'open',
    created_by: 'bob',
    created_at: null,
    decided_at: null,
    decided_by: null,
    milestone_id: null,
    votes: [],
    tally: { up: 0, down: 0 },
    version: 1,
    ...extra
  };
}

/** Alice, a participant of group 1 (and of the archived group 3); bob acts. */
function setup(role = 'participant') {
  const server = fakeServer({
    'GET /questions/3': () => ({ body: question(3, 'alice') }),
    'GET /questions/4': () => ({ body: question(4, 'carol') }),
    'GET /tasks/8': () => ({
      body: task(8, { title: 'Read chapter 2', per_member: true })
    }),
    'GET /tasks/9': () => ({ body: task(9, { title: 'Clean the data' }) }),
    'GET /tasks/10': () => ({
      body: task(10, { per_member: true, completed_by: ['alice'] })
    }),
    'GET /proposals/5': () => ({ body: proposal(5) }),
    'GET /proposals/6': () => ({
      body: proposal(6, { votes: [{ username: 'alice', value: 'up' }] })
    }),
    'GET /proposals/7': () => ({ body: proposal(7, { status: 'adopted' }) }),
    'GET /groups/1/activity': () => ({
      body: {
        items: [
          {
            id: 41,
            group_id: 1,
            actor: 'bob',
            kind: 'task.updated',
            summary: 'updated “Read chapter 2” (per_member)',
            subject: { task_id: 8, milestone_id: 10, fields: ['per_member'] },
            created_at: '2026-03-02T18:00:00+00:00'
          },
          {
            id: 42,
            group_id: 1,
            actor: 'bob',
            kind: 'task.updated',
            summary: 'updated “Read chapter 2” (title)',
            subject: { task_id: 8, milestone_id: 10, fields: ['title'] },
            created_at: '2026-03-02T18:00:00+00:00'
          }
        ],
        next: null
      }
    })
  });
  const records = restRecords(
    new GroupsClient(server.settings),
    new RhythmClient(server.settings)
  );
  const who: IWho = {
    username: 'alice',
    groups: [
      group(1, { my_role: role }) as unknown as IGroup,
      group(3, {
        my_role: 'participant',
        status: 'archived'
      }) as unknown as IGroup
    ]
  };
  const check = (event: Partial<IActivityEvent>, settings = ALL_ON) =>
    concernsMe(
      { group_id: 1, activity_id: 40, actor: 'bob', kind: '', ...event },
      who,
      settings,
      records
    );
  return { server, who, check };
}

describe('notify rules: an answer to my question', () => {
  const answered = {
    kind: 'question.answered',
    summary: 'answered “Question 3”',
    subject: { question_id: 3, answer_id: 12 }
  };

  it('concerns me when the question is mine, with its title', async () => {
    const { check, server } = setup();
    await expect(check(answered)).resolves.toEqual({
      kind: 'answerToMyQuestion',
      groupId: 1,
      recordId: 3,
      title: 'Question 3',
      actor: 'bob'
    });
    expect(server.calls.map(c => `${c.method} ${c.path}`)).toEqual([
      'GET /questions/3'
    ]);
  });

  it("not when the question is someone else's", async () => {
    const { check } = setup();
    await expect(
      check({ ...answered, subject: { question_id: 4, answer_id: 13 } })
    ).resolves.toBeNull();
  });

  it('not for my own answer, and asks the server nothing', async () => {
    const { check, server } = setup();
    await expect(check({ ...answered, actor: 'alice' })).resolves.toBeNull();
    expect(server.calls).toHaveLength(0);
  });

  it('not in a group that is not mine, nor in an archived one', async () => {
    const { check, server } = setup();
    await expect(check({ ...answered, group_id: 2 })).resolves.toBeNull();
    await expect(check({ ...answered, group_id: 3 })).resolves.toBeNull();
    expect(server.calls).toHaveLength(0);
  });

  it('not with its setting off (the others on)', async () => {
    const { check, server } = setup();
    const off = { ...ALL_ON, answerToMyQuestion: false };
    await expect(check(answered, off)).resolves.toBeNull();
    await expect(check(answered, NO_NOTIFICATIONS)).resolves.toBeNull();
    expect(server.calls).toHaveLength(0);
  });

  it('not when the question cannot be read (deleted meanwhile)', async () => {
    const { check } = setup();
    await expect(
      check({ ...answered, subject: { question_id: 99 } })
    ).resolves.toBeNull();
  });

  it('not before I am known (signed-in user not loaded yet)', () => {
    const { who } = setup();
    const event = {
      group_id: 1,
      activity_id: 1,
      actor: 'bob',
      ...answered
    };
    expect(firstLook(event, { ...who, username: null }, ALL_ON)).toBeNull();
    expect(firstLook(event, who, ALL_ON)).toBe('answerToMyQuestion');
  });
});

describe('notify rules: a task for me', () => {
  const created = (taskId: number) => ({
    kind: 'task.created',
    summary: 'added the task',
    subject: { task_id: taskId, milestone_id: 10 }
  });

  it('a new task everyone does concerns every participant', async () => {
    const { check } = setup();
    await expect(check(created(8))).resolves.toMatchObject({
      kind: 'taskAssigned',
      recordId: 8,
      title: 'Read chapter 2'
    });
  });

  it('and organizers, but not followers or mentors (they are not its doers)', async () => {
    await expect(setup('organizer').check(created(8))).resolves.not.toBeNull();
    for (const role of ['follower', 'mentor']) {
      const { check, server } = setup(role);
      await expect(check(created(8))).resolves.toBeNull();
      expect(server.calls).toHaveLength(0);
    }
  });

  it('not an ordinary task (anyone may claim it), nor one I did already', async () => {
    const { check } = setup();
    await expect(check(created(9))).resolves.toBeNull();
    await expect(check(created(10))).resolves.toBeNull();
  });

  it('not the task I added myself', async () => {
    const { check, server } = setup('organizer');
    await expect(check({ ...created(8), actor: 'alice' })).resolves.toBeNull();
    expect(server.calls).toHaveLength(0);
  });

  it('a task made one everyone does: only when its fields name per_member', async () => {
    const { check, server } = setup();
    const updated = (fields: string[]) => ({
      kind: 'task.updated',
      subject: { task_id: 8, milestone_id: 10, fields }
    });
    await expect(check(updated(['title']))).resolves.toBeNull();
    expect(server.calls).toHaveLength(0); // decided without reading the task
    await expect(check(updated(['per_member']))).resolves.toMatchObject({
      kind: 'taskAssigned',
      recordId: 8
    });
  });

  it('an event with ids only (members-only group) reads its fields from the feed', async () => {
    const { check, server } = setup();
    const idsOnly = (activityId: number) => ({
      kind: 'task.updated',
      activity_id: activityId,
      subject: { task_id: 8, milestone_id: 10 }
    });
    await expect(check(idsOnly(41))).resolves.toMatchObject({ recordId: 8 });
    expect(server.calls.map(c => c.path)).toEqual([
      '/groups/1/activity',
      '/tasks/8'
    ]);
    await expect(check(idsOnly(42))).resolves.toBeNull(); // a title change
    await expect(check(idsOnly(77))).resolves.toBeNull(); // not in the feed
  });

  it('a claim is never an assignment (it is always the claimer’s own act)', async () => {
    const { check, server } = setup();
    await expect(
      check({ kind: 'task.claimed', subject: { task_id: 8 } })
    ).resolves.toBeNull();
    expect(server.calls).toHaveLength(0);
  });
});

describe('notify rules: a proposal to vote on', () => {
  const created = (proposalId: number) => ({
    kind: 'proposal.created',
    subject: { proposal_id: proposalId }
  });

  it('an open proposal I have not voted on, for any member (followers vote too)', async () => {
    for (const role of ['participant', 'follower', 'mentor', 'organizer']) {
      await expect(setup(role).check(created(5))).resolves.toEqual({
        kind: 'proposalToVote',
        groupId: 1,
        recordId: 5,
        title: 'Proposal 5',
        actor: 'bob'
      });
    }
  });

  it('not when I voted already, or it is decided', async () => {
    const { check } = setup();
    await expect(check(created(6))).resolves.toBeNull();
    await expect(check(created(7))).resolves.toBeNull();
  });

  it('not my own proposal, not another group’s, not with the setting off', async () => {
    const { check, server } = setup();
    await expect(check({ ...created(5), actor: 'alice' })).resolves.toBeNull();
    await expect(check({ ...created(5), group_id: 2 })).resolves.toBeNull();
    await expect(
      check(created(5), { ...ALL_ON, proposalToVote: false })
    ).resolves.toBeNull();
    expect(server.calls).toHaveLength(0);
  });

  it('a vote is not a proposal to vote on', async () => {
    const { check } = setup();
    await expect(
      check({ kind: 'proposal.voted', subject: { proposal_id: 5 } })
    ).resolves.toBeNull();
  });
});
