/**
 * JupyterHub mode in the browser: alice logs in to a real JupyterHub, her JupyterLab opens,
 * and the Study groups sidebar lists the group that lives in the nerdup hub service.
 * Run with `jlpm playwright test -c playwright.hub.config.js`.
 */
import { expect, Page, test } from '@playwright/test';

import {
  commitWithKeyboard,
  consoleErrors,
  newBrowser,
  showStudyGroups,
  typeIntoActiveCell
} from './helpers';

const SEED_GROUP = 'Hub demo: house prices'; // made by scripts/run_hub.py --seed
const SEED_TASK = 'Plot the prices'; // its free task
const SHOTS = 'test-results/screenshots';

async function login(page: Page, user = 'alice'): Promise<void> {
  await page.goto('/hub/login');
  await page.locator('input[name="username"]').fill(user);
  await page.locator('input[name="password"]').fill('any password');
  await page
    .locator('input[type="submit"], button[type="submit"]')
    .first()
    .click();
  await page.waitForURL(
    new RegExp(`/hub/(home|spawn|spawn-pending)|/user/${user}/`)
  );
}

/** A JSON request to alice's own server, as her browser session makes it. */
async function asAlice(
  page: Page,
  method: string,
  path: string,
  body?: unknown
): Promise<any> {
  const reply = await page.evaluate(
    async ({ method, path, body }) => {
      // Cookie-authenticated API requests to a single-user server carry the XSRF token.
      const xsrf = document.cookie.match(/(?:^|; )_xsrf=([^;]*)/)?.[1] ?? '';
      const response = await fetch(`/user/alice/${path}`, {
        method,
        headers: {
          'X-XSRFToken': decodeURIComponent(xsrf),
          'Content-Type': 'application/json'
        },
        body: body === undefined ? undefined : JSON.stringify(body)
      });
      return { status: response.status, text: await response.text() };
    },
    { method, path, body }
  );
  expect(reply.status, `${method} ${path}: ${reply.text}`).toBeLessThan(300);
  return reply.text ? JSON.parse(reply.text) : null;
}

function notebook(sources: string[]): Record<string, unknown> {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    // With a kernel named, opening it starts that kernel instead of asking which one.
    metadata: {
      kernelspec: {
        name: 'python3',
        display_name: 'Python 3',
        language: 'python'
      }
    },
    cells: sources.map((source, i) => ({
      id: `cell-${i}`,
      cell_type: 'code',
      source,
      metadata: {},
      outputs: [],
      execution_count: null
    }))
  };
}

async function openLab(
  page: Page,
  path = 'lab',
  user = 'alice'
): Promise<void> {
  await page.goto(`/user/${user}/${path}`);
  // While the server starts the Hub shows its spawn-pending page, then redirects.
  await page.waitForURL(new RegExp(`/user/${user}/lab`), { timeout: 120000 });
  await page.locator('#main').waitFor({ timeout: 120000 });
  await page
    .locator('#jupyterlab-splash')
    .waitFor({ state: 'detached', timeout: 120000 });
}

/** Switch the theme through the Settings menu (a hub's lab does not expose its app). */
async function themeByMenu(page: Page, dark: boolean): Promise<void> {
  const item = (label: string) =>
    page
      .locator('.lm-Menu-itemLabel')
      .filter({ hasText: new RegExp(`^${label}$`) });
  await page.getByRole('menuitem', { name: 'Settings' }).click();
  await item('Theme').hover();
  await item(dark ? 'JupyterLab Dark' : 'JupyterLab Light').click();
  await page.waitForFunction(
    isDark =>
      document.body.dataset.jpThemeLight === (isDark ? 'false' : 'true'),
    dark
  );
}

test('a hub user sees the sidebar populated from the nerdup service', async ({
  page
}) => {
  await login(page);
  await openLab(page);
  const tab = page.locator('.lm-TabBar-tab[data-id="nerdup-sidebar"]');
  await tab.click();
  const sidebar = page.locator('#nerdup-sidebar');
  await expect(sidebar).toBeVisible();
  await expect(sidebar.getByRole('heading', { name: SEED_GROUP })).toBeVisible({
    timeout: 30000
  });
  await sidebar.screenshot({
    path: `${SHOTS}/hub-sidebar.png`
  });

  // The extension reports hub mode, with the service reachable.
  const status = await asAlice(page, 'GET', 'nerdup/api/v1/status');
  expect(status.mode).toBe('hub');
  expect(status.hub.reachable).toBe(true);
});

test('in hub mode the history panel diffs with the saved file and restores', async ({
  page
}) => {
  await login(page);
  await openLab(page);
  // A saved notebook in alice's workspace, committed once, then edited and saved again.
  const contents = 'api/contents/hub-walk.ipynb';
  const first = ['prices = [120, 135, 150]', 'total = sum(prices)'];
  await asAlice(page, 'PUT', contents, {
    type: 'notebook',
    format: 'json',
    content: notebook(first)
  });
  const me = await asAlice(page, 'GET', 'nerdup/api/v1/me');
  const group = me.groups.find((g: any) => g.title === SEED_GROUP);
  await asAlice(page, 'POST', `nerdup/api/v1/groups/${group.id}/snapshots`, {
    path: 'hub-walk.ipynb',
    message: 'First pass in the hub'
  });
  await asAlice(page, 'PUT', contents, {
    type: 'notebook',
    format: 'json',
    content: notebook([first[0], 'total = sum(prices)\nprint(total)'])
  });

  await openLab(page, 'lab/tree/hub-walk.ipynb');
  await page
    .locator('.lm-TabBar-tab[data-id="nerdup-snapshot-history"]')
    .click();
  const history = page.locator('#nerdup-snapshot-history');
  const items = history.locator('.jp-NerdUp-historyItem');
  await expect(items).toHaveCount(1, { timeout: 30000 });
  await expect(items.first()).toContainText('First pass in the hub');

  // The saved file is on alice's server, the snapshot in the service: the diff joins them.
  await items
    .first()
    .getByRole('button', { name: /Compare snapshot #\d+ with the saved file/ })
    .click();
  const diff = page.locator('[data-testid="nerdup-diff"]:visible');
  await expect(diff).toContainText('saved hub-walk.ipynb');
  await expect(diff.locator('.jp-NerdUp-diffLine-added')).toContainText(
    'print(total)'
  );
  await page.screenshot({ path: `${SHOTS}/hub-diff-saved-file.png` });

  // Restore: the file is written into alice's workspace by her own server.
  await items
    .first()
    .getByRole('button', { name: /Restore snapshot/ })
    .click();
  const confirm = page.locator('.jp-Dialog');
  await confirm.getByRole('button', { name: 'Restore as new file' }).click();
  await expect(
    page
      .locator('.lm-DockPanel-tabBar .lm-TabBar-tab')
      .filter({ hasText: 'hub-walk (snapshot' })
  ).toBeVisible({ timeout: 30000 });
  const listing = await asAlice(page, 'GET', 'api/contents/');
  const restored = listing.content.find((f: any) =>
    f.name.startsWith('hub-walk (snapshot ')
  );
  expect(restored, "the restored file is in alice's workspace").toBeTruthy();
  const written = await asAlice(
    page,
    'GET',
    `api/contents/${encodeURIComponent(restored.name)}`
  );
  expect(written.content.cells[1].source).toBe('total = sum(prices)');
  await page.screenshot({ path: `${SHOTS}/hub-restored.png` });
});

test('an organizer imports the members of a JupyterHub group', async ({
  page
}) => {
  await login(page);
  await openLab(page);
  const tab = page.locator('.lm-TabBar-tab[data-id="nerdup-sidebar"]');
  if ((await tab.getAttribute('aria-selected')) !== 'true') {
    await tab.click();
  }
  const sidebar = page.locator('#nerdup-sidebar');
  await expect(sidebar.getByRole('heading', { name: SEED_GROUP })).toBeVisible({
    timeout: 30000
  });
  await expect(sidebar).toContainText('2 members');
  // The link lives in the room's Settings, reached from the navigator.
  await sidebar
    .getByRole('navigation', { name: `Sections of ${SEED_GROUP}` })
    .getByRole('button', { name: 'Settings' })
    .click();
  const room = page.locator('.jp-NerdUp-roomLayout');
  await expect(room.getByRole('tab', { selected: true })).toHaveText(
    'Settings'
  );
  // scripts/run_hub.py --seed made the JupyterHub group cohort-2026 (bob, carol).
  const section = room.locator('.jp-NerdUp-hubGroup');
  await section.scrollIntoViewIfNeeded();
  await section.getByLabel('JupyterHub group name').fill('cohort-2026');
  await section
    .getByRole('button', { name: 'Link and import members' })
    .click();
  // Bob was a member already; carol joins. The group view reloads its members.
  await expect(section.getByRole('status')).toHaveText(
    'Imported from “cohort-2026”, joined: carol.'
  );
  await expect(section).toContainText(
    'Members are imported from the JupyterHub group cohort-2026'
  );
  await expect(sidebar).toContainText('3 members');
  await section.screenshot({ path: `${SHOTS}/hub-group-link.png` });
  await themeByMenu(page, true);
  await section.screenshot({ path: `${SHOTS}/hub-group-link-dark.png` });
  await themeByMenu(page, false);

  // A group JupyterHub does not have: the message says so, in place.
  await section.getByRole('button', { name: 'Unlink…' }).click();
  await page
    .locator('.jp-Dialog')
    .getByRole('button', { name: 'Unlink' })
    .click();
  await section.getByLabel('JupyterHub group name').fill('no-such-cohort');
  await section
    .getByRole('button', { name: 'Link and import members' })
    .click();
  await expect(section.getByRole('alert')).toContainText('no-such-cohort');
  await expect(sidebar).toContainText('3 members'); // unlinking removed nobody
  await section.screenshot({ path: `${SHOTS}/hub-group-link-error.png` });
});

test("a member's work loop in the hub: claim, open my notebook, commit, rename, commit; the organiser sees it", async ({
  browser,
  baseURL
}) => {
  // Bob, a participant of the seeded group, logs in to JupyterHub: his own server starts.
  const page = await newBrowser(browser, baseURL!);
  const errors = consoleErrors(page);
  await login(page, 'bob');
  await openLab(page, 'lab', 'bob');
  await showStudyGroups(page);
  const nav = page.locator('#nerdup-sidebar .jp-NerdUp-navigator');
  await expect(nav.getByRole('heading', { name: SEED_GROUP })).toBeVisible({
    timeout: 30000
  });
  await nav
    .locator('.jp-NerdUp-freeTasks')
    .locator(`li[aria-label^="Task ${SEED_TASK},"]`)
    .getByRole('button', { name: 'Claim', exact: true })
    .click();
  const mine = nav
    .locator('.jp-NerdUp-navTasks .jp-NerdUp-tasks')
    .locator(`li[aria-label^="Task ${SEED_TASK},"]`);
  await mine.getByRole('button', { name: 'Open my notebook' }).click();

  // Made in the group's folder on bob's own server, opened with the keyboard in it.
  const folder = 'hub-demo-house-prices';
  await expect(
    page.locator('.lm-DockPanel-tabBar .lm-TabBar-tab', {
      hasText: 'plot-the-prices.ipynb'
    })
  ).toHaveAttribute('aria-selected', 'true');
  await page.waitForFunction(
    () => !!document.activeElement?.closest('.jp-Notebook')
  );
  await typeIntoActiveCell(page, 'prices = [120, 135, 150]\nmax(prices)');
  await expect(page.locator('#jp-main-statusbar')).toContainText('| Idle', {
    timeout: 60000
  });
  await page.keyboard.press('Shift+Enter');
  const notebook = page.locator('.jp-NotebookPanel:not(.lm-mod-hidden)');
  await expect(notebook.locator('.jp-OutputArea-output').first()).toHaveText(
    '150'
  );
  const toast = await commitWithKeyboard(page, 'Found the top price');
  await expect(toast).toContainText(`${folder}/plot-the-prices.ipynb`);

  // A better name, then a second snapshot: one history across the rename.
  await page.getByRole('menuitem', { name: 'File' }).click();
  await page
    .locator('.lm-Menu-itemLabel')
    .filter({ hasText: /^Rename Notebook…$/ })
    .click();
  await page.locator('.jp-Dialog input').fill('prices.ipynb');
  await page.keyboard.press('Enter');
  await expect(
    page.locator('.lm-DockPanel-tabBar .lm-TabBar-tab', {
      hasText: 'prices.ipynb'
    })
  ).toHaveAttribute('aria-selected', 'true');
  await notebook.locator('.jp-Cell').last().locator('.jp-InputPrompt').click();
  await typeIntoActiveCell(page, 'min(prices)');
  await page.keyboard.press('Shift+Enter');
  await commitWithKeyboard(page, 'And the lowest');
  await page
    .locator('.lm-TabBar-tab[data-id="nerdup-snapshot-history"]')
    .click();
  const history = page.locator('#nerdup-snapshot-history');
  await expect(history).toContainText('prices.ipynb');
  const items = history.locator('.jp-NerdUp-historyItem');
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toContainText('And the lowest');
  await expect(items.nth(1)).toContainText('Found the top price');
  // The task shows the notebook under its new name, and the last snapshot.
  await showStudyGroups(page);
  await expect(mine.locator('.jp-NerdUp-taskWork')).toBeVisible();
  await expect(mine.locator('.jp-NerdUp-taskWork')).toContainText(
    `My notebook prices.ipynb · last snapshot`
  );
  await page.screenshot({ path: `${SHOTS}/hub-workloop-bob.png` });

  // Alice, the organiser, in her own browser and server: the group saw both snapshots.
  const alice = await newBrowser(browser, baseURL!);
  const aliceErrors = consoleErrors(alice);
  await login(alice);
  await openLab(alice);
  await showStudyGroups(alice); // her layout of the earlier tests may have it open
  const aliceNav = alice.locator('#nerdup-sidebar .jp-NerdUp-navigator');
  await expect(aliceNav.getByRole('heading', { name: SEED_GROUP })).toBeVisible(
    { timeout: 30000 }
  );
  await aliceNav
    .getByRole('navigation', { name: `Sections of ${SEED_GROUP}` })
    .getByRole('button', { name: 'Plan' })
    .click();
  const task = alice
    .locator('.jp-NerdUp-roomLayout')
    .locator(`li[aria-label^="Task ${SEED_TASK},"]`);
  await expect(task).toContainText('taken by bob');
  await expect(task.locator('.jp-NerdUp-taskWork')).toContainText(
    'Latest snapshot by bob'
  );
  await alice.screenshot({ path: `${SHOTS}/hub-workloop-alice.png` });

  expect(errors).toEqual([]);
  expect(aliceErrors).toEqual([]);
  await alice.context().close();
  await page.context().close();
});
