import { expect, test } from '@jupyterlab/galata';
import { Page } from '@playwright/test';

import { api, consoleErrors, shootThemes, showDirectory } from './helpers';

/**
 * Open the "Study groups" sidebar of a plain page (a teammate's browser), once the lab has
 * restored its layout: activating it shows it whether or not the layout had it open (a
 * click on its tab would close an open one).
 */
async function openStudyGroups(page: Page): Promise<void> {
  await page.waitForFunction(() => (window as any).jupyterapp !== undefined);
  await page.evaluate(async () => {
    const app = (window as any).jupyterapp;
    await app.restored;
    app.shell.activateById('nerdup-sidebar');
  });
  await expect(page.locator('#nerdup-sidebar')).toBeVisible();
}

/** The console errors and the uncaught errors and rejections of the page from now on. */
function problems(page: Page): string[] {
  const found = consoleErrors(page);
  page.on('pageerror', error => found.push(`uncaught: ${error.message}`));
  return found;
}

test('an organiser takes participants by request; a newcomer asks, is accepted, and participates', async ({
  page,
  browser
}) => {
  test.setTimeout(180_000);
  const errors = problems(page);
  await page.setViewportSize({ width: 1440, height: 900 });
  const title = 'Tuesday tabular club';
  const group = await api(page, 'POST', '/groups', {
    title,
    description: 'Gradient boosting on small tables, every Tuesday.'
  });
  const groupId = group.id as number;
  expect(group.join_rule).toBe('anyone');

  // The organiser switches the group to "by request" in the room's Settings.
  await page.evaluate(async id => {
    await (window as any).jupyterapp.commands.execute('nerdup:open-group', {
      groupId: id,
      section: 'settings'
    });
  }, groupId);
  const room = page.locator(`#nerdup-group-${groupId}`);
  const panel = room.getByRole('tabpanel');
  const details = panel.getByRole('form', { name: 'The group' });
  await details
    .getByLabel('How people join')
    .selectOption({ label: 'By request: an organiser accepts each person' });
  await details.getByRole('button', { name: 'Save changes' }).click();
  await expect(details.getByRole('status')).toHaveText('Saved.');
  expect((await api(page, 'GET', `/groups/${groupId}`)).join_rule).toBe(
    'request'
  );

  // People, with nobody waiting yet: the organiser keeps it open.
  await room.getByRole('tab', { name: 'People', exact: true }).click();
  const requests = panel.locator('.jp-NerdUp-joinRequests');
  await expect(
    requests.getByRole('heading', { name: 'Join requests (0)' })
  ).toBeVisible();
  await expect(requests).toContainText('No one is waiting to join.');

  // Nadia, in her own browser (a second context on the same server), finds the group: no
  // plain "Join", an "Ask to join" with a note instead.
  const nadiaContext = await browser.newContext({
    extraHTTPHeaders: { 'X-Nerdup-Test-User': 'nadia' }
  });
  const nadia = await nadiaContext.newPage();
  const nadiaErrors = problems(nadia);
  await nadia.setViewportSize({ width: 1440, height: 900 });
  // A workspace of her own: the layout other walks left in the default one stays there.
  const url = new URL(page.url());
  url.pathname = '/lab/workspaces/nadia-joins';
  await nadia.goto(url.toString());
  await nadia.waitForSelector('#jupyterlab-splash', { state: 'detached' });
  await openStudyGroups(nadia);
  const sidebar = nadia.locator('#nerdup-sidebar');
  await showDirectory(sidebar);
  const card = sidebar.locator('.jp-NerdUp-card').filter({ hasText: title });
  await expect(
    card.getByRole('button', { name: `Join ${title} as participant` })
  ).toHaveCount(0);
  await card.getByRole('button', { name: `Ask to join ${title}` }).click();
  const dialog = nadia.locator('.jp-Dialog');
  await expect(dialog).toContainText(`Ask to join “${title}”`);
  await dialog
    .getByLabel('A note for the organisers (optional)')
    .fill('I have done two Kaggle tabular competitions.');
  await dialog.getByRole('button', { name: 'Send request' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(card).toContainText('Request sent');
  await expect(
    card.getByRole('button', { name: `Withdraw your request to join ${title}` })
  ).toBeVisible();

  // In her navigator too, the group says the request is on its way.
  await card.getByRole('button', { name: title, exact: true }).click();
  const nav = sidebar.locator('.jp-NerdUp-navigator');
  await expect(nav.getByRole('heading', { name: title })).toBeVisible();
  await expect(nav).toContainText('Request sent');
  await expect(
    nav.getByRole('button', { name: `Withdraw your request to join ${title}` })
  ).toBeVisible();
  await nadia.screenshot({
    path: 'test-results/screenshots/joinrequests-request-sent.png'
  });

  // The organiser's open People section hears of it live (the event bus), with Nadia's
  // display name and her note.
  await expect(
    requests.getByRole('heading', { name: 'Join requests (1)' })
  ).toBeVisible();
  const request = requests.locator('.jp-NerdUp-joinRequest');
  await expect(request).toContainText('Nadia');
  await expect(request).toContainText(
    'I have done two Kaggle tabular competitions.'
  );
  await shootThemes(page, 'joinrequests-people', panel);

  // Accepted: Nadia is a participant, here and in her own lab.
  await request
    .getByRole('button', { name: 'Accept Nadia as participant' })
    .click();
  await expect(
    requests.getByRole('heading', { name: 'Join requests (0)' })
  ).toBeVisible();
  await expect(panel).toContainText('2 members');
  await expect(nav.getByText('you: participant')).toBeVisible();
  const seen = await api(nadia, 'GET', `/groups/${groupId}`);
  expect(seen.my_role).toBe('participant');
  expect(seen.my_join_request).toBeNull();
  const feed = await api(page, 'GET', `/groups/${groupId}/activity`);
  expect(feed.items[0].summary).toContain(
    "accepted Nadia's request to join as participant"
  );
  await nadiaContext.close();

  expect(errors).toEqual([]);
  expect(nadiaErrors).toEqual([]);
});
