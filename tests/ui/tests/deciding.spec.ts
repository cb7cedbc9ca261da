import { expect, test } from '@jupyterlab/galata';
import { Locator, Page } from '@playwright/test';

import {
  api,
  consoleErrors,
  openGroup,
  openRoom,
  SHOTS,
  shootThemes,
  showDirectory,
  showStudyGroups
} from './helpers';

/** Requests made as Bea, a participant (the test server's identity provider reads this). */
const BEA = { 'X-Nerdup-Test-User': 'bea' };
const TITLE = 'Deciding together club';

/** The console errors and the uncaught errors of a page from now on. */
function problems(page: Page): string[] {
  const found = consoleErrors(page);
  page.on('pageerror', error => found.push(`uncaught: ${error.message}`));
  return found;
}

/** Bea's own lab, in a browser of her own, on the group's Plan section. */
async function beasPlan(
  page: Page,
  browser: import('@playwright/test').Browser
): Promise<{ bea: Page; plan: Locator; close: () => Promise<void> }> {
  const context = await browser.newContext({ extraHTTPHeaders: BEA });
  const bea = await context.newPage();
  await bea.setViewportSize({ width: 1280, height: 1000 });
  await bea.goto(page.url());
  await bea.waitForSelector('#jupyterlab-splash', { state: 'detached' });
  await showStudyGroups(bea);
  const sidebar = bea.locator('#nerdup-sidebar');
  await showDirectory(sidebar);
  await sidebar
    .locator('.jp-NerdUp-cards')
    .getByRole('button', { name: TITLE, exact: true })
    .click();
  const nav = sidebar.locator('.jp-NerdUp-navigator');
  await expect(nav.getByRole('heading', { name: TITLE })).toBeVisible();
  const room = await openRoom(bea, nav, TITLE);
  const tab = room.getByRole('tab', { name: 'Plan', exact: true });
  await tab.click();
  await expect(tab).toHaveAttribute('aria-selected', 'true');
  return { bea, plan: room, close: () => context.close() };
}

test.describe.serial('Deciding the plan together (#16)', () => {
  test('a participant proposes a task, members vote, the organiser adopts it into the stage', async ({
    page,
    browser
  }) => {
    test.setTimeout(240_000);
    const errors = problems(page);
    await page.setViewportSize({ width: 1280, height: 1000 });
    // I organise the group; its current stage has one task; Bea joins as a participant.
    const group = await api(page, 'POST', '/groups', {
      title: TITLE,
      description: 'We choose our tasks together.'
    });
    const stage = await api(page, 'POST', `/groups/${group.id}/milestones`, {
      title: 'Explore the data',
      due: '2030-11-01',
      status: 'active'
    });
    await api(page, 'POST', `/groups/${group.id}/milestones`, {
      title: 'Share the results',
      due: '2030-11-15'
    });
    await api(page, 'POST', `/milestones/${stage.id}/tasks`, {
      title: 'Load the CSV'
    });
    await api(
      page,
      'POST',
      `/groups/${group.id}/members`,
      { role: 'participant' },
      BEA
    );

    // Bea, in her own lab, proposes a task for the stage and votes for it.
    const { bea, plan: beaPlan, close } = await beasPlan(page, browser);
    const beaErrors = problems(bea);
    const beaStage = beaPlan
      .locator('.jp-NerdUp-milestone')
      .filter({ hasText: 'Explore the data' });
    await beaStage.getByRole('button', { name: 'Propose a task' }).click();
    const form = beaStage.getByRole('form', {
      name: 'Propose a task for Explore the data'
    });
    await form
      .getByLabel('Proposed task', { exact: true })
      .fill('Plot the residuals');
    await form
      .getByLabel('Details (markdown)', { exact: true })
      .fill('A scatter plot of the *errors* against the price.');
    await form.getByLabel('For the next session').check();
    await form.getByRole('button', { name: 'Propose' }).click();
    const beaProposed = beaStage.getByRole('list', {
      name: 'Proposed tasks for Explore the data'
    });
    await expect(beaProposed).toContainText('Plot the residuals');
    await expect(beaProposed).toContainText('proposed by you');
    await expect(beaProposed).toContainText('for the next session');
    // A participant votes but does not decide.
    await expect(
      beaProposed.getByRole('button', { name: /^Adopt/ })
    ).toHaveCount(0);
    await beaProposed
      .getByRole('button', { name: /Vote for Plot the residuals/ })
      .click();
    await expect(beaProposed).toContainText('For: you');

    // I see it live under the stage, with Bea's vote by her name; I vote too.
    const { view, section } = await openGroup(page, TITLE);
    await section('Plan');
    const myStage = view
      .locator('.jp-NerdUp-milestone')
      .filter({ hasText: 'Explore the data' });
    const proposed = myStage.getByRole('list', {
      name: 'Proposed tasks for Explore the data'
    });
    await expect(proposed).toContainText('proposed by Bea');
    await expect(proposed).toContainText('For: Bea');
    const voteFor = proposed.getByRole('button', {
      name: /Vote for Plot the residuals/
    });
    await voteFor.focus();
    await page.keyboard.press('Enter'); // the keyboard works as the mouse does
    await expect(voteFor).toHaveAccessibleName(
      'Vote for Plot the residuals (votes for: 2)'
    );
    await expect(proposed).toContainText('For: you, Bea');
    await shootThemes(page, 'deciding-task-proposal', myStage);

    // Reject asks first; Cancel keeps the proposal.
    await proposed
      .getByRole('button', { name: 'Reject Plot the residuals' })
      .click();
    const dialog = page.locator('.jp-Dialog');
    await expect(dialog).toContainText('Reject “Plot the residuals”?');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(proposed).toContainText('Plot the residuals');

    // Adopt: it becomes a task of the stage, for the next session, here and in Bea's lab.
    await proposed
      .getByRole('button', { name: 'Adopt Plot the residuals' })
      .click();
    const adopted = myStage
      .locator('.jp-NerdUp-task')
      .filter({ hasText: 'Plot the residuals' });
    await expect(adopted).toBeVisible();
    await expect(adopted.locator('.jp-NerdUp-badge-next')).toBeVisible();
    await expect(proposed).toHaveCount(0);
    await expect(
      beaStage
        .locator('.jp-NerdUp-task')
        .filter({ hasText: 'Plot the residuals' })
    ).toBeVisible();
    await shootThemes(page, 'deciding-task-adopted', myStage);

    // Bea proposes a milestone and places it: last, after "Share the results".
    await beaPlan.getByRole('button', { name: 'Propose a milestone' }).click();
    const mForm = beaPlan.getByRole('form', { name: 'Propose a milestone' });
    await mForm
      .getByLabel('Proposed milestone', { exact: true })
      .fill('Tune the model');
    const place = mForm.getByLabel('Place it', { exact: true });
    await expect(place.locator('option')).toHaveText([
      'After the current stage (“Explore the data”)',
      'After “Share the results”',
      'Last'
    ]);
    await place.selectOption({
      label: 'After the current stage (“Explore the data”)'
    });
    // Bea's lab is a plain browser (not Galata's): its own toasts stay, so one plain shot.
    await mForm.screenshot({
      path: `${SHOTS}/deciding-milestone-form-bea.png`
    });
    await mForm.getByRole('button', { name: 'Propose' }).click();
    const mProposal = view
      .getByRole('list', { name: 'Proposed milestones' })
      .locator('.jp-NerdUp-proposal')
      .filter({ hasText: 'Tune the model' });
    await expect(mProposal).toContainText(
      'Goes after the current stage (“Explore the data”)'
    );
    await shootThemes(page, 'deciding-milestone-proposal', mProposal);
    await mProposal
      .getByRole('button', { name: 'Adopt Tune the model' })
      .click();
    // Placed after the current stage, with a due date one typical stage later.
    await expect(view.locator('.jp-NerdUp-milestone-title')).toHaveText([
      'Explore the data',
      'Tune the model',
      'Share the results'
    ]);
    await expect(
      view.locator('.jp-NerdUp-milestone').filter({ hasText: 'Tune the model' })
    ).toContainText('Due 2030-11-15');
    await shootThemes(
      page,
      'deciding-milestone-placed',
      view.locator('.jp-NerdUp-milestones')
    );

    await close();
    expect(beaErrors.filter(e => !e.includes('favicon'))).toEqual([]);
    expect(errors.filter(e => !e.includes('favicon'))).toEqual([]);
  });
});
