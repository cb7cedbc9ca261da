import { ISettingRegistry, SettingRegistry } from '@jupyterlab/settingregistry';
import { nullTranslator } from '@jupyterlab/translation';
import { Signal } from '@lumino/signaling';

import { GroupsClient } from '../model/client';
import { ACTIVITY_SCHEMA_ID, IGroup } from '../model/types';
import {
  followNotifySettings,
  NO_NOTIFICATIONS,
  Notifier,
  NotifyFn,
  personName,
  readNotifySettings,
  restRecords,
  SETTING_NAMES
} from '../notify';
import { forgetPeople } from '../people';
import { RhythmClient } from '../rhythm/client';
import { fakeServer, group } from './fakeserver';
import { until } from './until';

const schema = require('../../schema/plugin.json');
const PLUGIN_ID = 'nerdup-lab:plugin';

/** A settings registry over the real schema, the user's settings kept in memory. */
async function loadSettings(): Promise<ISettingRegistry.ISettings> {
  let raw = '{}';
  const connector = {
    fetch: async (id: string) => ({ id, raw, schema, version: '1' }),
    list: async () => ({ ids: [PLUGIN_ID], values: [] }),
    save: async (_id: string, value: string) => {
      raw = value;
    },
    remove: async () => undefined
  };
  const registry = new SettingRegistry({ connector: connector as any });
  return registry.load(PLUGIN_ID);
}

const MINUTE = 60_000;

function occurrence(sessionId: number, groupId: number, start: number) {
  return {
    session_id: sessionId,
    group_id: groupId,
    title: 'Co-coding',
    start: new Date(start).toISOString(),
    end: new Date(start + 90 * MINUTE).toISOString(),
    checkin_opens: new Date(start - 15 * MINUTE).toISOString(),
    checkin_open: true,
    place: '',
    link: '',
    group_title: `Group ${groupId}`
  };
}

/** Alice, participant of group 1; bob proposes there; a session starts in 10 minutes. */
function setup() {
  const soon = Date.now() + 10 * MINUTE + 30_000;
  const server = fakeServer({
    'GET /proposals/5': () => ({
      body: {
        id: 5,
        group_id: 1,
        title: 'Learn SQL next',
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
      }
    }),
    'GET /groups/1': () => ({
      body: { ...group(1), people: { bob: { display_name: 'Bob Stone' } } }
    }),
    // Community sessions: of open groups too (group 2 is not mine).
    'GET /community/sessions': () => ({
      body: { sessions: [occurrence(8, 2, soon), occurrence(4, 1, soon)] }
    })
  });
  const client = new GroupsClient(server.settings);
  const rhythm = new RhythmClient(server.settings);
  const groups = {
    username: 'alice',
    myGroups: [group(1, { my_role: 'participant' }) as unknown as IGroup],
    currentChanged: new Signal<unknown, unknown>({})
  };
  const stream = new Signal<unknown, { schema_id: string }>({});
  const notify = jest.fn<ReturnType<NotifyFn>, Parameters<NotifyFn>>(
    () => 'id'
  );
  const open = jest.fn();
  const make = () =>
    new Notifier({
      groups,
      stream,
      records: restRecords(client, rhythm),
      upcoming: () => rhythm.community(1),
      trans: nullTranslator.load('nerdup_lab'),
      name: (username, groupId) => personName(client, username, groupId),
      notify,
      open
    });
  const proposed = (activityId: number) =>
    stream.emit({
      schema_id: ACTIVITY_SCHEMA_ID,
      group_id: 1,
      activity_id: activityId,
      kind: 'proposal.created',
      actor: 'bob',
      subject: { proposal_id: 5 }
    } as { schema_id: string });
  return { server, notify, open, make, proposed };
}

/** Let the event's fetches run (real timers): a few turns of the fake server. */
async function settle(server: { calls: unknown[] }): Promise<void> {
  let seen = -1;
  while (seen !== server.calls.length) {
    seen = server.calls.length;
    await new Promise(resolve => setTimeout(resolve, 20));
  }
}

describe('notification settings', () => {
  beforeEach(() => {
    localStorage.clear();
    forgetPeople();
  });

  it('are four booleans of the schema, off until switched on (opt-in)', async () => {
    for (const name of Object.values(SETTING_NAMES)) {
      expect(schema.properties[name]).toMatchObject({
        type: 'boolean',
        default: false
      });
      expect(schema.properties[name].title).toMatch(/^Tell me when /);
    }
    const settings = await loadSettings();
    expect(readNotifySettings(settings)).toEqual(NO_NOTIFICATIONS);
  });

  it('are followed live: switched on, then off, without a reload', async () => {
    const settings = await loadSettings();
    const { server, notify, open, make, proposed } = setup();
    const notifier = make();
    const stop = followNotifySettings(settings, value => {
      notifier.settings = value;
    });

    proposed(101);
    await settle(server);
    expect(notify).not.toHaveBeenCalled();
    expect(server.calls).toHaveLength(0); // off: the server is not even asked

    await settings.set('notifyProposalToVote', true);
    expect(notifier.settings.proposalToVote).toBe(true);
    expect(notifier.settings.sessionSoon).toBe(false);
    proposed(102);
    await until(() => notify.mock.calls.length === 1);
    const [message, options] = notify.mock.calls[0];
    expect(message).toBe(
      'Bob Stone proposed “Learn SQL next” in Group 1: your vote counts.'
    );
    expect(options.actions?.[0].label).toBe('Vote');
    options.actions?.[0].callback(new MouseEvent('click'));
    expect(open).toHaveBeenCalledWith(
      1,
      'plan',
      expect.objectContaining({ kind: 'proposalToVote', recordId: 5 })
    );

    await settings.set('notifyProposalToVote', false);
    proposed(103);
    await settle(server);
    expect(notify).toHaveBeenCalledTimes(1);

    stop();
    notifier.dispose();
  });

  it('tell of one activity once, in two tabs of the same lab', async () => {
    const { server, notify, make, proposed } = setup();
    const on = { ...NO_NOTIFICATIONS, proposalToVote: true };
    const tabs = [make(), make()];
    tabs.forEach(tab => (tab.settings = on));
    proposed(104);
    proposed(104);
    await until(() => notify.mock.calls.length > 0);
    await settle(server);
    expect(notify).toHaveBeenCalledTimes(1);
    tabs.forEach(tab => tab.dispose());
  });

  it('the session reminder follows its setting, for my groups only', async () => {
    const settings = await loadSettings();
    const { server, notify, open, make } = setup();
    const notifier = make();
    followNotifySettings(settings, value => {
      notifier.settings = value;
    });
    await settle(server);
    expect(server.calls).toHaveLength(0);
    expect(notifier.reminder.wakesAt).toBeNull();

    await settings.set('notifySessionSoon', true);
    await until(() => notify.mock.calls.length > 0);
    await settle(server);
    expect(server.calls.map(c => [c.path, c.query.get('days')])).toEqual([
      ['/community/sessions', '1']
    ]);
    expect(notify).toHaveBeenCalledTimes(1); // not group 2's session
    const [message, options] = notify.mock.calls[0];
    expect(message).toMatch(
      /^The session “Co-coding” of Group 1 starts in 1[01] minutes\.$/
    );
    expect(options.autoClose).toBe(false);
    expect(options.actions?.[0].label).toBe('Open group');
    options.actions?.[0].callback(new MouseEvent('click'));
    expect(open).toHaveBeenCalledWith(1, 'sessions', null);

    await settings.set('notifySessionSoon', false);
    expect(notifier.reminder.wakesAt).toBeNull();
    notifier.dispose();
  });
});
