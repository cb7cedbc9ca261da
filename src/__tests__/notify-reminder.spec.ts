import { occurrenceKey, SessionReminder, ShownStore } from '../notify';
import { IOccurrence } from '../rhythm/types';

const MINUTE = 60_000;

function occurrence(
  sessionId: number,
  start: string,
  extra: Partial<IOccurrence> = {}
): IOccurrence {
  const at = Date.parse(start);
  return {
    session_id: sessionId,
    group_id: 1,
    title: 'Co-coding',
    start: new Date(at).toISOString(),
    end: new Date(at + 90 * MINUTE).toISOString(),
    checkin_opens: new Date(at - 15 * MINUTE).toISOString(),
    checkin_open: false,
    place: '',
    link: '',
    group_title: 'Group 1',
    ...extra
  };
}

/** A reminder over `list` (changed by the test at will), for alice. */
function setup(list: IOccurrence[], username = 'alice') {
  const upcoming = jest.fn(async () => list);
  const remind = jest.fn();
  const reminder = new SessionReminder({
    upcoming,
    shown: new ShownStore(username),
    remind
  });
  return { reminder, upcoming, remind };
}

/** The time on the fake clock, as the test reads it: "18:44:59". */
const at = (hhmmss: string) => Date.parse(`2026-03-02T${hhmmss}Z`);

async function clockTo(hhmmss: string): Promise<void> {
  await jest.advanceTimersByTimeAsync(at(hhmmss) - Date.now());
}

describe('the session reminder', () => {
  beforeEach(() => {
    localStorage.clear();
    jest.useFakeTimers();
    jest.setSystemTime(at('18:00:00'));
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('reminds once, 15 minutes before the start, and not twice', async () => {
    const session = occurrence(4, '2026-03-02T19:00:00Z');
    const { reminder, remind } = setup([session]);
    reminder.enabled = true;
    await jest.advanceTimersByTimeAsync(0);
    expect(reminder.wakesAt).toBe(at('18:45:00'));
    await clockTo('18:44:59');
    expect(remind).not.toHaveBeenCalled();
    await clockTo('18:45:00');
    expect(remind).toHaveBeenCalledTimes(1);
    expect(remind).toHaveBeenCalledWith(session, 15);
    // The session is edited at 18:50 (its room changes): read again, not told again.
    await clockTo('18:50:00');
    await reminder.replan();
    expect(remind).toHaveBeenCalledTimes(1);
    await clockTo('19:30:00');
    expect(remind).toHaveBeenCalledTimes(1);
    reminder.dispose();
  });

  it('not again after a reload within the 15 minutes (remembered per user)', async () => {
    const session = occurrence(4, '2026-03-02T19:00:00Z');
    const first = setup([session]);
    first.reminder.enabled = true;
    await clockTo('18:46:00');
    expect(first.remind).toHaveBeenCalledTimes(1);
    first.reminder.dispose();

    // The lab is reloaded at 18:50: a new reminder, the same browser storage.
    await clockTo('18:50:00');
    const again = setup([session]);
    again.reminder.enabled = true;
    await jest.advanceTimersByTimeAsync(0);
    expect(again.upcoming).toHaveBeenCalled();
    expect(again.remind).not.toHaveBeenCalled();
    again.reminder.dispose();

    // Another user of this browser has not seen it: told at once, minutes left.
    const bob = setup([session], 'bob');
    bob.reminder.enabled = true;
    await jest.advanceTimersByTimeAsync(0);
    expect(bob.remind).toHaveBeenCalledWith(session, 10);
    bob.reminder.dispose();
  });

  it('never for a session that has started or is over', async () => {
    jest.setSystemTime(at('18:40:00'));
    const started = occurrence(1, '2026-03-02T18:30:00Z');
    const over = occurrence(2, '2026-03-02T16:00:00Z');
    const { reminder, remind } = setup([started, over]);
    reminder.enabled = true;
    await jest.advanceTimersByTimeAsync(3 * 60 * MINUTE);
    expect(remind).not.toHaveBeenCalled();
    reminder.dispose();
  });

  it('one reminder per occurrence of a weekly session', async () => {
    const today = occurrence(4, '2026-03-02T19:00:00Z');
    const nextWeek = occurrence(4, '2026-03-09T19:00:00Z');
    expect(occurrenceKey(today)).not.toBe(occurrenceKey(nextWeek));
    const { reminder, remind } = setup([today, nextWeek]);
    reminder.enabled = true;
    await clockTo('19:00:00');
    expect(remind).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(7 * 24 * 60 * MINUTE);
    expect(remind).toHaveBeenCalledTimes(2);
    expect(remind.mock.calls[1][0]).toBe(nextWeek);
    reminder.dispose();
  });

  it('plans again when the sessions change (a session moved earlier)', async () => {
    const list = [occurrence(4, '2026-03-02T19:00:00Z')];
    const { reminder, remind, upcoming } = setup(list);
    reminder.enabled = true;
    await clockTo('18:10:00');
    list[0] = occurrence(4, '2026-03-02T18:30:00Z');
    await reminder.replan();
    expect(upcoming).toHaveBeenCalledTimes(2);
    expect(reminder.wakesAt).toBe(at('18:15:00'));
    await clockTo('18:15:00');
    expect(remind).toHaveBeenCalledWith(list[0], 15);
    reminder.dispose();
  });

  it('reads the sessions at most once a minute, and hourly when nothing happens', async () => {
    const { reminder, upcoming } = setup([]);
    reminder.enabled = true;
    await jest.advanceTimersByTimeAsync(0);
    expect(upcoming).toHaveBeenCalledTimes(1);
    // A burst of session events: one more read, a minute after the first.
    for (let i = 0; i < 5; i++) {
      void reminder.replan();
    }
    await jest.advanceTimersByTimeAsync(59_000);
    expect(upcoming).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(upcoming).toHaveBeenCalledTimes(2);
    // Then nothing for an hour.
    await jest.advanceTimersByTimeAsync(59 * MINUTE);
    expect(upcoming).toHaveBeenCalledTimes(2);
    await jest.advanceTimersByTimeAsync(MINUTE);
    expect(upcoming).toHaveBeenCalledTimes(3);
    reminder.dispose();
  });

  it('asks and sets nothing while off; switched off, its timer goes', async () => {
    const { reminder, upcoming, remind } = setup([
      occurrence(4, '2026-03-02T18:20:00Z')
    ]);
    await jest.advanceTimersByTimeAsync(60 * MINUTE);
    expect(upcoming).not.toHaveBeenCalled();
    expect(jest.getTimerCount()).toBe(0);

    jest.setSystemTime(at('18:00:00'));
    reminder.enabled = true;
    await jest.advanceTimersByTimeAsync(0);
    expect(jest.getTimerCount()).toBe(1);
    reminder.enabled = false;
    expect(jest.getTimerCount()).toBe(0);
    await jest.advanceTimersByTimeAsync(30 * MINUTE);
    expect(remind).not.toHaveBeenCalled();
    reminder.dispose();
  });

  it('keeps the sessions it read when the server is away', async () => {
    jest.setSystemTime(at('17:30:00'));
    const session = occurrence(4, '2026-03-02T19:00:00Z');
    const { reminder, remind, upcoming } = setup([session]);
    reminder.enabled = true;
    await jest.advanceTimersByTimeAsync(0);
    upcoming.mockRejectedValue(new Error('away'));
    await clockTo('18:45:00');
    expect(upcoming).toHaveBeenCalledTimes(2); // 17:30, and the failed one at 18:30
    expect(remind).toHaveBeenCalledTimes(1);
    reminder.dispose();
  });
});
