import { expect, test } from '@jupyterlab/galata';

import { openSidebar, SHOTS, useTheme } from './helpers';

test.describe('nerdup sidebar', () => {
  test('shows the server status in the Study groups panel', async ({
    page
  }) => {
    await openSidebar(page);
    const panel = page.locator('#nerdup-sidebar');
    await expect(
      panel.getByRole('heading', { name: 'Study groups' })
    ).toBeVisible();
    const status = panel.getByTestId('nerdup-status');
    await expect(status).toContainText('data on this server (sqlite)');
    await expect(status).toContainText('v0.1.0');
    await page.screenshot({ path: `${SHOTS}/sidebar-status-light.png` });

    await useTheme(page, 'dark');
    await expect(status).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/sidebar-status-dark.png` });
    await useTheme(page, 'light');
  });

  test('warns when the server extension is another version', async ({
    page
  }) => {
    await page.route('**/nerdup/api/v1/status*', async route => {
      const response = await route.fetch();
      const body = await response.json();
      await route.fulfill({ response, json: { ...body, version: '0.0.9' } });
    });
    await page.goto();
    const notice = page
      .locator('.Toastify__toast')
      .filter({ hasText: 'nerdup-lab' });
    await expect(notice).toContainText('nerdup-lab server is v0.0.9');
    await expect(notice).toContainText('pip install nerdup-lab==0.1.0');
    await page.screenshot({ path: `${SHOTS}/version-mismatch.png` });
  });
});
