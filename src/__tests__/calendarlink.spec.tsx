import * as React from 'react';

import { Clipboard } from '@jupyterlab/apputils';

import { GroupsModel } from '../model/groups';
import { IGroupView } from '../model/types';
import { feedAddress } from '../rhythm/CalendarLink';
import { fromNow, inSessionZone, Sessions } from '../rhythm/Sessions';
import { useRhythm } from '../rhythm/useRhythm';
import { closeDialogs, dialog, dialogButton, until } from './dialogs';
import { group, groupServer, quietRhythm } from './fakeserver';
import { act, inSidebar, settle, sidebarModel, testRoot } from './reactroot';

const PATH = '/services/nerdup/nerdup/api/v1/calendar/feeds/s3cret.ics';

describe('the address of a calendar feed', () => {
  it("joins the server's path to the address the browser sees, one group on request", () => {
    expect(feedAddress(PATH, {}, 'https://hub.example.org')).toBe(
      `https://hub.example.org${PATH}`
    );
    expect(feedAddress(PATH, { groupId: 7 }, 'https://hub.example.org')).toBe(
      `https://hub.example.org${PATH}?group=7`
    );
    expect(
      feedAddress(PATH, { community: true }, 'https://hub.example.org')
    ).toBe(`https://hub.example.org${PATH}?community=1`);
    // One group wins over the community's evenings.
    expect(
      feedAddress(
        PATH,
        { groupId: 7, community: true },
        'https://hub.example.org'
      )
    ).toBe(`https://hub.example.org${PATH}?group=7`);
  });

  it("tells a session's own clock only when it is not the viewer's", () => {
    const start = '2026-07-02T16:00:00Z'; // 19:00 in Sofia, 18:00 in Berlin (summer)
    expect(inSessionZone(start, 'Europe/Sofia', 'Europe/Berlin')).toMatch(
      /^ · (19:00|07:00 PM) in Europe\/Sofia$/
    );
    expect(inSessionZone(start, 'Europe/Berlin', 'Europe/Berlin')).toBe('');
    expect(inSessionZone(start, 'Europe/Paris', 'Europe/Berlin')).toBe('');
    expect(inSessionZone(start, 'Not/AZone', 'Europe/Berlin')).toBe('');
  });
});

describe('when a session comes', () => {
  it('rounds the largest unit that fits, never three days up to a year', () => {
    const now = Date.parse('2026-12-04T12:00:00Z');
    expect(fromNow('2026-12-07T13:21:00Z', now)).toBe('in 3 days');
    expect(fromNow('2026-12-04T14:20:00Z', now)).toBe('in 2 hours');
    expect(fromNow('2026-12-25T12:00:00Z', now)).toBe('in 3 weeks');
    expect(fromNow('2026-12-04T11:55:00Z', now)).toBe('5 minutes ago');
    expect(fromNow('2026-12-04T12:00:20Z', now)).toBe('this minute');
    // Three days less the moment it took to render still reads three days.
    expect(fromNow('2026-12-07T11:59:00Z', now)).toBe('in 3 days');
  });
});

describe('Subscribe in my calendar', () => {
  const root = testRoot();
  let server: ReturnType<typeof groupServer>;
  let model: GroupsModel;
  let copied: string[];

  beforeEach(async () => {
    ({ server, model } = await sidebarModel());
    server.routes['GET /groups/1/sessions'] = () => ({
      body: { sessions: [] }
    });
    server.routes['GET /groups/1/questions'] = () => ({
      body: { questions: [] }
    });
    quietRhythm(server);
    copied = [];
    jest
      .spyOn(Clipboard, 'copyToSystem')
      .mockImplementation(text => void copied.push(String(text)));
  });

  afterEach(() => {
    closeDialogs();
    jest.restoreAllMocks();
  });

  function Harness(props: { view: IGroupView }): JSX.Element {
    const rhythm = useRhythm(1);
    return <Sessions view={props.view} rhythm={rhythm} />;
  }

  async function show(): Promise<void> {
    const view = { group: group(1) } as unknown as IGroupView;
    await root.render(inSidebar(model, <Harness view={view} />));
    await settle();
  }

  const buttonNamed = (text: string) =>
    [...root.host.querySelectorAll('button')].find(
      b => b.textContent?.trim() === text
    );
  const sent = (method: string) =>
    server.calls.filter(c => c.method === method && c.path === '/me/calendar');
  const newLink = () => {
    server.routes['POST /me/calendar'] = () => ({
      status: 201,
      body: {
        active: true,
        created_at: '2026-12-04T10:00:00+00:00',
        token: 's3cret',
        url: `http://10.0.0.5:8000${PATH}`,
        path: PATH
      }
    });
  };

  it('makes a secret address once, under the browser’s own host, and copies it', async () => {
    newLink();
    await show();
    await act(() => buttonNamed('Subscribe in my calendar')!.click());
    await settle();
    expect(sent('POST')).toHaveLength(1);
    const input = root.host.querySelector<HTMLInputElement>(
      '.jp-NerdUp-calendarAddress input'
    )!;
    expect(input.value).toBe(`${window.location.origin}${PATH}`);
    expect(input.value).not.toContain('10.0.0.5');
    expect(buttonNamed('Subscribe in my calendar')).toBeUndefined();

    const [only, everyone] = [
      ...root.host.querySelectorAll<HTMLInputElement>(
        '.jp-NerdUp-calendarOnly input'
      )
    ];
    // The community's evenings too, then this group only (which turns that off).
    await act(() => everyone.click());
    expect(input.value).toBe(`${window.location.origin}${PATH}?community=1`);
    await act(() => only.click());
    expect(input.value).toBe(`${window.location.origin}${PATH}?group=1`);
    expect(everyone.disabled).toBe(true);
    await act(() => buttonNamed('Copy the address')!.click());
    expect(copied).toEqual([`${window.location.origin}${PATH}?group=1`]);
    expect(buttonNamed('Copied')).toBeDefined();
  });

  it('stops a live link only after asking, and a cancel sends nothing', async () => {
    server.routes['GET /me/calendar'] = () => ({
      body: { active: true, created_at: '2026-12-01T10:00:00+00:00' }
    });
    server.routes['DELETE /me/calendar'] = () => ({ status: 204 });
    await show();
    expect(root.host.textContent).toContain('Your calendar link is on');
    // The address itself is never shown again: the server keeps only its hash.
    expect(root.host.querySelector('.jp-NerdUp-calendarAddress')).toBeNull();

    await act(() => buttonNamed('Stop the link')!.click());
    // The title is a React header the dialog renders a frame after its body.
    await until(() =>
      dialog()?.textContent?.includes('Stop your calendar link?')
    );
    await act(() => dialogButton('Cancel')!.click());
    await until(() => !dialog());
    expect(sent('DELETE')).toHaveLength(0);

    await act(() => buttonNamed('Stop the link')!.click());
    await until(() => dialog());
    await act(() => dialogButton('Stop the link')!.click());
    await until(() => buttonNamed('Subscribe in my calendar'));
    expect(sent('DELETE')).toHaveLength(1);
    expect(root.host.textContent).not.toContain('Your calendar link is on');
  });

  it('makes a new link after saying the old one stops', async () => {
    server.routes['GET /me/calendar'] = () => ({
      body: { active: true, created_at: '2026-12-01T10:00:00+00:00' }
    });
    newLink();
    await show();
    await act(() => buttonNamed('Make a new link')!.click());
    await until(() => dialog());
    expect(dialog()!.textContent).toContain('stop getting your sessions');
    await act(() => dialogButton('Make a new link')!.click());
    await until(() => root.host.querySelector('.jp-NerdUp-calendarAddress'));
    expect(sent('POST')).toHaveLength(1);
  });
});
