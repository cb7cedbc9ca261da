import { expect, test } from '@jupyterlab/galata';
import { Page } from '@playwright/test';

import {
  api,
  compareThemes,
  consoleErrors,
  openSidebar,
  shootThemes
} from './helpers';

/** A group with two stages, the first with a task I claimed. */
async function makeGroup(page: Page, title: string): Promise<number> {
  const group = await api(page, 'POST', '/groups', {
    title,
    description: 'We read the reviews together.',
    deadline: '2030-06-30'
  });
  const first = await api(page, 'POST', `/groups/${group.id}/milestones`, {
    title: 'Explore the reviews',
    status: 'active'
  });
  await api(page, 'POST', `/groups/${group.id}/milestones`, {
    title: 'A first model'
  });
  const task = await api(page, 'POST', `/milestones/${first.id}/tasks`, {
    title: 'Plot review lengths'
  });
  await api(page, 'POST', `/tasks/${task.id}/claim`);
  // One name for every test's group (their snapshots are their own): the screens
  // compared with baselines show it.
  const path = 'reviews.ipynb';
  await api(page, 'PUT', `/api/contents/${path}`, {
    type: 'notebook',
    format: 'json',
    content: {
      nbformat: 4,
      nbformat_minor: 5,
      // As a notebook made in JupyterLab: with no kernelspec, its restored copy opens
      // with JupyterLab's "Select Kernel" dialog over the page (a red fresh-clone run).
      metadata: {
        kernelspec: {
          name: 'python3',
          display_name: 'Python 3 (ipykernel)',
          language: 'python'
        }
      },
      cells: [
        {
          cell_type: 'markdown',
          id: 'intro',
          metadata: {},
          source: '# Review lengths'
        }
      ]
    }
  });
  await api(page, 'POST', `/groups/${group.id}/snapshots`, {
    path,
    message: 'first look'
  });
  return group.id;
}

test('a group opens as a room of its own, its sections reached by keyboard', async ({
  page
}) => {
  test.setTimeout(150_000);
  const errors = consoleErrors(page);
  await page.setViewportSize({ width: 1440, height: 900 });
  const title = `Reading room ${Date.now() % 100000}`;
  const groupId = await makeGroup(page, title);
  await page.reload();
  await openSidebar(page);
  const sidebar = page.locator('#nerdup-sidebar');
  await sidebar
    .getByRole('button', { name: `Open ${title} in the main area` })
    .click();

  const room = page.locator(`#nerdup-group-${groupId}`);
  await expect(room).toBeVisible();
  await expect(
    page.getByRole('tab', { name: title, exact: true })
  ).toBeVisible(); // the main-area tab, named after the group
  const tabs = room.getByRole('tablist', { name: `Sections of ${title}` });
  const panel = room.getByRole('tabpanel');
  await expect(tabs.getByRole('tab', { selected: true })).toHaveText(
    'Overview'
  );
  await expect(panel).toContainText('Stage: Explore the reviews');
  await expect(panel).toContainText('Plot review lengths'); // my task
  await shootThemes(page, 'workspace-overview', room);
  // Compared with its baseline: what moves with the clock (the days left, "2 minutes ago")
  // is masked.
  await page.mouse.move(0, 0);
  await compareThemes(page, 'workspace-overview-panel', panel, [
    panel.locator('time, .jp-NerdUp-countdown')
  ]);

  // Keyboard: arrows move between sections, End jumps to the last (Settings here).
  await tabs.getByRole('tab', { name: 'Overview' }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(tabs.getByRole('tab', { selected: true })).toHaveText('Plan');
  await expect(tabs.getByRole('tab', { name: 'Plan' })).toBeFocused();
  await expect(panel).toContainText('A first model');
  await shootThemes(page, 'workspace-plan', room);
  await page.keyboard.press('End');
  await expect(tabs.getByRole('tab', { selected: true })).toHaveText(
    'Settings'
  );
  await page.keyboard.press('Home');
  await expect(tabs.getByRole('tab', { selected: true })).toHaveText(
    'Overview'
  );
  for (const name of [
    'Sessions',
    'Questions',
    'Showcase',
    'Notebooks',
    'Activity',
    'People'
  ]) {
    await tabs.getByRole('tab', { name }).click();
    await expect(panel).not.toBeEmpty();
  }
  await expect(panel).toContainText('1 member');

  // The command opens the same room (one per group) at a section.
  const saved = page.waitForRequest(
    r => r.url().includes('/api/workspaces') && r.method() === 'PUT'
  );
  await page.evaluate(async id => {
    await (window as any).jupyterapp.commands.execute('nerdup:open-group', {
      groupId: id,
      section: 'plan'
    });
  }, groupId);
  await expect(page.locator('.jp-NerdUp-workspace')).toHaveCount(1);
  await expect(tabs.getByRole('tab', { selected: true })).toHaveText('Plan');

  // The room comes back with the layout, at its section.
  await saved; // the layout is saved with the room at Plan
  await page.reload({ waitForIsReady: false });
  await expect(room).toBeVisible();
  await expect(
    room.getByRole('tab', { selected: true, name: 'Plan' })
  ).toBeVisible();
  await expect(room.getByRole('tabpanel')).toContainText('A first model');

  // The status bar item opens the current group's room again.
  await room.locator('.jp-NerdUp-roomTitle').click(); // in front, then closed
  await page.evaluate(async () => {
    await (window as any).jupyterapp.commands.execute('application:close');
  });
  await expect(room).toHaveCount(0);
  await page.locator('.jp-NerdUp-statusButton').click();
  await expect(room).toBeVisible();

  // A teammate's snapshot from the catch-up: read-only first, then a copy of it.
  const latest = room.getByRole('list', { name: 'Latest snapshots' });
  await latest.getByRole('button', { name: 'reviews.ipynb' }).click();
  const viewer = page.locator('.jp-NerdUp-viewer:visible');
  await expect(viewer.locator('h1')).toHaveText(/Review lengths/);
  await page.getByRole('tab', { name: title, exact: true }).click();
  await latest
    .getByRole('button', { name: 'Open a copy in my workspace' })
    .click();
  const confirm = page.locator('.jp-Dialog');
  await confirm.getByRole('button', { name: 'Restore as new file' }).click();
  await expect(
    page
      .locator('.lm-DockPanel-tabBar .lm-TabBar-tab')
      .filter({ hasText: /reviews.*snapshot/ })
  ).toBeVisible();

  // A question about my task, asked from the task itself.
  await page.getByRole('tab', { name: title, exact: true }).click();
  await room.getByRole('tab', { name: 'Overview' }).click();
  await room
    .locator('.jp-NerdUp-task', { hasText: 'Plot review lengths' })
    .getByRole('button', { name: 'Ask about it' })
    .click();
  await expect(room.getByRole('tab', { selected: true })).toHaveText(
    'Questions'
  );
  const ask = room.getByRole('form', {
    name: 'Ask the group about “Plot review lengths”'
  });
  await ask.getByLabel('Question', { exact: true }).fill('Which bins?');
  await ask.getByRole('button', { name: 'Ask', exact: true }).click();
  const asked = room.locator('.jp-NerdUp-question', { hasText: 'Which bins?' });
  await expect(asked.locator('.jp-NerdUp-questionAnchor')).toHaveText(
    'About the task “Plot review lengths”'
  );

  expect(errors).toEqual([]);
});

test('an organiser runs the group from Settings; a late joiner reads the summary', async ({
  page
}) => {
  test.setTimeout(150_000);
  const errors = consoleErrors(page);
  await page.setViewportSize({ width: 1440, height: 900 });
  const title = 'Settings walk';
  const groupId = await makeGroup(page, title);
  await page.evaluate(async id => {
    await (window as any).jupyterapp.commands.execute('nerdup:open-group', {
      groupId: id,
      section: 'settings'
    });
  }, groupId);
  const room = page.locator(`#nerdup-group-${groupId}`);
  const panel = room.getByRole('tabpanel');
  await expect(room.getByRole('tab', { selected: true })).toHaveText(
    'Settings'
  );

  // Deadline and adoption rule.
  const details = panel.getByRole('form', { name: 'The group' });
  await details.getByLabel('Deadline').fill('2031-01-15');
  await details
    .getByLabel('How proposals are adopted')
    .selectOption({ label: 'A majority of participants decides' });
  await details.getByRole('button', { name: 'Save changes' }).click();
  await expect(details.getByRole('status')).toHaveText('Saved.');
  let group = await api(page, 'GET', `/groups/${groupId}`);
  expect(group.deadline).toBe('2031-01-15');
  expect(group.adoption_rule).toBe('majority');

  // Add a person by name, then make them a co-organiser.
  const add = panel.getByRole('form', { name: 'Add a person' });
  await add.getByLabel('Add a person by user name').fill('bob');
  await add.getByRole('button', { name: 'Add' }).click();
  const bobRole = panel.getByLabel('Role of bob');
  await expect(bobRole).toHaveValue('participant');
  await bobRole.selectOption({ label: 'organizer' });
  await expect(bobRole).toHaveValue('organizer');
  group = await api(page, 'GET', `/groups/${groupId}`);
  expect(group.members.find((m: any) => m.username === 'bob')?.role).toBe(
    'organizer'
  );

  // Reorder two stages.
  const order = panel.getByRole('list', { name: 'Stages in order' });
  await expect(order.getByRole('listitem').first()).toContainText(
    'Explore the reviews'
  );
  await panel.getByRole('button', { name: 'Move A first model up' }).click();
  await expect(order.getByRole('listitem').first()).toContainText(
    'A first model'
  );
  await page.mouse.move(0, 0); // no hover in the baseline
  await compareThemes(page, 'workspace-settings', panel);

  // Close a stage with its summary.
  const close = panel.getByRole('form', { name: 'Close a stage' });
  await close
    .getByLabel('Stage', { exact: true })
    .selectOption({ label: 'Explore the reviews' });
  await close
    .getByLabel('What stood in the way')
    .fill('The review texts mixed three languages.');
  await close
    .getByLabel('How we solved it')
    .fill('We kept the English ones and noted the rest.');
  await close.getByRole('button', { name: 'Close the stage' }).click();
  await expect(close.getByLabel('Stage', { exact: true })).not.toContainText(
    'Explore the reviews'
  );

  // A late joiner (here: the room's Overview) reads that summary.
  await room.getByRole('tab', { name: 'Overview' }).click();
  const summary = panel.getByRole('definition').first();
  await expect(summary).toHaveText('The review texts mixed three languages.');
  const closed = panel.locator('.jp-NerdUp-closedStage');
  await expect(closed).toContainText(
    'We kept the English ones and noted the rest.'
  );
  await compareThemes(page, 'workspace-closed-stage', closed);
  // ... and on the stage in the plan.
  await room.getByRole('tab', { name: 'Plan' }).click();
  await panel
    .getByRole('button', { name: /Explore the reviews/ })
    .first()
    .click();
  await expect(
    panel.getByRole('definition').filter({ hasText: 'three languages' })
  ).toBeVisible();

  // In the plan, the organiser drags "Explore the reviews" back above "A first model".
  const stages = panel.locator('.jp-NerdUp-milestones > .jp-NerdUp-milestone');
  await expect(stages.first()).toContainText('A first model');
  await stages
    .nth(1)
    .getByRole('button', { name: /^Move stage 2 of 2: drag it/ })
    .dragTo(stages.first(), { targetPosition: { x: 40, y: 4 } });
  await expect(stages.first()).toContainText('Explore the reviews');
  const milestones = (
    await api(page, 'GET', `/groups/${groupId}/milestones`)
  ).milestones.map((m: any) => m.title);
  expect(milestones).toEqual(['Explore the reviews', 'A first model']);
  // ... and by keyboard: the handle's down arrow moves it after the next one.
  await stages
    .first()
    .getByRole('button', { name: /^Move stage 1 of 2: drag it/ })
    .press('ArrowDown');
  await expect(stages.first()).toContainText('A first model');
  await page.mouse.move(0, 0);
  await compareThemes(page, 'workspace-plan', panel);

  expect(errors).toEqual([]);
});
