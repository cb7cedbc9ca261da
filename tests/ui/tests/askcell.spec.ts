import { expect, test } from '@jupyterlab/galata';

import { api, consoleErrors, shootThemes } from './helpers';

/**
 * "Questions are anchored in the lab" (#16): from a cell of a notebook of the group, a
 * member asks the group about that cell through the cell's context menu; the notebook is
 * committed for it, the group's Questions open with the form anchored to the cell, and the
 * question, once asked, opens the snapshot read-only at that cell.
 */
test('a member asks the group about a notebook cell; the question opens that cell', async ({
  page,
  tmpPath
}) => {
  const errors = consoleErrors(page);
  page.on('pageerror', error => errors.push(`uncaught: ${error.message}`));
  const group = await api(page, 'POST', '/groups', {
    title: 'Cell questions club'
  });
  await api(page, 'POST', `/groups/${group.id}/milestones`, {
    title: 'Clean the data',
    status: 'active'
  });
  const name = `cells-${group.id}.ipynb`;
  const path = `${tmpPath}/${name}`;
  const cell = (id: string, source: string) => ({
    cell_type: 'code',
    id,
    metadata: {},
    execution_count: null,
    outputs: [],
    source
  });
  await api(page, 'PUT', `/api/contents/${path}`, {
    type: 'notebook',
    format: 'json',
    content: {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {
        kernelspec: {
          name: 'python3',
          display_name: 'Python 3 (ipykernel)',
          language: 'python'
        },
        // The notebook's record: it belongs to the group (as Open my notebook writes it).
        nerdup: {
          version: 1,
          group: group.id,
          notebook_id: 'c0ffee00c0ffee00c0ffee00c0ffee00'
        }
      },
      cells: [
        cell('load', 'df = pd.read_csv("sales.csv")'),
        cell('dates', 'df["date"] = pd.to_datetime(df["date"], dayfirst=True)'),
        cell('plot', 'df.plot(x="date", y="total")')
      ]
    }
  });

  // Opened from the file browser (Galata's folder of this test), as a person does.
  await page.filebrowser.open(path);
  const notebook = page.locator('.jp-NotebookPanel:not(.lm-mod-hidden)');
  const second = notebook.locator('.jp-Cell').nth(1);
  await expect(second).toContainText('to_datetime');
  await second.locator('.jp-InputPrompt').click({ button: 'right' });
  await page
    .locator('.lm-Menu-itemLabel', { hasText: 'Ask the group about this cell' })
    .click();

  // The group's room opens at Questions, the form anchored to the cell just committed.
  const room = page.locator(
    `.jp-NerdUp-roomLayout[data-group-id="${group.id}"]`
  );
  await expect(room.getByRole('tab', { selected: true })).toHaveText(
    'Questions'
  );
  const about = room.locator('.jp-NerdUp-askAbout');
  await expect(about).toContainText(`About cell 2 of ${name} (snapshot #`);
  const form = room.getByRole('form', {
    name: `Ask the group about cell 2 of ${name}`
  });
  await expect(form).toBeVisible();
  await form.getByLabel('Question').fill('Why does dayfirst change the month?');
  await shootThemes(page, 'askcell-form', room);
  await form.getByRole('button', { name: 'Ask' }).click();

  const question = room.locator('.jp-NerdUp-questionList li', {
    hasText: 'Why does dayfirst change the month?'
  });
  await expect(question).toBeVisible();
  const anchor = question.getByRole('button', {
    name: /a cell of snapshot #\d+/
  });
  await expect(anchor).toBeVisible();
  // The snapshot the question is about: committed for it, with the message saying so.
  const history = await api(
    page,
    'GET',
    `/groups/${group.id}/snapshots?notebook_id=c0ffee00c0ffee00c0ffee00c0ffee00`
  );
  expect(history.items.map((s: any) => s.message)).toEqual([
    'For a question about cell 2'
  ]);

  // Opened from the question: the snapshot, read-only, at that very cell.
  await anchor.click();
  const viewer = page.locator('.jp-NerdUp-viewer:visible');
  const marked = viewer.locator('.jp-NerdUp-viewerCell-anchor');
  await expect(marked).toHaveCount(1);
  await expect(marked).toContainText('to_datetime');
  await expect(marked).toBeInViewport();
  await shootThemes(page, 'askcell-viewer');

  expect(errors).toEqual([]);
});
