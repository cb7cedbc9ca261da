import { expect, test } from '@jupyterlab/galata';
import { execFileSync } from 'child_process';

import {
  compareThemes,
  consoleErrors,
  openDirectory,
  SHOTS,
  useTheme
} from './helpers';

/** The demo community's groups, each seen by its organiser (jupyter nerdup demo). */
const DEMO: [string, string][] = [
  ['Food reviews recommender (Thursday meetup)', 'ada'],
  ['ML mentorship, stream 1 (autumn cohort)', 'chloe'],
  ['Learning club: pandas method chaining', 'ben'],
  ['Retail data challenge', 'farid'],
  ['Clean air for Berlin schools', 'dev']
];

/** Scroll height of the sidebar's content over the window's height. */
async function sidebarScreens(
  page: import('@playwright/test').Page
): Promise<number> {
  return page.evaluate(() => {
    const panel = document.querySelector('#nerdup-sidebar')!;
    const tallest = Math.max(
      panel.scrollHeight,
      ...[...panel.querySelectorAll('*')].map(e => e.scrollHeight)
    );
    return tallest / window.innerHeight;
  });
}

test.describe('The sidebar as a navigator', () => {
  test.beforeAll(() => {
    // The same database as the lab's server (playwright.config.js names it), seeded with
    // the demo community as `make lab` does; the other specs' groups are their own.
    execFileSync(
      'jupyter',
      ['nerdup', 'demo', `--db-url=${process.env.NERDUP_UI_DB_URL}`],
      { stdio: 'pipe', timeout: 240_000 }
    );
  });

  for (const [title, organiser] of DEMO) {
    test(`${title} fits one screen of the sidebar, light and dark`, async ({
      page
    }) => {
      const errors = consoleErrors(page);
      await page.setExtraHTTPHeaders({ 'X-Nerdup-Test-User': organiser });
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.reload();
      const sidebar = await openDirectory(page);
      await sidebar
        .locator('.jp-NerdUp-cards')
        .getByRole('button', { name: title, exact: true })
        .click();
      const nav = sidebar.locator('.jp-NerdUp-navigator');
      await expect(nav.getByRole('heading', { name: title })).toBeVisible();
      await expect(
        nav.getByRole('button', { name: `Open ${title} in the main area` })
      ).toBeVisible();
      for (const theme of ['light', 'dark'] as const) {
        await useTheme(page, theme);
        const screens = await sidebarScreens(page);
        const height = (await nav.boundingBox())?.height ?? 0;
        console.log(
          `${title} (${theme}): navigator ${Math.round(height)} px, sidebar ${screens.toFixed(2)} screens`
        );
        expect(screens).toBeLessThanOrEqual(1.5);
      }
      await useTheme(page, 'light');
      const slug = organiser;
      await nav.screenshot({ path: `${SHOTS}/navigator-${slug}-light.png` });
      expect(errors.filter(e => !e.includes('favicon'))).toEqual([]);
    });
  }

  test('the navigator of a group under way matches its baseline', async ({
    page
  }) => {
    await page.setExtraHTTPHeaders({ 'X-Nerdup-Test-User': 'ada' });
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.reload();
    const sidebar = await openDirectory(page);
    await sidebar
      .locator('.jp-NerdUp-cards')
      .getByRole('button', { name: DEMO[0][0], exact: true })
      .click();
    const nav = sidebar.locator('.jp-NerdUp-navigator');
    await expect(nav.locator('.jp-NerdUp-navSections')).toBeVisible();
    // The deadline and the session's date move with the day the demo was seeded.
    await compareThemes(page, 'navigator', nav, [
      nav.locator('.jp-NerdUp-deadline'),
      nav.locator('.jp-NerdUp-navSession')
    ]);
  });
});
