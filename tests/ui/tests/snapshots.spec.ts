import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import { Locator, Page } from '@playwright/test';

import {
  api,
  compareThemes,
  consoleErrors,
  shootThemes,
  useTheme
} from './helpers';

/** A screenshot of `target` (the page when omitted) in the light and the dark theme. */
const shoot = (page: Page, name: string, target?: Locator) =>
  shootThemes(page, `snapshots-${name}`, target);

/** A group with a plan: two milestones, three tasks (one done), as the test's user. */
async function makeGroup(
  page: Page,
  title: string
): Promise<{ id: number; tasks: any[] }> {
  const day = (offset: number) =>
    new Date(Date.now() + offset * 864e5).toISOString().slice(0, 10);
  // Members-only, so these groups stay out of other tests' group directory.
  const group = await api(page, 'POST', '/groups', {
    title,
    visibility: 'members',
    start_date: day(-14),
    deadline: day(14)
  });
  const m1 = await api(page, 'POST', `/groups/${group.id}/milestones`, {
    title: 'Clean the data',
    due: day(-2),
    status: 'active'
  });
  const m2 = await api(page, 'POST', `/groups/${group.id}/milestones`, {
    title: 'First model',
    due: day(10)
  });
  const tasks = [
    await api(page, 'POST', `/milestones/${m1.id}/tasks`, {
      title: 'Load the CSV',
      weight: 2
    }),
    await api(page, 'POST', `/milestones/${m1.id}/tasks`, {
      title: 'Fix the prices',
      weight: 1
    }),
    await api(page, 'POST', `/milestones/${m2.id}/tasks`, {
      title: 'Linear baseline',
      weight: 3
    })
  ];
  const claimed = await api(page, 'POST', `/tasks/${tasks[0].id}/claim`);
  await api(
    page,
    'PATCH',
    `/tasks/${tasks[0].id}`,
    { status: 'done' },
    { 'If-Match': `"${claimed.version}"` }
  );
  await api(page, 'POST', `/tasks/${tasks[1].id}/claim`);
  return { id: group.id, tasks };
}

/** A notebook of `n` code cells with ids, as nbformat JSON. */
function bigNotebook(n: number, edited = -1): any {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: Array.from({ length: n }, (_, i) => ({
      id: `cell-${i}`,
      cell_type: 'code',
      execution_count: null,
      metadata: {},
      outputs: [],
      source: i === edited ? `x${i} = ${i} * 2  # edited\n` : `x${i} = ${i}\n`
    }))
  };
}

/** Commit through the toolbar button (or the keyboard shortcut) and the dialog. */
async function commitSnapshot(
  page: IJupyterLabPageFixture,
  message: string,
  options: { shot?: string; task?: string; shortcut?: boolean } = {}
): Promise<Locator> {
  if (options.shortcut) {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Alt+s');
  } else {
    await page
      .locator(
        '.jp-NotebookPanel-toolbar [data-command="nerdup:commit-snapshot"]'
      )
      .click();
  }
  const dialog = page.locator('.jp-Dialog');
  await expect(dialog.getByText('Commit snapshot')).toBeVisible();
  await dialog.locator('.jp-NerdUp-commitMessage').fill(message);
  if (options.task) {
    await dialog.getByLabel('Task').selectOption({ label: options.task });
  }
  if (options.shot) {
    await shoot(page, options.shot, dialog.locator('.jp-Dialog-content'));
  }
  await dialog.getByRole('button', { name: 'Commit', exact: true }).click();
  const toast = page
    .locator('.Toastify__toast')
    .filter({ hasText: message ? 'committed' : 'committed' })
    .last();
  await expect(toast).toBeVisible();
  return toast;
}

test.describe('Notebook snapshots, as a new user', () => {
  // One long walk with fourteen theme switches for the shots; the machine is shared.
  test.setTimeout(300_000);

  test('commit, history, diff, read-only view, restore and dashboard', async ({
    page,
    tmpPath
  }) => {
    const errors = consoleErrors(page);
    await page.setViewportSize({ width: 1400, height: 900 });
    const group = await makeGroup(page, 'Snapshot circle');

    // A notebook with three cells.
    await page.notebook.createNew('prices.ipynb');
    await page.notebook.setCell(
      0,
      'markdown',
      '# House prices\nFirst look at the **data**.'
    );
    await page.notebook.addCell(
      'code',
      'prices = [120, 135, 150]\nprint(sum(prices))'
    );
    await page.notebook.addCell('code', 'mean = sum(prices) / len(prices)');
    await page.notebook.runCell(1);

    // First snapshot through the toolbar button, the dialog and the notification.
    const firstToast = await commitSnapshot(page, 'Loaded the prices', {
      shot: 'commit-dialog'
    });
    await expect(
      firstToast.getByRole('button', { name: 'Open snapshot' })
    ).toBeVisible();

    // Edit a cell, commit again (linked to a task this time).
    await page.notebook.setCell(
      2,
      'code',
      'mean = sum(prices) / len(prices)\nprint(round(mean, 1))'
    );
    // This time through the keyboard shortcut, linked to a task.
    await commitSnapshot(page, 'Computed the mean', {
      shortcut: true,
      task: 'Fix the prices'
    });

    // Both in the history panel, newest first.
    await page.sidebar.openTab('nerdup-snapshot-history');
    const history = page.locator('#nerdup-snapshot-history');
    const items = history.locator('.jp-NerdUp-historyItem');
    await expect(items).toHaveCount(2);
    await expect(items.first()).toContainText('Computed the mean');
    await expect(items.last()).toContainText('Loaded the prices');
    await expect(items.first()).toContainText('task: Fix the prices');

    // Select both and compare: the changed cell open, the unchanged ones folded.
    await items.nth(0).getByRole('checkbox').check();
    await items.nth(1).getByRole('checkbox').check();
    await shoot(page, 'history', history);
    await history
      .getByRole('button', { name: 'Compare the two selected snapshots' })
      .click();
    const diff = page.locator('[data-testid="nerdup-diff"]:visible');
    await expect(diff.locator('.jp-NerdUp-diffCell-modified')).toHaveCount(1);
    await expect(diff.locator('.jp-NerdUp-diffLine-added')).toContainText(
      'print(round(mean, 1))'
    );
    await expect(diff.getByTestId('nerdup-diff-fold')).toHaveText(
      '2 unchanged cells'
    );
    await shoot(page, 'diff');
    // The cells of the diff against their baselines (the header names people and times).
    await compareThemes(
      page,
      'snapshots-diff-rows',
      diff.locator('.jp-NerdUp-diffRows')
    );
    await diff.getByTestId('nerdup-diff-fold').click();
    await expect(diff.locator('.jp-NerdUp-diffCell-unchanged')).toHaveCount(2);

    // The older snapshot against the saved file: the same edit shows.
    await items
      .nth(1)
      .getByRole('button', {
        name: /Compare snapshot #\d+ with the saved file/
      })
      .click();
    const fileDiff = page.locator('[data-testid="nerdup-diff"]:visible');
    await expect(fileDiff).toContainText('saved prices.ipynb');
    await expect(fileDiff.locator('.jp-NerdUp-diffLine-added')).toContainText(
      'print(round(mean, 1))'
    );

    // The older snapshot read-only in the main area: markdown rendered, outputs shown.
    await items
      .nth(1)
      .getByRole('button', { name: /Open snapshot #\d+ read-only/ })
      .click();
    const viewer = page.locator('.jp-NerdUp-viewer:visible');
    await expect(viewer.locator('h1')).toHaveText(/House prices/);
    await expect(viewer.locator('.jp-OutputArea-output')).toContainText('405');
    await expect(viewer.locator('.jp-CodeMirrorEditor')).toHaveCount(0);
    await shoot(page, 'viewer');
    // The read-only notebook against its baselines; the banner (who, when) is masked.
    await compareThemes(page, 'snapshots-viewer', viewer, [
      viewer.locator('.jp-NerdUp-viewerBanner')
    ]);

    // Restore the older snapshot as a new file: confirm, the file opens and is listed.
    await items
      .nth(1)
      .getByRole('button', { name: /Restore snapshot/ })
      .click();
    const confirm = page.locator('.jp-Dialog');
    await expect(confirm).toContainText('The current file is not changed');
    await shoot(page, 'restore-confirm', confirm.locator('.jp-Dialog-content'));
    await confirm.getByRole('button', { name: 'Restore as new file' }).click();
    const restored = page
      .locator('.lm-DockPanel-tabBar .lm-TabBar-tab')
      .filter({ hasText: 'snapshot' });
    await expect(restored).toBeVisible();
    await page.sidebar.openTab('filebrowser');
    await page
      .locator('.jp-FileBrowser [data-command="filebrowser:refresh"]')
      .click();
    await expect(
      page
        .locator('.jp-DirListing-item')
        .filter({ hasText: /prices.*snapshot/ })
    ).toBeVisible();
    await shoot(page, 'restored');
    const original = await api(
      page,
      'GET',
      `/api/contents/${tmpPath}/prices.ipynb`
    );
    expect(JSON.stringify(original.content)).toContain('round(mean, 1)');

    // The progress dashboard of the group.
    await page.evaluate(async () => {
      await (window as any).jupyterapp.commands.execute(
        'nerdup:open-dashboard'
      );
    });
    const dashboard = page.locator('[data-testid="nerdup-dashboard"]');
    await expect(
      dashboard.getByRole('heading', { name: 'Progress of Snapshot circle' })
    ).toBeVisible();
    await expect(dashboard.locator('svg.jp-NerdUp-burnup')).toBeVisible();
    await expect(dashboard.locator('.jp-NerdUp-milestoneChart g')).toHaveCount(
      2
    );
    await expect(
      dashboard.locator('.jp-NerdUp-contributionChart')
    ).toContainText('2');
    await shoot(page, 'dashboard');
    // The charts against their baselines. Masked: what changes from day to day (dates on
    // the axes, in the summary and the milestones' "due") and the test user's name.
    await compareThemes(page, 'snapshots-dashboard', dashboard, [
      dashboard.locator('.jp-NerdUp-dashSummary'),
      dashboard.locator('svg.jp-NerdUp-burnup text'),
      dashboard
        .locator('.jp-NerdUp-milestoneChart text')
        .filter({ hasText: '%' }),
      dashboard
        .locator('.jp-NerdUp-contributionChart text')
        .filter({ hasText: /\D/ }),
      dashboard.locator('.jp-NerdUp-memberProgress th[scope="row"]')
    ]);

    // Dark theme: the chart text takes the theme's own ink (the dashboard's text colour,
    // --jp-ui-font-color1), and that ink changes with the theme.
    const chartInk = () =>
      dashboard
        .locator('.jp-NerdUp-milestoneChart text')
        .first()
        .evaluate(el => {
          const root = el.closest('[data-testid="nerdup-dashboard"]')!;
          const ink = getComputedStyle(el).fill;
          return ink === getComputedStyle(root).color
            ? ink
            : 'not the theme ink';
        });
    await expect.poll(chartInk).toMatch(/^rgb/);
    const lightInk = await chartInk();
    await useTheme(page, 'dark');
    await expect.poll(chartInk).toMatch(/^rgb/);
    await expect.poll(chartInk).not.toBe(lightInk);
    await useTheme(page, 'light');

    expect(group.id).toBeGreaterThan(0);
    expect(errors.filter(e => /nerdup/i.test(e))).toEqual([]);
  });

  test('the notification opens the snapshot; a refused commit says why', async ({
    page,
    tmpPath
  }) => {
    await makeGroup(page, 'Error circle');
    await page.notebook.createNew('tiny.ipynb');
    await page.notebook.setCell(0, 'code', 'answer = 42');

    // The File menu offers the snapshot commands (declared in schema/plugin.json).
    await page.locator('.lm-MenuBar-itemLabel', { hasText: 'File' }).click();
    const labels = page.locator('.lm-Menu .lm-Menu-itemLabel');
    for (const label of [
      'Commit snapshot',
      'Show snapshot history',
      'Open progress dashboard'
    ]) {
      await expect(labels.filter({ hasText: label })).toBeVisible();
    }
    await page.keyboard.press('Escape');
    const toast = await commitSnapshot(page, 'Tiny start');
    await toast.getByRole('button', { name: 'Open snapshot' }).click();
    const viewer = page.locator('.jp-NerdUp-viewer:visible');
    await expect(viewer.locator('.jp-NerdUp-viewerBanner')).toContainText(
      'Tiny start'
    );
    await expect(viewer.locator('.jp-NerdUp-viewerSource')).toHaveText(
      'answer = 42'
    );

    // The file on disk gets broken behind the lab's back: the server refuses the
    // commit (400) and its whole message shows in the dialog, which stays open with
    // what the user typed (no toast, which would cut the message at 140 characters).
    const file = `/api/contents/${tmpPath}/tiny.ipynb`;
    const good = await api(page, 'GET', file);
    await api(page, 'PUT', file, {
      type: 'file',
      format: 'text',
      content: '{"cells": [ this is not json'
    });
    await page.getByRole('tab', { name: 'tiny.ipynb', exact: true }).click();
    await page
      .locator(
        '.jp-NotebookPanel-toolbar [data-command="nerdup:commit-snapshot"]'
      )
      .click();
    const dialog = page.locator('.jp-Dialog');
    await dialog.locator('.jp-NerdUp-commitMessage').fill('Broken file');
    await dialog.getByRole('button', { name: 'Commit', exact: true }).click();
    const refusal = dialog.getByRole('alert');
    await expect(refusal).toContainText('Snapshot not committed');
    await expect(refusal).toContainText('not valid JSON');
    await expect(dialog.locator('.jp-NerdUp-commitMessage')).toHaveValue(
      'Broken file'
    );
    await expect(
      page
        .locator('.Toastify__toast')
        .filter({ hasText: 'Snapshot not committed' })
    ).toHaveCount(0);
    await shoot(page, 'commit-refused', dialog.locator('.jp-Dialog-content'));

    // The file is mended; Commit again from the same dialog works and closes it.
    await api(page, 'PUT', file, {
      type: 'notebook',
      format: 'json',
      content: good.content
    });
    await dialog.getByRole('button', { name: 'Commit', exact: true }).click();
    await expect(dialog).toHaveCount(0);
    await expect(
      page.locator('.Toastify__toast').filter({ hasText: 'committed' }).last()
    ).toContainText(/Snapshot #\d+ of .*tiny.ipynb committed/);
  });

  test('a 1600-cell diff with one edited cell renders fast', async ({
    page
  }) => {
    const group = await makeGroup(page, 'Big notebook club');
    await api(page, 'PUT', '/api/contents/big.ipynb', {
      type: 'notebook',
      format: 'json',
      content: bigNotebook(1600)
    });
    const a = await api(page, 'POST', `/groups/${group.id}/snapshots`, {
      path: 'big.ipynb',
      message: 'before'
    });
    await api(page, 'PUT', '/api/contents/big.ipynb', {
      type: 'notebook',
      format: 'json',
      content: bigNotebook(1600, 800)
    });
    const b = await api(page, 'POST', `/groups/${group.id}/snapshots`, {
      path: 'big.ipynb',
      message: 'after'
    });

    const started = Date.now();
    await page.evaluate(
      async ([aId, bId]) => {
        await (window as any).jupyterapp.commands.execute(
          'nerdup:diff-snapshots',
          {
            a: aId,
            b: bId
          }
        );
      },
      [a.id, b.id]
    );
    const widget = page.locator('.jp-NerdUp-diffWidget[data-render-ms]');
    await expect(widget).toBeVisible();
    const wall = Date.now() - started;
    const renderMs = Number(await widget.getAttribute('data-render-ms'));
    const fetchMs = Number(await widget.getAttribute('data-fetch-ms'));
    console.log(
      `1600-cell diff: ${renderMs.toFixed(0)} ms from request to rendered rows in the page ` +
        `(server answer ${fetchMs.toFixed(0)} ms); ${wall} ms seen by the test driver`
    );
    const diff = page.locator('[data-testid="nerdup-diff"]');
    await expect(diff.locator('.jp-NerdUp-diffCell')).toHaveCount(1);
    await expect(diff.getByTestId('nerdup-diff-fold')).toHaveText([
      '800 unchanged cells',
      '799 unchanged cells'
    ]);
    await expect(diff).toContainText('1 of 1600 cells changed');
    await shoot(page, 'diff-1600');
    // Generous bound: catches a diff view that renders every cell, not a slow machine.
    expect(renderMs).toBeLessThan(5000);
  });
});
