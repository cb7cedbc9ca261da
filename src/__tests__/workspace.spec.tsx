import * as React from 'react';

import { IGroupView } from '../model/types';
import { Room } from '../workspace/GroupWorkspace';
import {
  isSectionId,
  dropOrder,
  moveItem,
  rovingIndex,
  SectionId,
  visibleSections
} from '../workspace/sections';
import { askAbout } from '../rhythm/askabout';
import { type } from './dialogs';
import { act, inSidebar, roomModel, settle, testRoot } from './reactroot';

describe('the sections of a group room', () => {
  it('shows Settings to organisers only', () => {
    expect(visibleSections(true)).toContain('settings');
    expect(visibleSections(false)).not.toContain('settings');
    expect(visibleSections(false)[0]).toBe('overview');
  });

  it('knows its section ids', () => {
    expect(isSectionId('plan')).toBe(true);
    expect(isSectionId('next_session')).toBe(false);
    expect(isSectionId(3)).toBe(false);
  });

  it('moves the focus like a tablist: arrows wrap, Home and End jump', () => {
    expect(rovingIndex('ArrowDown', 0, 3)).toBe(1);
    expect(rovingIndex('ArrowDown', 2, 3)).toBe(0);
    expect(rovingIndex('ArrowUp', 0, 3)).toBe(2);
    expect(rovingIndex('ArrowRight', 1, 3)).toBe(2);
    expect(rovingIndex('Home', 2, 3)).toBe(0);
    expect(rovingIndex('End', 0, 3)).toBe(2);
    expect(rovingIndex('a', 0, 3)).toBeNull();
    expect(rovingIndex('Home', 0, 0)).toBeNull();
  });
});

describe('a group room', () => {
  const root = testRoot();

  async function room(section: SectionId = 'overview') {
    const { server, model, options } = await roomModel();
    await model.select(1);
    const view = model.view(1) as IGroupView;
    expect(view.group.id).toBe(1);
    const chosen: SectionId[] = [];
    const draw = async (s: SectionId) =>
      root.render(
        inSidebar(
          model,
          <Room
            view={view}
            section={s}
            onSection={next => {
              chosen.push(next);
            }}
            options={options}
          />
        )
      );
    await draw(section);
    await settle();
    return { model, chosen, draw, server };
  }

  it("opens the ask form anchored to the task whose 'Ask about it' was pressed", async () => {
    const { model, draw, server } = await room();
    const asked: any[] = [];
    server.routes['POST /groups/1/questions'] = call => {
      asked.push(call.body);
      return { status: 201, body: { id: 4 } };
    };
    askAbout(model).request(1, { task_id: 7 });
    await draw('questions');
    await settle();
    const panel = root.host.querySelector('[role="tabpanel"]')!;
    expect(panel.textContent).toContain('About the task “Task 7”');
    const label = [...panel.querySelectorAll('label')].find(
      l => l.textContent === 'Question'
    )!;
    await act(() =>
      type(document.getElementById(label.htmlFor), 'Which column is the key?')
    );
    await act(() =>
      (
        [...panel.querySelectorAll('button')].find(
          b => b.textContent?.trim() === 'Ask'
        ) as HTMLButtonElement
      ).click()
    );
    await settle();
    expect(asked).toEqual([{ title: 'Which column is the key?', task_id: 7 }]);
  });

  it('lists the sections as tabs, one selected and in the tab order', async () => {
    await room();
    const tabs = [
      ...root.host.querySelectorAll<HTMLButtonElement>('[role="tab"]')
    ];
    expect(tabs.map(t => t.textContent)).toEqual([
      'Overview',
      'Plan',
      'Sessions',
      'Questions',
      'Showcase',
      'Notebooks',
      'Activity',
      'People',
      'Settings'
    ]);
    const selected = tabs.filter(
      t => t.getAttribute('aria-selected') === 'true'
    );
    expect(selected.map(t => t.textContent)).toEqual(['Overview']);
    expect(tabs.filter(t => t.tabIndex === 0)).toEqual(selected);
    const panel = root.host.querySelector('[role="tabpanel"]');
    expect(panel?.getAttribute('aria-labelledby')).toBe(selected[0].id);
    // Overview: the stage and my task of this group.
    expect(panel?.textContent).toContain('Stage:');
    expect(panel?.textContent).toContain('My tasks');
  });

  it('chooses the next section with the arrow keys and the last with End', async () => {
    const { chosen } = await room();
    const first = root.host.querySelector<HTMLButtonElement>(
      '[role="tab"][aria-selected="true"]'
    ) as HTMLButtonElement;
    await act(() => {
      first.dispatchEvent(
        new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true })
      );
    });
    await act(() => {
      first.dispatchEvent(
        new KeyboardEvent('keydown', { key: 'End', bubbles: true })
      );
    });
    expect(chosen).toEqual(['plan', 'settings']);
  });

  it('shows the chosen section: the plan with its milestones', async () => {
    const { draw } = await room();
    await draw('plan');
    await settle();
    const panel = root.host.querySelector('[role="tabpanel"]');
    expect(panel?.querySelector('.jp-NerdUp-milestones')).not.toBeNull();
    const selected = root.host.querySelector(
      '[role="tab"][aria-selected="true"]'
    );
    expect(selected?.textContent).toBe('Plan');
  });
});

describe('moving a stage in the plan', () => {
  it('moves one item and keeps the others in order', () => {
    expect(moveItem([1, 2, 3], 0, 1)).toEqual([2, 1, 3]);
    expect(moveItem([1, 2, 3], 2, -1)).toEqual([1, 3, 2]);
    expect(moveItem([1, 2, 3], 0, -1)).toEqual([1, 2, 3]);
    expect(moveItem([1, 2, 3], 2, 5)).toEqual([1, 2, 3]);
  });

  it('drops a dragged stage before or after the one it lands on', () => {
    expect(dropOrder([1, 2, 3, 4], 1, 3, false)).toEqual([2, 1, 3, 4]);
    expect(dropOrder([1, 2, 3, 4], 1, 3, true)).toEqual([2, 3, 1, 4]);
    expect(dropOrder([1, 2, 3, 4], 4, 1, false)).toEqual([4, 1, 2, 3]);
    expect(dropOrder([1, 2, 3, 4], 2, 2, true)).toEqual([1, 2, 3, 4]);
    expect(dropOrder([1, 2, 3, 4], 9, 2, true)).toEqual([1, 2, 3, 4]);
  });
});
