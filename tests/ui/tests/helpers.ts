import { expect, IJupyterLabPageFixture } from '@jupyterlab/galata';
import { Browser, Locator, Page } from '@playwright/test';

/** Where screenshots go, so a person can look at what each test saw. */
export const SHOTS = 'test-results/screenshots';

/** nerdup's REST API, below the server's base URL. */
export const API = '/nerdup/api/v1';

/**
 * A request as the test's user, to `path` below nerdup's API (or to the Jupyter
 * server's own API for a path starting /api/): it must succeed; returns the JSON body,
 * null when there is none.
 */
export async function api<T = any>(
  page: Page,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT',
  path: string,
  data?: unknown,
  headers?: Record<string, string>
): Promise<T> {
  const response = await page.request.fetch(
    path.startsWith('/api/') ? path : `${API}${path}`,
    { method, data, headers }
  );
  const body = await response.text();
  expect(response.ok(), `${method} ${path}: ${response.status()} ${body}`).toBe(
    true
  );
  return body ? JSON.parse(body) : null;
}

/** The errors the page logs to its console from now on, for the test to check. */
export function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', msg => {
    if (msg.type() === 'error') {
      errors.push(msg.text());
    }
  });
  return errors;
}

/**
 * Show the "Study groups" sidebar of a page that is not Galata's (a second browser, a
 * person's lab), clicking its tab only while the sidebar is hidden. The layout is restored
 * from the user's workspace, which another page of the same user may have saved with the
 * sidebar open, and may still be being restored: a click on the tab of an open sidebar
 * closes it, so the state is looked at before each click, as a person looks before
 * clicking again. Returns how many clicks it took (0 when it was open).
 */
export async function showStudyGroups(page: Page): Promise<number> {
  const tab = page.locator('.lm-TabBar-tab[data-id="nerdup-sidebar"]');
  const panel = page.locator('#nerdup-sidebar');
  await expect(tab).toBeVisible();
  let clicks = 0;
  await expect(async () => {
    if (!(await panel.isVisible())) {
      clicks++;
      await tab.click();
    }
    await expect(panel).toBeVisible({ timeout: 2000 });
  }).toPass();
  return clicks;
}

/** Open the "Study groups" sidebar through its tab, as a user would. */
export async function openSidebar(page: IJupyterLabPageFixture): Promise<void> {
  await page.sidebar.openTab('nerdup-sidebar');
  await page.locator('#nerdup-sidebar').waitFor({ state: 'visible' });
}

/**
 * Show the directory in `sidebar` (a `#nerdup-sidebar` locator, of any page): the sidebar's
 * first load ends on the remembered (or the user's first) group, or on the directory, so
 * wait until it has ended (nothing loading, a group or the directory shown) and go back to
 * all groups if a group opened by itself. Nothing is clicked that the load then replaces.
 */
export async function showDirectory(sidebar: Locator): Promise<void> {
  await expect(
    sidebar
      .locator('.jp-NerdUp-panel[aria-busy="false"]')
      .locator('.jp-NerdUp-directory, .jp-NerdUp-groupView')
      .first()
  ).toBeVisible();
  const back = sidebar.getByRole('button', { name: 'Back to all groups' });
  if (await back.isVisible()) {
    await back.click();
  }
  await expect(sidebar.locator('.jp-NerdUp-directory')).toBeVisible();
}

/** Open the sidebar on its directory (see showDirectory); returns the sidebar. */
export async function openDirectory(
  page: IJupyterLabPageFixture
): Promise<Locator> {
  await openSidebar(page);
  const sidebar = page.locator('#nerdup-sidebar');
  await showDirectory(sidebar);
  return sidebar;
}

/**
 * Open a group from the sidebar's directory by its title, then its room in the main area,
 * as a user would. Returns the sidebar, its navigator of the group (`nav`), the room
 * (`view`) and `section(name)`, which picks a section of the room by its tab.
 */
export async function openGroup(
  page: IJupyterLabPageFixture,
  title: string
): Promise<{
  sidebar: Locator;
  nav: Locator;
  view: Locator;
  section: (name: string) => Promise<void>;
}> {
  const sidebar = await openDirectory(page);
  await sidebar
    .locator('.jp-NerdUp-cards')
    .getByRole('button', { name: title, exact: true })
    .click();
  const nav = sidebar.locator('.jp-NerdUp-navigator');
  await expect(nav.getByRole('heading', { name: title })).toBeVisible();
  const view = await openRoom(page, nav, title);
  const section = async (name: string) => {
    const tab = view.getByRole('tab', { name, exact: true });
    await tab.click();
    await expect(tab).toHaveAttribute('aria-selected', 'true');
  };
  return { sidebar, nav, view, section };
}

/** The room of the group the navigator shows, opened from its "Open group" button. */
export async function openRoom(
  page: Page,
  nav: Locator,
  title: string
): Promise<Locator> {
  const id = await nav.getAttribute('data-group-id');
  await nav
    .getByRole('button', { name: `Open ${title} in the main area` })
    .click();
  const view = page.locator(`.jp-NerdUp-roomLayout[data-group-id="${id}"]`);
  await expect(view).toBeVisible();
  return view;
}

export async function useTheme(
  page: Page,
  theme: 'light' | 'dark'
): Promise<void> {
  const name = theme === 'dark' ? 'JupyterLab Dark' : 'JupyterLab Light';
  await page.evaluate(async themeName => {
    await (window as any).jupyterapp.commands.execute('apputils:change-theme', {
      theme: themeName
    });
  }, name);
  await page.waitForFunction(
    dark => document.body.dataset.jpThemeLight === (dark ? 'false' : 'true'),
    theme === 'dark'
  );
  // The splash JupyterLab lays over the page while a theme loads: gone before a screenshot.
  await expect(page.locator('#jupyterlab-splash')).toHaveCount(0);
}

/** Close the toasts, which would cover what a screenshot is about. */
export async function closeToasts(page: Page): Promise<void> {
  await page.evaluate(() =>
    document
      .querySelectorAll<HTMLElement>('.Toastify__close-button')
      .forEach(button => button.click())
  );
  await expect(page.locator('.Toastify__toast')).toHaveCount(0);
}

/** Resolves once the browser has painted a frame after the theme switch. */
async function painted(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>(resolve =>
        requestAnimationFrame(() => requestAnimationFrame(() => resolve()))
      )
  );
}

/**
 * Screenshots of `target` (the page when omitted) in the light and the dark theme, as
 * `${SHOTS}/${name}-light.png` and `-dark.png`, for a person to look at; nothing is
 * compared (see compareThemes for that). Toasts are closed first.
 */
export async function shootThemes(
  page: Page,
  name: string,
  target?: Locator
): Promise<void> {
  await closeToasts(page);
  await target?.scrollIntoViewIfNeeded();
  const take = (path: string) =>
    target ? target.screenshot({ path }) : page.screenshot({ path });
  await take(`${SHOTS}/${name}-light.png`);
  await useTheme(page, 'dark');
  await painted(page);
  await take(`${SHOTS}/${name}-dark.png`);
  await useTheme(page, 'light');
}

/** How a screen may differ from its baseline: 2 % of its pixels (anti-aliasing, font hinting). */
export const SCREEN_TOLERANCE = {
  maxDiffPixelRatio: 0.02,
  animations: 'disabled',
  caret: 'hide'
} as const;

/**
 * `target` (the page when omitted) compared with its committed baselines in the light and
 * the dark theme: `tests/<spec>.ts-snapshots/${name}-light-linux.png` and `-dark-linux.png`
 * (Playwright's toHaveScreenshot, which also waits until two shots in a row agree). A
 * layout regression fails the test; the actual, expected and diff images land in
 * test-results/. The shots are also written to `${SHOTS}` like shootThemes'.
 *
 * `mask` covers what changes from run to run (relative times, dates, ids), painted over
 * in one colour in both the baseline and the shot.
 *
 * A deliberate change of the screen: look at the diff in test-results/, then rewrite the
 * baselines of that spec and commit them with the change:
 *   cd tests/ui && NERDUP_UI_PORT=<port> jlpm playwright test tests/<spec>.ts --update-snapshots=all
 * (plain --update-snapshots rewrites only a baseline that differs beyond the tolerance, so a
 * new mask or a small change would keep the old image)
 * and run the spec once more without the flag: it must pass (a baseline that differs
 * between two runs is not one; mask what moved).
 */
export async function compareThemes(
  page: Page,
  name: string,
  target?: Locator,
  mask: Locator[] = []
): Promise<void> {
  await closeToasts(page);
  await target?.scrollIntoViewIfNeeded();
  const options = { ...SCREEN_TOLERANCE, mask };
  for (const theme of ['light', 'dark'] as const) {
    await useTheme(page, theme);
    await painted(page);
    const file = `${name}-${theme}.png`;
    await (target ?? page).screenshot({
      path: `${SHOTS}/${file}`,
      animations: 'disabled',
      caret: 'hide',
      mask
    });
    if (target) {
      await expect(target).toHaveScreenshot(file, options);
    } else {
      await expect(page).toHaveScreenshot(file, options);
    }
  }
  await useTheme(page, 'light');
}

/** The dialog of the keyboard shortcut: message typed, Tab to the task, Enter commits. */
export async function commitWithKeyboard(
  page: Page,
  message: string
): Promise<Locator> {
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Alt+s');
  const dialog = page.locator('.jp-Dialog');
  await expect(dialog.getByText('Commit snapshot')).toBeVisible();
  await expect(dialog.locator('.jp-NerdUp-commitMessage')).toBeFocused();
  await page.keyboard.type(message);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  const toast = page
    .locator('.Toastify__toast')
    .filter({ hasText: 'committed' })
    .last();
  await expect(toast).toBeVisible();
  return toast;
}

/**
 * Enter edit mode on the notebook's active cell (Enter, from command mode) and type, once
 * its editor has the keyboard: keys sent before that are lost, a person waits for the caret.
 */
export async function typeIntoActiveCell(
  page: Page,
  text: string
): Promise<void> {
  await page.keyboard.press('Escape');
  const notebook = page.locator('.jp-NotebookPanel:not(.lm-mod-hidden)');
  await expect(
    notebook.locator(
      '.jp-Notebook.jp-mod-commandMode .jp-Cell.jp-mod-active .cm-content'
    )
  ).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(
    notebook.locator('.jp-Cell.jp-mod-active .cm-editor.cm-focused')
  ).toBeVisible();
  await page.keyboard.type(text);
  await expect(
    notebook.locator('.jp-Cell.jp-mod-active .cm-content')
  ).toHaveText(text.split('\n').join(''));
}

/**
 * A browser context of its own (no cookie, no workspace of this one): another person at
 * another computer, or the same person in a second browser.
 */
export async function newBrowser(
  browser: Browser,
  baseURL: string
): Promise<Page> {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 1440, height: 900 },
    serviceWorkers: 'block'
  });
  return context.newPage();
}
