import { IJupyterLabPageFixture } from '@jupyterlab/galata';
import { Page } from '@playwright/test';

/** Where screenshots go, so a person can look at what each test saw. */
export const SHOTS = 'test-results/screenshots';

/** Open the "Study groups" sidebar through its tab, as a user would. */
export async function openSidebar(page: IJupyterLabPageFixture): Promise<void> {
  await page.sidebar.openTab('nerdup-sidebar');
  await page.locator('#nerdup-sidebar').waitFor({ state: 'visible' });
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
