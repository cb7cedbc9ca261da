import * as React from 'react';

import { nullTranslator } from '@jupyterlab/translation';

import { GroupsModel } from '../model/groups';
import { IGroupView } from '../model/types';
import {
  browserTimeZone,
  cancelQuestion,
  localDateTime,
  sessionInput
} from '../rhythm/SessionEditing';
import { Sessions } from '../rhythm/Sessions';
import { IStudySession } from '../rhythm/types';
import { useRhythm } from '../rhythm/useRhythm';
import {
  closeDialogs,
  dialog,
  dialogButton,
  field,
  type,
  until
} from './dialogs';
import { group, groupServer, quietRhythm, stale } from './fakeserver';
import { act, inSidebar, settle, sidebarModel, testRoot } from './reactroot';

const trans = nullTranslator.load('nerdup_lab');
const START = '2030-03-05T17:00:00+00:00';

function studySession(
  id: number,
  extra: Partial<IStudySession> = {}
): IStudySession {
  const s = {
    id,
    group_id: 1,
    title: 'Pandas night',
    starts_at: START,
    timezone: 'Europe/Berlin',
    duration_minutes: 120,
    place: 'Library room 2',
    link: '',
    recurrence: 'none' as const,
    repeat_until: null,
    version: 2,
    ...extra
  };
  const next = {
    session_id: id,
    group_id: 1,
    title: s.title,
    start: s.starts_at,
    end: s.starts_at,
    checkin_opens: s.starts_at,
    checkin_open: false,
    place: s.place,
    link: s.link
  };
  return { ...s, next, upcoming: [next] };
}

describe('session form values', () => {
  it('prefills the start in the local time zone and sends it back as ISO', () => {
    const local = localDateTime(START);
    expect(local).toMatch(/^2030-03-0\d \d\d:00$/);
    expect(new Date(sessionInput({ starts_at: local }).starts_at!)).toEqual(
      new Date(START)
    );
    expect(sessionInput({ starts_at: 'next tuesday' }).starts_at).toBe(
      'next tuesday'
    );
    expect(sessionInput({ place: 'Café', weekly: false })).toEqual({
      place: 'Café',
      recurrence: 'none'
    });
  });

  it("sends the browser's IANA time zone with a start, so weekly sessions keep its clock", () => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(browserTimeZone()).toBe(zone || 'UTC');
    expect(sessionInput({ starts_at: '2030-03-05 19:00' }).timezone).toBe(
      browserTimeZone()
    );
    // A change that leaves the start alone does not move the session's zone.
    expect(sessionInput({ title: 'x' }).timezone).toBeUndefined();
  });

  it('asks before cancelling, naming the session and its date; weekly ones say every week', () => {
    const once = cancelQuestion(trans, studySession(3), 'Tue 5 Mar, 18:00');
    expect(once.title).toBe(
      'Cancel session “Pandas night” on Tue 5 Mar, 18:00?'
    );
    const weekly = cancelQuestion(
      trans,
      studySession(3, { recurrence: 'weekly', title: '' }),
      'Tue 5 Mar, 18:00'
    );
    expect(weekly.title).toBe(
      'Cancel session “Co-coding session” on Tue 5 Mar, 18:00?'
    );
    expect(weekly.body).toContain('every week of it is cancelled');
  });
});

describe('editing and cancelling a session from the sidebar', () => {
  const root = testRoot();
  let server: ReturnType<typeof groupServer>;
  let model: GroupsModel;
  let sessions: IStudySession[];

  beforeEach(async () => {
    ({ server, model } = await sidebarModel());
    sessions = [studySession(3)];
    server.routes['GET /groups/1/sessions'] = () => ({ body: { sessions } });
    server.routes['GET /groups/1/questions'] = () => ({
      body: { questions: [] }
    });
    quietRhythm(server);
  });

  afterEach(() => {
    closeDialogs();
  });

  function Harness(props: { view: IGroupView }): JSX.Element {
    const rhythm = useRhythm(1);
    return <Sessions view={props.view} rhythm={rhythm} />;
  }

  async function show(extra: Record<string, unknown> = {}): Promise<void> {
    const view = { group: group(1, extra) } as unknown as IGroupView;
    await root.render(inSidebar(model, <Harness view={view} />));
    await settle();
  }

  const button = (label: string) =>
    root.host.querySelector<HTMLButtonElement>(`[aria-label="${label}"]`);
  const sent = (method: string) =>
    server.calls.filter(c => c.method === method && c.path === '/sessions/3');

  it('offers Edit and Cancel, with names, to organizers of a group that is not archived', async () => {
    await show();
    expect(button('Edit session Pandas night')?.tagName).toBe('BUTTON');
    expect(button('Cancel session Pandas night')?.tagName).toBe('BUTTON');
    for (const extra of [{ my_role: 'participant' }, { status: 'archived' }]) {
      await root.remount();
      await show(extra);
      expect(root.host.textContent).toContain('Pandas night');
      expect(button('Edit session Pandas night')).toBeNull();
      expect(button('Cancel session Pandas night')).toBeNull();
    }
  });

  it('edits the place and title in a prefilled dialog, sending only the changes', async () => {
    server.routes['PATCH /sessions/3'] = call => {
      sessions = [studySession(3, { ...call.body, version: 3 })];
      return { body: sessions[0] };
    };
    await show();
    await act(() => button('Edit session Pandas night')!.click());
    await until(() => dialog()?.querySelector('form'));
    // The title is a React header the dialog renders a frame after its body.
    await until(() =>
      dialog()?.textContent?.includes('Edit session “Pandas night”')
    );
    expect(field('Title').value).toBe('Pandas night');
    expect(field('Place').value).toBe('Library room 2');
    expect(field('Starts (date and time)').value).toBe(localDateTime(START));
    expect(field('Every week').checked).toBe(false);

    await act(() => type(field('Place'), 'Café Central'));
    await act(() => type(field('Title'), 'Plotting night'));
    await act(() => dialogButton('Save')!.click());
    await until(() => !dialog());
    expect(sent('PATCH')).toHaveLength(1);
    expect(sent('PATCH')[0].headers.get('If-Match')).toBe('"2"');
    expect(sent('PATCH')[0].body).toEqual({
      title: 'Plotting night',
      place: 'Café Central'
    });
    await settle();
    expect(root.host.textContent).toContain('Plotting night');
    expect(root.host.textContent).toContain('Café Central');
  });

  it('keeps the typed text and shows their version when the edit was stale', async () => {
    server.routes['PATCH /sessions/3'] = call => {
      if (call.headers.get('If-Match') !== '"5"') {
        return stale(
          studySession(3, { version: 5, place: 'Room 4' }),
          'Someone changed this.'
        );
      }
      sessions = [
        studySession(3, { ...call.body, place: 'Room 4', version: 6 })
      ];
      return { body: sessions[0] };
    };
    await show();
    await act(() => button('Edit session Pandas night')!.click());
    await until(() => dialog()?.querySelector('form'));
    await act(() => type(field('Title'), 'Plotting night'));
    await act(() => dialogButton('Save')!.click());

    const conflict = await until(() =>
      dialog()?.querySelector('.jp-NerdUp-conflict')
    );
    expect(conflict.getAttribute('role')).toBe('alert');
    expect(conflict.textContent).toContain(
      'Someone else changed this session while you were editing it.'
    );
    expect(conflict.textContent).toContain('Room 4');
    expect(field('Title').value).toBe('Plotting night');
    expect(field('Place').value).toBe('Room 4');

    await act(() => dialogButton('Save')!.click());
    await until(() => !dialog());
    expect(sent('PATCH').map(c => c.headers.get('If-Match'))).toEqual([
      '"2"',
      '"5"'
    ]);
    expect(sent('PATCH')[1].body).toEqual({ title: 'Plotting night' });
  });

  it('shows a field error in the dialog and keeps it open', async () => {
    server.routes['PATCH /sessions/3'] = () => ({
      status: 400,
      body: {
        error: {
          code: 'invalid',
          message: 'Not valid.',
          fields: { starts_at: 'Give a date and time, e.g. 2030-03-05 18:00.' }
        }
      }
    });
    await show();
    await act(() => button('Edit session Pandas night')!.click());
    await until(() => dialog()?.querySelector('form'));
    await act(() => type(field('Starts (date and time)'), 'soon'));
    await act(() => dialogButton('Save')!.click());
    await until(() => dialog()?.querySelector('.jp-NerdUp-fieldError'));
    expect(dialog()!.textContent).toContain('Give a date and time');
    expect(field('Starts (date and time)').value).toBe('soon');
    expect(sent('PATCH')[0].body).toEqual({
      starts_at: 'soon',
      timezone: browserTimeZone()
    });
    await act(() => dialogButton('Cancel')!.click());
    await until(() => !dialog());
  });

  it('cancels a session only after confirming, with its version', async () => {
    server.routes['DELETE /sessions/3'] = () => {
      sessions = [];
      return { status: 204 };
    };
    await show();
    await act(() => button('Cancel session Pandas night')!.click());
    // The dialog's title renders a moment after its frame: wait for the words.
    await until(() =>
      dialog()?.textContent?.includes('Cancel session “Pandas night” on')
    );
    // Keeping it sends nothing.
    await act(() => dialogButton('Keep session')!.click());
    await until(() => !dialog());
    expect(sent('DELETE')).toHaveLength(0);

    await act(() => button('Cancel session Pandas night')!.click());
    await until(() => dialogButton('Cancel session'));
    const warn = dialogButton('Cancel session')!;
    expect(warn.className).toContain('jp-mod-warn');
    await act(() => warn.click());
    await until(() => !dialog());
    await settle();
    expect(sent('DELETE')).toHaveLength(1);
    expect(sent('DELETE')[0].headers.get('If-Match')).toBe('"2"');
    expect(root.host.textContent).not.toContain('Pandas night');
    expect(root.host.textContent).toContain('No session scheduled.');
  });
});
