import * as React from 'react';

import { ArchivedBanner } from '../components/ArchivedBanner';
import { Membership } from '../components/Membership';
import { Proposals } from '../components/Proposals';
import {
  actingRole,
  canBringBack,
  canEditPlan,
  canWork,
  isArchived
} from '../model/derive';
import { GroupsModel } from '../model/groups';
import { IGroup, IProposal } from '../model/types';
import { group, groupServer } from './fakeserver';
import { inSidebar, settle, sidebarModel, testRoot } from './reactroot';

const archived = (extra: Record<string, unknown> = {}) =>
  group(1, { status: 'archived', version: 4, ...extra }) as unknown as IGroup;

const proposal = {
  id: 3,
  group_id: 1,
  title: 'Week 2: models',
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
  version: 1
} as unknown as IProposal;

describe('gating in an archived group', () => {
  it('keeps my role for display but gives no write action', () => {
    for (const role of ['organizer', 'participant', 'mentor', 'follower']) {
      const g = archived({ my_role: role });
      expect(isArchived(g)).toBe(true);
      expect(g.my_role).toBe(role);
      expect(actingRole(g)).toBeNull();
      expect(canEditPlan(g)).toBe(false);
      expect(canWork(g)).toBe(false);
    }
    const open = group(1) as unknown as IGroup;
    expect(actingRole(open)).toBe('organizer');
    expect(canEditPlan(open)).toBe(true);
    expect(canWork(open)).toBe(true);
  });

  it('lets only organizers bring a group back, and only an archived one', () => {
    expect(canBringBack(archived())).toBe(true);
    expect(canBringBack(archived({ my_role: 'participant' }))).toBe(false);
    expect(canBringBack(group(1) as unknown as IGroup)).toBe(false);
  });
});

describe('the archive banner and the write buttons', () => {
  const root = testRoot();
  let server: ReturnType<typeof groupServer>;
  let model: GroupsModel;

  beforeEach(async () => {
    ({ server, model } = await sidebarModel());
  });

  afterEach(async () => {
    model.dispose();
  });

  async function show(element: React.ReactElement): Promise<void> {
    await root.render(inSidebar(model, element));
  }

  const buttons = () =>
    [...root.host.querySelectorAll('button')].map(b => b.textContent?.trim());

  it('says the group is read-only and offers organizers to bring it back', async () => {
    let sent: { body: unknown; ifMatch: string | null } | null = null;
    server.routes['PATCH /groups/1'] = call => {
      sent = { body: call.body, ifMatch: call.headers.get('If-Match') };
      return { body: group(1, { version: 5 }) };
    };
    await show(<ArchivedBanner group={archived()} />);
    expect(root.host.textContent).toContain(
      'Archived: read-only. An organizer can bring it back.'
    );
    const button = [...root.host.querySelectorAll('button')].find(
      b => b.textContent === 'Bring back from the archive'
    )!;
    await settle(() => button.click());
    expect(sent).toEqual({ body: { status: 'active' }, ifMatch: '"4"' });
    expect(model.notice).toBeNull();
  });

  it('shows the server message when bringing back fails', async () => {
    server.routes['PATCH /groups/1'] = () => ({
      status: 403,
      body: {
        error: {
          code: 'forbidden',
          message: 'As a participant, you may not archive group in this group.',
          fields: {}
        }
      }
    });
    await show(<ArchivedBanner group={archived()} />);
    const button = root.host.querySelector('button')!;
    await settle(() => button.click());
    expect(model.notice?.kind).toBe('error');
    expect(model.notice?.text).toContain('may not archive');
  });

  it('shows no button to others, and nothing for a group that is not archived', async () => {
    await show(<ArchivedBanner group={archived({ my_role: 'participant' })} />);
    expect(root.host.textContent).toContain('Archived: read-only.');
    expect(root.host.querySelector('button')).toBeNull();
    await show(<ArchivedBanner group={group(1) as unknown as IGroup} />);
    expect(root.host.textContent).toBe('');
  });

  it('hides proposing, voting stays visible but disabled, no adopt', async () => {
    await show(<Proposals group={archived()} proposals={[proposal]} />);
    expect(buttons()).not.toContain('Propose a milestone');
    expect(buttons()).not.toContain('Adopt');
    const votes = root.host.querySelectorAll<HTMLButtonElement>(
      '.jp-NerdUp-proposal button'
    );
    expect(votes.length).toBe(2);
    votes.forEach(v => expect(v.disabled).toBe(true));
    await show(
      <Proposals group={group(1) as unknown as IGroup} proposals={[proposal]} />
    );
    expect(buttons()).toContain('Propose a milestone');
    expect(buttons()).toContain('Adopt');
  });

  it('keeps "Leave group" but no join or role switch', async () => {
    await show(<Membership group={archived({ my_role: 'participant' })} />);
    expect(buttons()).toEqual(['Leave group']);
    await show(<Membership group={archived({ my_role: null })} />);
    expect(buttons()).toEqual([]);
    await show(
      <Membership
        group={group(1, { my_role: 'participant' }) as unknown as IGroup}
      />
    );
    expect(buttons()).toEqual(['Switch to follower', 'Leave group']);
  });
});
