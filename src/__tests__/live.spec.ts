import { Signal } from '@lumino/signaling';

import { GroupsClient } from '../model/client';
import { GroupsModel } from '../model/groups';
import { LiveUpdates } from '../model/live';
import { ACTIVITY_SCHEMA_ID } from '../model/types';
import { until } from './until';
import { groupServer } from './fakeserver';

describe('LiveUpdates', () => {
  function setup(visible = true) {
    const server = groupServer();
    const model = new GroupsModel({
      client: new GroupsClient(server.settings)
    });
    const stream = new Signal<unknown, { schema_id: string }>({});
    let shown = visible;
    const live = new LiveUpdates({
      model,
      stream,
      isVisible: () => shown,
      minInterval: 1000,
      maxInterval: 8000
    });
    return { server, model, stream, live, show: (v: boolean) => (shown = v) };
  }

  it('hands nerdup activity events to the model and ignores others', () => {
    const { model, stream, live } = setup();
    const spy = jest.spyOn(model, 'handleActivity').mockImplementation();
    stream.emit({ schema_id: 'https://events.jupyter.org/other/v1' });
    stream.emit({
      schema_id: ACTIVITY_SCHEMA_ID,
      group_id: 1,
      activity_id: 3,
      kind: 'task.claimed',
      actor: 'bob'
    } as any);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(spy.mock.calls[0][0]).toMatchObject({ group_id: 1 });
    live.dispose();
  });

  it('backs off while nothing changes, and resets when something does', async () => {
    const { server, model, live } = setup();
    await model.start();
    await live.check();
    expect(live.interval).toBe(2000);
    await live.check();
    await live.check();
    await live.check();
    expect(live.interval).toBe(8000);
    server.bumpActivity();
    await live.check();
    expect(live.interval).toBe(1000);
    live.dispose();
  });

  it('does not poll while the sidebar is hidden', async () => {
    const { server, model, live, show } = setup(false);
    await model.start();
    const before = server.calls.length;
    await live.check();
    expect(server.calls.length).toBe(before);
    show(true);
    live.wake();
    // Fails (naming the condition) when the woken poll never asks the server.
    await until(() => server.calls.length > before);
    live.dispose();
  });

  it('stops listening when disposed', () => {
    const { model, stream, live } = setup();
    const spy = jest.spyOn(model, 'handleActivity').mockImplementation();
    live.dispose();
    stream.emit({ schema_id: ACTIVITY_SCHEMA_ID, group_id: 1 } as any);
    expect(spy).not.toHaveBeenCalled();
    expect(live.isDisposed).toBe(true);
  });
});
