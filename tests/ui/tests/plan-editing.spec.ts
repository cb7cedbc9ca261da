import { expect, test } from '@jupyterlab/galata';
import { Locator, Page } from '@playwright/test';

import { api, consoleErrors, openGroup, shootThemes } from './helpers';

/** A screenshot of `target` in the light and the dark theme. */
const shoot = (page: Page, name: string, target: Locator) =>
  shootThemes(page, `plan-editing-${name}`, target);

/** A group with one milestone and three tasks, made through the API. */
async function makePlan(page: Page, title: string): Promise<number[]> {
  const group = await api(page, 'POST', '/groups', {
    title,
    description: 'We edit our plan as we learn.'
  });
  const milestone = await api(page, 'POST', `/groups/${group.id}/milestones`, {
    title: 'Explore the data',
    goal: 'Know every column.',
    due: '2030-11-01',
    status: 'active'
  });
  const ids: number[] = [];
  for (const task of ['Load the CSV', 'Plot the distributions', 'Scratch']) {
    const made = await api(page, 'POST', `/milestones/${milestone.id}/tasks`, {
      title: task
    });
    ids.push(made.id);
  }
  return ids;
}

test.describe.serial('Editing the plan', () => {
  test('edit a milestone and a task, survive a stale edit, delete a task', async ({
    page
  }) => {
    test.setTimeout(180_000);
    const errors = consoleErrors(page);
    await page.setViewportSize({ width: 1280, height: 1000 });
    const [loadId] = await makePlan(page, 'Plan editing club');
    const { view, section } = await openGroup(page, 'Plan editing club');
    await section('Plan');
    const milestone = view.locator('.jp-NerdUp-milestone').first();
    await expect(milestone).toContainText('Explore the data');
    await expect(milestone.locator('.jp-NerdUp-task')).toHaveCount(3);
    await shoot(page, 'rows', milestone);

    // Keyboard: Tab from the milestone's toggle reaches its Edit button; Enter opens it.
    await milestone.locator('.jp-NerdUp-milestone-toggle').focus();
    await page.keyboard.press('Tab');
    const editMilestone = milestone.getByRole('button', {
      name: 'Edit milestone Explore the data'
    });
    await expect(editMilestone).toBeFocused();
    await page.keyboard.press('Enter');
    const dialog = page.locator('.jp-Dialog');
    await expect(dialog).toContainText('Edit milestone “Explore the data”');
    const form = dialog.getByRole('form', {
      name: 'Edit milestone “Explore the data”'
    });
    await expect(form.getByLabel('Milestone', { exact: true })).toHaveValue(
      'Explore the data'
    );
    await expect(form.getByLabel('Due', { exact: true })).toHaveValue(
      '2030-11-01'
    );
    await form
      .getByLabel('Milestone', { exact: true })
      .fill('Explore and clean the data');
    await shoot(page, 'milestone-dialog', dialog.locator('.jp-Dialog-content'));
    // Escape cancels: nothing changes.
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(milestone).toContainText('Explore the data');

    // Again, and Enter in the field saves.
    await editMilestone.click();
    await dialog
      .getByLabel('Milestone', { exact: true })
      .fill('Explore and clean the data');
    await dialog.getByLabel('Milestone', { exact: true }).press('Enter');
    await expect(dialog).toHaveCount(0);
    await expect(milestone.locator('.jp-NerdUp-milestone-title')).toHaveText(
      'Explore and clean the data'
    );

    // Edit a task: title and weight.
    const plot = milestone
      .locator('.jp-NerdUp-task')
      .filter({ hasText: 'Plot the distributions' });
    await plot
      .getByRole('button', { name: 'Edit task Plot the distributions' })
      .click();
    await dialog
      .getByLabel('Task', { exact: true })
      .fill('Plot the price distribution');
    await dialog.getByLabel('Weight', { exact: true }).fill('3');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(
      milestone
        .locator('.jp-NerdUp-task-title')
        .filter({ hasText: 'Plot the price distribution' })
    ).toBeVisible();

    // A stale edit: a teammate changes the task while the dialog is open.
    const load = milestone
      .locator('.jp-NerdUp-task')
      .filter({ hasText: 'Load the CSV' });
    await load.getByRole('button', { name: 'Edit task Load the CSV' }).click();
    await dialog
      .getByLabel('Task', { exact: true })
      .fill('Load the CSV with pandas');
    const shown = await api(page, 'GET', `/tasks/${loadId}`);
    await api(
      page,
      'PATCH',
      `/tasks/${loadId}`,
      { description: 'Use `read_csv` with `parse_dates`.' },
      { 'If-Match': `"${shown.version}"` }
    );
    await dialog.getByRole('button', { name: 'Save' }).click();
    const conflict = dialog.locator('.jp-NerdUp-conflict');
    await expect(conflict).toContainText('Someone else changed this');
    await expect(conflict).toContainText('Use `read_csv` with `parse_dates`.');
    // Nothing typed is lost; their description is taken into the form.
    await expect(dialog.getByLabel('Task', { exact: true })).toHaveValue(
      'Load the CSV with pandas'
    );
    await expect(
      dialog.getByLabel('Details (markdown)', { exact: true })
    ).toHaveValue('Use `read_csv` with `parse_dates`.');
    await shoot(page, 'conflict-dialog', dialog.locator('.jp-Dialog-content'));
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(
      milestone
        .locator('.jp-NerdUp-task-title')
        .filter({ hasText: 'Load the CSV with pandas' })
    ).toBeVisible();
    const saved = await api(page, 'GET', `/tasks/${loadId}`);
    expect(saved.title).toBe('Load the CSV with pandas');
    expect(saved.description).toBe('Use `read_csv` with `parse_dates`.');

    // Delete a task, after a confirmation that names it.
    const scratch = milestone
      .locator('.jp-NerdUp-task')
      .filter({ hasText: 'Scratch' });
    await scratch.getByRole('button', { name: 'Delete task Scratch' }).click();
    await expect(dialog).toContainText('Delete task “Scratch”?');
    await expect(dialog.getByRole('button', { name: 'Delete' })).toHaveClass(
      /jp-mod-warn/
    );
    await shoot(
      page,
      'delete-task-dialog',
      dialog.locator('.jp-Dialog-content')
    );
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(milestone.locator('.jp-NerdUp-task')).toHaveCount(2);
    await section('Activity');
    await expect(
      view.getByRole('list', { name: 'Recent activity' })
    ).toContainText('Scratch');
    await section('Plan');

    // Deleting the milestone asks with its name and task count; Cancel keeps it.
    await milestone
      .getByRole('button', {
        name: 'Delete milestone Explore and clean the data'
      })
      .click();
    await expect(dialog).toContainText(
      'Delete milestone “Explore and clean the data” and its 2 tasks?'
    );
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(view.locator('.jp-NerdUp-milestone')).toHaveCount(1);
    await shoot(page, 'after', milestone);

    // The one expected failure: the staged stale save (409).
    expect(errors.filter(e => !e.includes('status of 409'))).toEqual([]);
  });
});
