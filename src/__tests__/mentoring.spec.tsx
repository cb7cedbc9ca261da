import * as React from 'react';

import { useSidebar } from '../components/context';
import { Directory } from '../components/Directory';
import { GroupsModel } from '../model/groups';
import { Mentoring } from '../rhythm/Mentoring';
import { Rhythm } from '../rhythm/Rhythm';
import { group, groupServer, quietRhythm } from './fakeserver';
import { inSidebar, settle, sidebarModel, testRoot } from './reactroot';

const hoursAgo = (h: number) => new Date(Date.now() - h * 3600e3).toISOString();

const summary = (
  id: number,
  groupId: number,
  title: string,
  hours: number
) => ({
  id,
  group_id: groupId,
  title,
  author: 'bob',
  created_at: hoursAgo(hours)
});

/** What /me/mentoring answers: alice mentors groups 1 and 3. */
function overview() {
  return {
    stale_after_days: 14,
    groups: [
      {
        group_id: 1,
        title: 'Group 1',
        unanswered: [summary(21, 1, 'Why is my <b>merge</b> slow?', 3)],
        stale_milestones: []
      },
      {
        group_id: 3,
        title: 'Pandas club',
        unanswered: [summary(30, 3, 'How do I pivot?', 50)],
        stale_milestones: [
          {
            id: 40,
            group_id: 3,
            title: 'Clean the data',
            status: 'active',
            quiet_days: 23
          }
        ],
        stalled_claims: [
          {
            task_id: 51,
            milestone_id: 40,
            title: 'Reproduce the score',
            username: 'emma',
            claimed_at: hoursAgo(20 * 24),
            last_snapshot_at: null,
            quiet_days: 20
          },
          {
            task_id: 52,
            milestone_id: 40,
            title: 'Choose k',
            username: 'dev',
            claimed_at: hoursAgo(40 * 24),
            last_snapshot_at: hoursAgo(16 * 24),
            quiet_days: 16
          }
        ],
        stalled_parts: [
          {
            task_id: 53,
            milestone_id: 40,
            title: 'Write your goal',
            username: 'emma',
            due: '2020-01-01',
            last_snapshot_at: null,
            quiet_days: 25
          }
        ]
      }
    ],
    people: { emma: { display_name: 'Emma Larsen' } }
  };
}

/** A question as GET /groups/{id}/questions lists it. */
function question(id: number, title: string) {
  return {
    id,
    group_id: 1,
    title,
    body: 'It takes **minutes**.',
    author: 'bob',
    anchor: { task_id: null, snapshot_id: null, cell_id: null },
    status: 'open',
    accepted_answer_id: null,
    answer_count: 0,
    upvotes: 0,
    upvoted_by: [],
    version: 1,
    answers: []
  };
}

describe('the Mentoring section of the directory', () => {
  const root = testRoot();
  let server: ReturnType<typeof groupServer>;
  let model: GroupsModel;
  let answer: ReturnType<typeof overview>;

  /** alice mentors group 1 (as /me says) unless `mentor` is false. */
  async function start(mentor = true): Promise<void> {
    ({ server, model } = await sidebarModel());
    answer = overview();
    server.routes['GET /me/mentoring'] = () => ({ body: answer });
    if (mentor) {
      server.routes['GET /me'] = () => ({
        body: {
          user: { username: 'alice', display_name: 'Alice' },
          groups: [group(1, { my_role: 'mentor' })],
          tasks: []
        }
      });
      await model.refreshMe();
    }
  }

  afterEach(() => {
    model.dispose();
  });

  const section = () =>
    root.host.querySelector<HTMLElement>('.jp-NerdUp-mentoring');
  const list = (label: string) =>
    [
      ...root.host.querySelectorAll<HTMLElement>(
        `ul[aria-label="${label}"] > li`
      )
    ].map(li => li.textContent);
  const mentoringCalls = () =>
    server.calls.filter(c => c.path === '/me/mentoring').length;

  it('lists unanswered questions, oldest first, and stale milestones', async () => {
    await start();
    await root.render(inSidebar(model, <Directory />));
    await settle();

    expect(section()?.querySelector('h3')?.textContent).toBe('Mentoring');
    const questions = list('Unanswered questions');
    expect(questions).toHaveLength(2);
    expect(questions[0]).toMatch(
      /^How do I pivot\?Pandas club · asked by bob · /
    );
    expect(questions[0]).toContain('2 days ago');
    expect(questions[1]).toMatch(/^Why is my <b>merge<\/b> slow\?Group 1/);
    expect(questions[1]).toContain('3 hours ago');
    // A title is text, never markup.
    expect(section()?.querySelector('b')).toBeNull();
    // The real age, not the threshold (14).
    expect(list('Stale milestones')).toEqual([
      'Clean the dataPandas club · no activity for 23 days'
    ]);
    // Work that stopped, by person and by name, the quietest first.
    expect(list('Stalled work')).toEqual([
      expect.stringMatching(
        /^Emma Larsen has not done their part of “Write your goal”Pandas club · stage \d+ days overdue · no snapshot for 25 days$/
      ),
      'Emma Larsen claimed “Reproduce the score”Pandas club · claimed 20 days ago, no snapshot since',
      'dev claimed “Choose k”Pandas club · last snapshot 16 days ago'
    ]);
    const open = section()!.querySelector('button')!;
    expect(open.getAttribute('aria-label')).toBe(
      'Open question “How do I pivot?” in Pandas club'
    );
  });

  it('says so, kindly, when nothing waits for a mentor', async () => {
    await start();
    answer.groups.forEach((g: any) => {
      g.unanswered = [];
      g.stale_milestones = [];
      g.stalled_claims = [];
      g.stalled_parts = [];
    });
    await root.render(inSidebar(model, <Mentoring />));
    await settle();
    expect(section()?.querySelector('.jp-NerdUp-empty')?.textContent).toBe(
      'All quiet: every question has an answer and all work is moving.'
    );
    expect(section()?.querySelectorAll('li')).toHaveLength(0);
  });

  it('is not there for someone who mentors no group, and costs no request', async () => {
    await start(false); // alice organizes group 1
    await model.refreshDirectory();
    await root.render(inSidebar(model, <Directory />));
    await settle();
    expect(section()).toBeNull();
    expect(mentoringCalls()).toBe(0);
    expect(root.host.querySelector('.jp-NerdUp-cards')).not.toBeNull();
  });

  it('is there for an organizer who mentors the group too', async () => {
    await start(false);
    server.routes['GET /me'] = () => ({
      body: {
        user: { username: 'alice', display_name: 'Alice' },
        groups: [group(1, { my_role: 'organizer', i_mentor: true })],
        tasks: []
      }
    });
    await model.refreshMe();
    await root.render(inSidebar(model, <Mentoring />));
    await settle();
    expect(mentoringCalls()).toBe(1);
    expect(section()).not.toBeNull();
  });

  it('is not there when the server lists no mentored group', async () => {
    await start();
    answer.groups = [];
    await root.render(inSidebar(model, <Mentoring />));
    await settle();
    expect(mentoringCalls()).toBe(1);
    expect(section()).toBeNull();
  });

  it('reloads when the model changes (a new question arrives live)', async () => {
    await start();
    await root.render(inSidebar(model, <Mentoring />));
    await settle();
    expect(list('Unanswered questions')).toHaveLength(2);
    answer.groups[0].unanswered.push(summary(22, 1, 'Is 0.5 a good alpha?', 0));
    await settle(() => void model.refreshMe());
    expect(list('Unanswered questions')).toHaveLength(3);
    expect(list('Unanswered questions')[2]).toContain('Is 0.5 a good alpha?');
  });

  it('asks once per refresh, not once per change signal', async () => {
    await start();
    await root.render(inSidebar(model, <Mentoring />));
    await settle();
    const before = mentoringCalls();
    // A refresh runs several loads; each emits `changed` as it starts and ends.
    await settle(() => void model.refresh());
    expect(mentoringCalls()).toBe(before + 1);
  });

  it('opens the group of a stale milestone', async () => {
    await start();
    await root.render(inSidebar(model, <Mentoring />));
    await settle();
    const button = [...section()!.querySelectorAll('button')].find(
      b => b.textContent === 'Clean the data'
    )!;
    expect(button.getAttribute('aria-label')).toBe(
      'Open Pandas club, milestone “Clean the data”'
    );
    server.routes['GET /groups/3'] = () => ({ body: group(3) });
    server.routes['GET /groups/3/milestones'] = () => ({
      body: { milestones: [] }
    });
    server.routes['GET /groups/3/proposals'] = () => ({
      body: { proposals: [] }
    });
    server.routes['GET /groups/3/activity'] = () => ({
      body: { items: [], next: null }
    });
    await settle(() => button.click());
    expect(model.currentId).toBe(3);
    expect(model.current?.group.title).toBe('Group 3');
  });

  /** The directory until a group is open, then that group's questions. */
  function Sidebar(): JSX.Element {
    const { model } = useSidebar();
    const [, redraw] = React.useReducer((n: number) => n + 1, 0);
    React.useEffect(() => {
      const onChange = () => redraw();
      model.changed.connect(onChange);
      model.currentChanged.connect(onChange);
      return () => {
        model.changed.disconnect(onChange);
        model.currentChanged.disconnect(onChange);
      };
    }, [model]);
    return model.current ? (
      <Rhythm view={model.current} part="sections" />
    ) : (
      <Mentoring />
    );
  }

  it('opens a question in its group: expanded, focused and highlighted', async () => {
    await start();
    server.routes['GET /groups/1/sessions'] = () => ({
      body: { sessions: [] }
    });
    server.routes['GET /groups/1/questions'] = () => ({
      body: {
        questions: [
          question(20, 'Where is the data?'),
          question(21, 'Why is my <b>merge</b> slow?')
        ]
      }
    });
    quietRhythm(server);
    await root.render(inSidebar(model, <Sidebar />));
    await settle();

    const open = [...section()!.querySelectorAll('button')].find(
      b => b.textContent === 'Why is my <b>merge</b> slow?'
    )!;
    await settle(() => open.click());
    await settle();

    expect(model.currentId).toBe(1);
    const asked = root.host.querySelector<HTMLElement>(
      '[data-question-id="21"]'
    )!;
    expect(asked.classList).toContain('jp-mod-highlighted');
    expect(asked.querySelector('.jp-NerdUp-questionBody')).not.toBeNull();
    expect(document.activeElement?.textContent).toBe(
      'Why is my <b>merge</b> slow?'
    );
    const other = root.host.querySelector('[data-question-id="20"]')!;
    expect(other.classList).not.toContain('jp-mod-highlighted');

    // Moving on: focus leaves the question, the highlight goes.
    await settle(() =>
      other.querySelector<HTMLButtonElement>('button')!.focus()
    );
    expect(asked.classList).not.toContain('jp-mod-highlighted');
  });
});
