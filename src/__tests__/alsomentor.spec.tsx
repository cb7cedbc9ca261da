import * as React from 'react';

import { IGroupView } from '../model/types';
import { Settings } from '../workspace/sections/Settings';
import { group } from './fakeserver';
import { act, inSidebar, settle, sidebarModel, testRoot } from './reactroot';

/** Settings' member rows: an organizer may mentor the group too (#16). */
describe('an organizer who mentors too', () => {
  const root = testRoot();

  it('is ticked beside an organizer, sent as also_mentor, and not offered to others', async () => {
    const { server, model } = await sidebarModel();
    const sent: any[] = [];
    server.routes['PATCH /groups/1/members/alice'] = call => {
      sent.push([call.body, call.headers.get('If-Match')]);
      return {
        body: { username: 'alice', role: 'organizer', also_mentor: true }
      };
    };
    const view = {
      group: group(1, {
        members: [
          { username: 'alice', role: 'organizer', version: 4 },
          { username: 'bob', role: 'participant', version: 1 }
        ]
      }),
      milestones: [],
      proposals: [],
      activity: [],
      snapshots: []
    } as unknown as IGroupView;
    await root.render(
      inSidebar(model, <Settings view={view} rhythm={null as any} />)
    );
    await settle();
    const boxes = [
      ...root.host.querySelectorAll<HTMLInputElement>(
        '.jp-NerdUp-alsoMentor input'
      )
    ];
    expect(boxes.map(b => b.getAttribute('aria-label'))).toEqual([
      'alice mentors the group too'
    ]);
    expect(boxes[0].checked).toBe(false);
    await act(() => boxes[0].click());
    await settle();
    expect(sent).toEqual([[{ also_mentor: true }, '"4"']]);
  });
});
