import * as React from 'react';

import { nullTranslator } from '@jupyterlab/translation';

import { ActivityFeed } from '../components/ActivityFeed';
import { ISidebarContext, SidebarContext } from '../components/context';
import { displayName, forgetPeople, rememberPeople } from '../people';
import { sidebarModel, testRoot } from './reactroot';

describe('people by their display name (#15)', () => {
  afterEach(() => forgetPeople());

  it('names a person from the answer, then from what was seen, then as themselves', () => {
    expect(displayName('bob')).toBe('bob');
    expect(displayName(null)).toBe('');
    expect(displayName('bob', { bob: { display_name: 'Bob Marley' } })).toBe(
      'Bob Marley'
    );
    rememberPeople({
      bob: { display_name: 'Bob M.' },
      eve: { display_name: ' ' }
    });
    expect(displayName('bob')).toBe('Bob M.');
    expect(displayName('eve')).toBe('eve'); // a blank name is not a name
    rememberPeople(null);
    rememberPeople(['bob']);
    rememberPeople({ bob: 3 });
    expect(displayName('bob')).toBe('Bob M.');
  });

  const root = testRoot();

  it('the activity feed shows display names, not usernames', async () => {
    const { model } = await sidebarModel();
    const value: ISidebarContext = {
      model,
      trans: nullTranslator.load('nerdup_lab'),
      rendermime: null,
      openNotebookPath: () => null,
      openPath: () => undefined,
      openSnapshot: () => undefined
    };
    const actor = '0123456789abcdef0123456789abcdef';
    rememberPeople({ [actor]: { display_name: 'Praxidike Ahn' } });
    await root.render(
      <SidebarContext.Provider value={value}>
        <ActivityFeed
          items={[
            {
              id: 1,
              group_id: 1,
              actor,
              kind: 'task.claimed',
              summary: 'took on “Plot”',
              subject: { task_id: 3 },
              created_at: '2026-11-30T18:00:00+00:00'
            }
          ]}
        />
      </SidebarContext.Provider>
    );
    const text = root.host.textContent ?? '';
    expect(text).toContain('Praxidike Ahn');
    expect(text).not.toContain(actor);
  });
});
