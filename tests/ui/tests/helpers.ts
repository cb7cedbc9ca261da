import { expect, IJupyterLabPageFixture } from '@jupyterlab/galata';
import { Locator, Page } from '@playwright/test';

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

/** Open the "Study groups" sidebar through its tab, as a user would. */
export async function openSidebar(page: IJupyterLabPageFixture): Promise<void> {
  await page.sidebar.openTab('nerdup-sidebar');
  await page.locator('#nerdup-sidebar').waitFor({ state: 'visible' });
}

/**
 * Open a group from the sidebar's directory by its title, as a user would; returns the
 * sidebar and the group's view.
 */
export async function openGroup(
  page: IJupyterLabPageFixture,
  title: string
): Promise<{ sidebar: Locator; view: Locator }> {
  await openSidebar(page);
  const sidebar = page.locator('#nerdup-sidebar');
  await sidebar
    .locator('.jp-NerdUp-cards')
    .getByRole('button', { name: title, exact: true })
    .click();
  return { sidebar, view: sidebar.locator('.jp-NerdUp-groupView') };
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
}

/**
 * Screenshots of `target` (the page when omitted) in the light and the dark theme, as
 * `${SHOTS}/${name}-light.png` and `-dark.png`; toasts are closed first, as they would
 * cover what the shot is about.
 */
export async function shootThemes(
  page: Page,
  name: string,
  target?: Locator
): Promise<void> {
  await page.evaluate(() =>
    document
      .querySelectorAll<HTMLElement>('.Toastify__close-button')
      .forEach(button => button.click())
  );
  await target?.scrollIntoViewIfNeeded();
  const take = (path: string) =>
    target ? target.screenshot({ path }) : page.screenshot({ path });
  await take(`${SHOTS}/${name}-light.png`);
  await useTheme(page, 'dark');
  await page.waitForTimeout(200);
  await take(`${SHOTS}/${name}-dark.png`);
  await useTheme(page, 'light');
}
