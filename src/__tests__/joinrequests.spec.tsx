import * as React from 'react';

import { GroupCard } from '../components/GroupCard';
import { partsOf } from '../model/eventparts';
import { Membership } from '../components/Membership';
import { IGroup, IGroupView } from '../model/types';
import { forgetPeople } from '../people';
import { People } from '../workspace/sections/People';
import { Settings } from '../workspace/sections/Settings';
import { dialog, dialogButton, type, until } from './dialogs';
import { group } from './fakeserver';
import { act, inSidebar, settle, sidebarModel, testRoot } from './reactroot';

const buttonNamed = (root: HTMLElement, text: string) =>
  [...root.querySelectorAll<HTMLButtonElement>('button')].find(
    b => b.textContent?.trim() === text
  );

describe('asking to join a group that takes participants by request (#14)', () => {
  const root = testRoot();

  it('offers "Ask to join" on the card, sends the note, then shows "Request sent · Withdraw"', async () => {
    const { server, model } = await sidebarModel();
    let mine: Record<string, unknown> | null = null;
    const card = () =>
      group(2, {
        my_role: null,
        join_rule: 'request',
        my_join_request: mine
      }) as unknown as IGroup;
    server.routes['GET /groups'] = () => ({ body: { groups: [card()] } });
    server.routes['POST /groups/2/join-requests'] = call => {
      mine = {
        id: 9,
        group_id: 2,
        username: 'alice',
        message: call.body.message,
        status: 'pending',
        created_at: '2026-12-04T20:00:00+00:00',
        decided_by: null,
        decided_at: null
      };
      return { status: 201, body: mine };
    };
    server.routes['DELETE /groups/2/join-requests/alice'] = () => {
      mine = null;
      return { status: 204 };
    };
    await model.refreshDirectory();
    const draw = () =>
      root.render(inSidebar(model, <GroupCard group={model.directory[0]} />));
    await draw();
    // No plain "Join": a participant joins this group by asking.
    expect(buttonNamed(root.host, 'Join')).toBeUndefined();
    const ask = buttonNamed(root.host, 'Ask to join')!;
    expect(ask.getAttribute('aria-label')).toBe('Ask to join Group 2');
    expect(buttonNamed(root.host, 'Follow')).toBeDefined();

    await act(() => ask.click());
    const textarea = await until(() =>
      dialog()?.querySelector<HTMLTextAreaElement>('textarea')
    );
    expect(dialog()!.textContent).toContain(
      'A note for the organisers (optional)'
    );
    await act(() => type(textarea, 'I know pandas'));
    await act(() => dialogButton('Send request')!.click());
    await until(() => !dialog());
    await settle();
    await draw();
    const sent = server.calls.filter(
      c => c.method === 'POST' && c.path === '/groups/2/join-requests'
    );
    expect(sent.map(c => c.body)).toEqual([{ message: 'I know pandas' }]);
    expect(root.host.textContent).toContain('Request sent');
    expect(buttonNamed(root.host, 'Ask to join')).toBeUndefined();

    await act(() => buttonNamed(root.host, 'Withdraw')!.click());
    await settle();
    await draw();
    expect(
      server.calls.some(
        c => c.method === 'DELETE' && c.path === '/groups/2/join-requests/alice'
      )
    ).toBe(true);
    expect(root.host.textContent).not.toContain('Request sent');
    expect(buttonNamed(root.host, 'Ask to join')).toBeDefined();
  });

  it('lets a follower ask to become a participant instead of switching', async () => {
    const { model } = await sidebarModel();
    const following = group(2, {
      my_role: 'follower',
      join_rule: 'request'
    }) as unknown as IGroup;
    await root.render(inSidebar(model, <Membership group={following} />));
    expect(buttonNamed(root.host, 'Switch to participant')).toBeUndefined();
    expect(buttonNamed(root.host, 'Ask to become a participant')).toBeDefined();
  });

  it('keeps the plain "Join" for a group that takes anyone', async () => {
    const { model } = await sidebarModel();
    await model.refreshDirectory();
    const open = model.directory.find(g => g.id === 2)!;
    await root.render(inSidebar(model, <GroupCard group={open} />));
    expect(buttonNamed(root.host, 'Join')).toBeDefined();
    expect(buttonNamed(root.host, 'Ask to join')).toBeUndefined();
  });
});

describe("the People section's join requests (organisers)", () => {
  const root = testRoot();
  afterEach(() => forgetPeople());

  async function people(permissions: Record<string, string>) {
    const { server, model } = await sidebarModel();
    const pending = [
      {
        id: 3,
        group_id: 1,
        username: 'b0b',
        message: 'I did the Titanic notebook',
        status: 'pending',
        created_at: '2026-12-04T20:00:00+00:00',
        decided_by: null,
        decided_at: null
      }
    ];
    let waiting = [...pending];
    server.routes['GET /groups/1/join-requests'] = () => ({
      body: {
        items: waiting,
        people: { b0b: { display_name: 'Bob Marley' } }
      }
    });
    const decided: string[] = [];
    for (const decision of ['accept', 'decline']) {
      server.routes[`POST /groups/1/join-requests/b0b/${decision}`] = () => {
        decided.push(decision);
        waiting = [];
        return { body: { ...pending[0], status: decision + 'ed' } };
      };
    }
    const view = {
      group: group(1, { join_rule: 'request', permissions }),
      milestones: [],
      proposals: [],
      activity: [],
      snapshots: []
    } as unknown as IGroupView;
    await root.render(
      inSidebar(model, <People view={view} rhythm={null as any} />)
    );
    await settle();
    return { server, decided };
  }

  it('lists who asks, by display name, and accepts with one click', async () => {
    const { decided } = await people({ decide_join_request: 'allow' });
    const text = root.host.textContent ?? '';
    expect(text).toContain('Join requests (1)');
    expect(text).toContain('Bob Marley');
    expect(text).not.toContain('b0b');
    expect(text).toContain('I did the Titanic notebook');
    const accept = buttonNamed(root.host, 'Accept')!;
    expect(accept.getAttribute('aria-label')).toBe(
      'Accept Bob Marley as participant'
    );
    await act(() => accept.click());
    await settle();
    expect(decided).toEqual(['accept']);
    expect(root.host.textContent).toContain('Join requests (0)');
    expect(root.host.textContent).toContain('No one is waiting to join.');
  });

  it('asks before declining, and keeps the request when told to', async () => {
    const { decided } = await people({ decide_join_request: 'allow' });
    await act(() => buttonNamed(root.host, 'Decline')!.click());
    await until(() =>
      dialog()?.textContent?.includes('Decline Bob Marley’s request?')
    );
    await act(() => dialogButton('Keep the request')!.click());
    await until(() => !dialog());
    expect(decided).toEqual([]);
    expect(root.host.textContent).toContain('Join requests (1)');

    await act(() => buttonNamed(root.host, 'Decline')!.click());
    await until(() => dialogButton('Decline'));
    await act(() => dialogButton('Decline')!.click());
    await until(() => !dialog());
    await settle();
    expect(decided).toEqual(['decline']);
    expect(root.host.textContent).toContain('Join requests (0)');
  });

  it('reads the requests again when the feed moves (a new request, live)', async () => {
    const { server, model } = await sidebarModel();
    let asks = 0;
    server.routes['GET /groups/1/join-requests'] = () => {
      asks++;
      return { body: { items: [], people: {} } };
    };
    const view = (activity: unknown[]) =>
      ({
        group: group(1, {
          join_rule: 'request',
          permissions: { decide_join_request: 'allow' }
        }),
        milestones: [],
        proposals: [],
        activity,
        snapshots: []
      }) as unknown as IGroupView;
    const draw = (v: IGroupView) =>
      root.render(inSidebar(model, <People view={v} rhythm={null as any} />));
    await draw(view([]));
    await settle();
    expect(asks).toBe(1);
    // The event of a request adds its line to the feed; only the group is read again.
    expect(partsOf('join_request.created')).toEqual(['group']);
    await draw(view([{ id: 12, kind: 'join_request.created' }]));
    await settle();
    expect(asks).toBe(2);
  });

  it('lists the members by role, organizers first, by display name', async () => {
    const { model } = await sidebarModel();
    const view = {
      group: group(1, {
        member_count: 4,
        members: [
          { username: 'zoe', role: 'participant', version: 1 },
          { username: 'carl', role: 'follower', version: 1 },
          { username: 'alice', role: 'organizer', version: 1 },
          { username: 'ann', role: 'participant', version: 1 }
        ]
      }),
      milestones: [],
      proposals: [],
      activity: [],
      snapshots: []
    } as unknown as IGroupView;
    await root.render(
      inSidebar(model, <People view={view} rhythm={null as any} />)
    );
    await settle();
    const rows = [
      ...root.host.querySelectorAll('[aria-label="Members"] li')
    ].map(li => li.textContent);
    expect(rows).toEqual([
      'you organizer',
      'ann participant',
      'zoe participant',
      'carl follower'
    ]);
  });

  it('shows no requests to someone who may not decide them', async () => {
    const { server } = await people({ decide_join_request: 'deny' });
    expect(root.host.textContent).not.toContain('Join requests');
    expect(server.calls.some(c => c.path.endsWith('/join-requests'))).toBe(
      false
    );
  });
});

describe('Settings: how people join', () => {
  const root = testRoot();

  async function settings(extra: Record<string, unknown>) {
    const { server, model } = await sidebarModel();
    const edits: any[] = [];
    server.routes['PATCH /groups/1'] = call => {
      edits.push(call.body);
      return { body: group(1, { ...extra, ...call.body, version: 2 }) };
    };
    const view = {
      group: group(1, extra),
      milestones: [],
      proposals: [],
      activity: [],
      snapshots: []
    } as unknown as IGroupView;
    await root.render(
      inSidebar(model, <Settings view={view} rhythm={null as any} />)
    );
    await settle();
    const select = [...root.host.querySelectorAll('label')]
      .filter(l => l.textContent === 'How people join')
      .map(l => document.getElementById(l.htmlFor) as HTMLSelectElement)[0];
    return { select, edits };
  }

  it('saves "By request" with the other details', async () => {
    const { select, edits } = await settings({ join_rule: 'anyone' });
    expect(select.value).toBe('anyone');
    expect(select.disabled).toBe(false);
    expect(root.host.textContent).toContain(
      'Following the group is free either way.'
    );
    await act(() => {
      select.value = 'request';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await act(() => buttonNamed(root.host, 'Save changes')!.click());
    await settle();
    expect(edits.map(e => e.join_rule)).toEqual(['request']);
  });

  it('has no choice to make for a members-only group', async () => {
    const { select } = await settings({ visibility: 'members' });
    expect(select.disabled).toBe(true);
    expect(root.host.textContent).toContain(
      'A members-only group is joined when an organiser adds the person.'
    );
  });
});
