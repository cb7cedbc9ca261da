import * as fs from 'fs';
import * as zlib from 'zlib';

import { expect, test } from '@jupyterlab/galata';
import { Page } from '@playwright/test';

import {
  api,
  consoleErrors,
  openDirectory,
  openGroup,
  openRoom,
  openSidebar,
  SHOTS,
  shootThemes
} from './helpers';

// A real 320x200 PNG (three bars): the figure a snapshot shows on the slides.
const FIGURE =
  'iVBORw0KGgoAAAANSUhEUgAAAUAAAADICAIAAAAWZq/8AAADGElEQVR42u3WQQ0AIQxFwQ' +
  'rjjCbOaEIOXooM2mRe1sDf7SQbKalt4RVIAEsCWBLAEsCSAJYEsCSAJYAlASwJYAlgSQBL' +
  'AlgSwBLAkgCWBLAkgCWAJQEsCWAJYEkASwJYEsASwJIAlgSwJIAlgCUBLAlgCWBJAEsCWB' +
  'LAEsCSAJYEcKnmPu0eXw1gASyAAQZYAAMMMMACWAADDLAABhhgAQwwwAALYAEMMMACGGCA' +
  'ARbAAlgAC2CAARbAAAMMsAAWwAADLIABBlgAAwwwwAJYAAMMsAAGGGCABbAABhhgAQwwwA' +
  'IYYIABFsACGGCABTDAAAtggAEGWAALYIABFsAAAwywABbAAAMsgAEGWAADDDDAAlgAAwyw' +
  'AAYYYAEMsAAWwAIYYIAFMMAAAyyABTDAAAtggAEWwAADDLAAFsAAAyyAAQYYYAEsgAEGWA' +
  'ADDLAABhhggAWwAAYYYAEMMMACGGCAARbAAhhggAUwwAADLIAFMMAAC2CAARbAAAMMsAAW' +
  'wAADLIABBlgAAwwwwA4aYAEMMMACGGCAAQbYXgEMMMACGGCABTDAAAPsoO0VwAADLIABBl' +
  'gAAyyAHTTAAhhggAUwwAADDLC9AhhggAUwwAALYIABBthB2yuAAQZYAAP8a+9do90DsIO2' +
  'F2CAAQYYYIABBhhggAEGGGCAAQYYYIABBhhggAEGGGB7AQYYYIABBhhggAEGGGCAAXbQ9g' +
  'IMMMAAAwwwwAADDDDAAAMMMMAAAwwwwAADDDDAADtoewEGGGCAAQYYYIABBhhggAF20AAD' +
  'DDDAAAMMMMAAAwywvQADDDDAAAMMMMAAAwwwwAA7aHsBBhhggAEGGGCAAQYYYIABdtAAAw' +
  'wwwAADDDDAAAMMsL0AAwwwwAADDDDAAAMMMMAAO2h7AQYYYIABBhhggAEGGGCAAQYYYIAB' +
  'BhhggAEGGGCAHbS9AAMMMMAAAwwwwAADDDDAADtogAEGGGCAAQYYYIABBhhggAEGGGCAAQ' +
  'YYYIABBhhggB20vQDXBDwktS1Skl9oSQBLAlgCWBLAkgCWBLAEsKQSPSchPbYdfhY1AAAA' +
  'AElFTkSuQmCC';

const NOTEBOOK = {
  nbformat: 4,
  nbformat_minor: 5,
  metadata: { language_info: { name: 'python' } },
  cells: [
    {
      cell_type: 'markdown',
      id: 'intro',
      metadata: {},
      source: '# Prices by district\nThe centre costs twice as much.'
    },
    {
      cell_type: 'code',
      id: 'plot',
      metadata: {},
      execution_count: 1,
      source: 'df.plot.bar()',
      outputs: [
        {
          output_type: 'display_data',
          data: { 'image/png': FIGURE, 'text/plain': '<Figure>' },
          metadata: {}
        }
      ]
    }
  ]
};

/**
 * Open the downloaded presentation in a page of its own (from the file, as a person
 * would open it after the meetup) and return that page once reveal.js has laid out its
 * slides.
 */
async function openSlides(page: Page, file: string): Promise<Page> {
  const slides = await page.context().newPage();
  await slides.setViewportSize({ width: 1280, height: 800 });
  await slides.goto(`file://${file}`);
  await expect(slides.locator('.reveal.ready')).toBeVisible();
  return slides;
}

test.describe.serial('A learning club round', () => {
  test('a participant presents the finished round', async ({ page }) => {
    const errors = consoleErrors(page);
    await page.setViewportSize({ width: 1280, height: 1100 });
    // The organiser, Olga, ran the round (a teammate: a header the test server reads);
    // the person at this lab took part in it.
    const olga = (
      method: 'GET' | 'POST' | 'PATCH' | 'PUT',
      path: string,
      data?: unknown,
      headers: Record<string, string> = {}
    ) =>
      api(page, method, path, data, {
        'X-Nerdup-Test-User': 'olga',
        ...headers
      });
    const me = await api(page, 'GET', '/me');
    const group = await olga('POST', '/groups', {
      title: 'Housing prices round',
      description: 'Predict **house prices** in two weeks.'
    });
    await olga('POST', `/groups/${group.id}/members`, {
      username: me.user.username,
      role: 'participant'
    });
    const stage = await olga('POST', `/groups/${group.id}/milestones`, {
      title: 'Explore the data',
      status: 'active'
    });
    await api(page, 'PUT', '/api/contents/prices.ipynb', {
      type: 'notebook',
      format: 'json',
      content: NOTEBOOK
    });
    await api(page, 'POST', `/groups/${group.id}/snapshots`, {
      path: 'prices.ipynb',
      message: 'Prices by district'
    });
    await api(page, 'POST', `/groups/${group.id}/snapshots`, {
      path: 'prices.ipynb',
      message: 'Left out of the slides'
    });
    // While the stage runs, this member reflects on it from the Showcase.
    const before = await openGroup(page, 'Housing prices round');
    await before.section('Showcase');
    const reflect = async (heading: string, learned: string) => {
      const showcase = before.view.locator('.jp-NerdUp-showcase');
      await showcase
        .getByRole('button', { name: 'Write a reflection' })
        .click();
      const form = showcase.getByRole('form', { name: heading });
      await form.getByLabel('What I learned').fill(learned);
      await form.getByRole('button', { name: 'Post reflection' }).click();
      await expect(form).toHaveCount(0);
    };
    await reflect(
      'Reflect on the stage “Explore the data”',
      'District matters more than size.'
    );
    const reflections = before.view.locator('.jp-NerdUp-reflection');
    await expect(reflections.first()).toContainText(
      `${me.user.username} on the stage “Explore the data”`
    );

    // Olga closes the stage with its summary and finishes the round.
    const current = await olga('GET', `/milestones/${stage.id}`);
    await olga(
      'PATCH',
      `/milestones/${stage.id}`,
      {
        status: 'done',
        retrospective: {
          obstacles: 'Missing prices for a third of the flats.',
          solutions: 'Imputed by district median.'
        }
      },
      { 'If-Match': `"${current.version}"` }
    );
    const fresh = await olga('GET', `/groups/${group.id}`);
    await olga(
      'PATCH',
      `/groups/${group.id}`,
      { status: 'finished' },
      { 'If-Match': `"${fresh.version}"` }
    );

    // The group's room comes back with the layout, in front: Galata's default wait for the
    // Launcher tab to be the active one would never end (a red fresh-clone run).
    await page.reload({ waitForIsReady: false });
    await page.waitForSelector('#jupyterlab-splash', { state: 'detached' });
    Object.assign(before, await openGroup(page, 'Housing prices round'));
    await before.section('Showcase');
    // The round is over: a reflection on the round itself.
    await reflect(
      'Reflect on this round',
      'Imputing by median hid the outliers.'
    );
    await expect(
      before.view.locator('.jp-NerdUp-reflectionHead').first()
    ).toHaveText(`${me.user.username} on Housing prices round`);
    await expect(
      before.view.locator('.jp-NerdUp-reflectionHead').nth(1)
    ).toHaveText(`${me.user.username} on the stage “Explore the data”`);
    await shootThemes(
      page,
      'learningclub-reflections',
      before.view.locator('.jp-NerdUp-showcase')
    );

    const showcase = before.view.locator('.jp-NerdUp-showcase');
    await showcase.getByRole('button', { name: 'Present' }).click();
    const dialog = page.locator('.jp-Dialog');
    await expect(dialog.getByText('Snapshots on the slides')).toBeVisible();
    // The newest two are ticked; this member keeps only "Prices by district".
    await dialog.getByLabel(/Left out of the slides/).uncheck();
    await expect(dialog.getByLabel(/Prices by district/)).toBeChecked();
    await shootThemes(
      page,
      'learningclub-present-dialog',
      dialog.locator('.jp-Dialog-content')
    );
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Download slides' }).click()
    ]);
    expect(download.suggestedFilename()).toBe(
      `group-${group.id}-presentation.html`
    );
    const file = `${test.info().outputDir}/presentation-light.html`;
    await download.saveAs(file);
    const html = fs.readFileSync(file, 'utf-8');
    expect(html).not.toContain('Left out of the slides');

    const slides = await openSlides(page, file);
    const requests: string[] = [];
    slides.on('request', r => requests.push(r.url()));
    const current_ = slides.locator('.reveal .slides section.present');
    await expect(current_.first()).toContainText('Housing prices round');
    await slides.screenshot({
      path: `${SHOTS}/learningclub-slides-title.png`,
      animations: 'disabled'
    });
    // Through the slides with the keyboard, as a presenter does.
    const seen: string[] = [];
    for (let i = 0; i < 12; i++) {
      seen.push(((await current_.last().textContent()) ?? '').trim());
      await slides.keyboard.press('n'); // reveal.js: next slide, vertical ones too
    }
    const all = seen.join('\n');
    expect(all).toContain('Our goal');
    expect(all).toContain('Stage 1: Explore the data');
    expect(all).toContain('Missing prices for a third of the flats.');
    expect(all).toContain('Prices by district');
    expect(all).toContain('Who did it');
    // Back to the start, then on to the snapshot's slide: its text and its figure.
    await slides.keyboard.press('Home');
    for (let i = 0; i < 12; i++) {
      if ((await current_.last().locator('img').count()) > 0) {
        break;
      }
      await slides.keyboard.press('n');
    }
    await expect(current_.last()).toContainText(
      'The centre costs twice as much.'
    );
    await expect(current_.last().locator('img')).toBeVisible();
    await slides.screenshot({
      path: `${SHOTS}/learningclub-slides-figure.png`,
      animations: 'disabled'
    });
    expect(requests).toEqual([]);
    await slides.close();

    // The same slides, dark.
    await showcase.getByRole('button', { name: 'Present' }).click();
    await page.locator('.jp-Dialog').getByLabel('Dark').check();
    const [dark] = await Promise.all([
      page.waitForEvent('download'),
      page
        .locator('.jp-Dialog')
        .getByRole('button', { name: 'Download slides' })
        .click()
    ]);
    const darkFile = `${test.info().outputDir}/presentation-dark.html`;
    await dark.saveAs(darkFile);
    const darkSlides = await openSlides(page, darkFile);
    await expect(
      darkSlides.locator('.reveal .slides section.present').first()
    ).toContainText('Housing prices round');
    await darkSlides.screenshot({
      path: `${SHOTS}/learningclub-slides-title-dark.png`,
      animations: 'disabled'
    });
    await darkSlides.close();

    // The journey report is there for this member too, now the round is finished.
    await expect(
      showcase.getByRole('link', { name: 'Journey report' })
    ).toBeVisible();
    await shootThemes(page, 'learningclub-showcase', showcase);

    // The public index of open groups, from the Showcase: the round, finished, and its page.
    const [index] = await Promise.all([
      page.context().waitForEvent('page'),
      showcase.getByRole('link', { name: 'All open groups' }).click()
    ]);
    await index.waitForLoadState();
    const card = index.locator(`#group-${group.id}`);
    await expect(card).toContainText('Housing prices round');
    await expect(card).toContainText('finished');
    await expect(card).toContainText('1 of 1 stage done');
    await index.setViewportSize({ width: 1000, height: 800 });
    await index.screenshot({ path: `${SHOTS}/learningclub-index-light.png` });
    await index.emulateMedia({ colorScheme: 'dark' });
    await index.screenshot({ path: `${SHOTS}/learningclub-index-dark.png` });
    await index.emulateMedia({ colorScheme: 'light' });
    await card.getByRole('link', { name: 'Housing prices round' }).click();
    await expect(index.locator('#plan')).toContainText(
      'Missing prices for a third of the flats.'
    );
    await expect(index.locator('#faq')).toBeVisible();
    await index.close();

    // My portfolio: my snapshots of all my groups and a README, as a git repository.
    const [archive] = await Promise.all([
      page.waitForEvent('download'),
      showcase.getByRole('button', { name: 'Export my portfolio' }).click()
    ]);
    expect(archive.suggestedFilename()).toBe('portfolio.tar.gz');
    const tarball = `${test.info().outputDir}/portfolio.tar.gz`;
    await archive.saveAs(tarball);
    const tar = zlib.gunzipSync(fs.readFileSync(tarball)).toString('latin1');
    expect(tar).toContain('portfolio/README.md');
    expect(tar).toContain(`housing-prices-round-${group.id}/prices.ipynb`);
    expect(tar).toContain('**Housing prices round** (finished; participant)');
    expect(errors.filter(e => !e.includes('favicon'))).toEqual([]);
  });

  test('an empty portfolio says so, from the command palette', async ({
    page
  }) => {
    // A new browser is a new person here, with no group and no snapshot.
    await page.keyboard.press('Control+Shift+C');
    const palette = page.locator('#command-palette');
    await palette.locator('input').fill('Export my portfolio');
    await palette
      .locator('.lm-CommandPalette-item')
      .filter({ hasText: 'Export my portfolio' })
      .click();
    const dialog = page.locator('.jp-Dialog');
    await expect(dialog.getByText('Nothing to export yet')).toBeVisible();
    await expect(dialog).toContainText('Your portfolio is empty');
    await shootThemes(
      page,
      'learningclub-portfolio-empty',
      dialog.locator('.jp-Dialog-content')
    );
    await dialog.getByRole('button', { name: 'OK' }).click();
    await expect(dialog).toHaveCount(0);
  });

  test('a round from kick-off to the public index, only through the lab', async ({
    page
  }) => {
    test.setTimeout(180_000);
    const errors = consoleErrors(page);
    await page.setViewportSize({ width: 1400, height: 1000 });
    const title = 'December prices round';

    // Kick-off: the organiser starts the round from the navigator.
    const sidebar = await openDirectory(page);
    await sidebar.getByRole('button', { name: 'New group' }).click();
    const form = sidebar.getByRole('form', { name: 'New group' });
    await form.getByLabel('Title').fill(title);
    await form
      .getByLabel('Description (markdown)')
      .fill('Predict **flat prices** in two weeks.');
    await form.getByLabel('Deadline').fill('2030-12-20');
    await form.getByRole('button', { name: 'Create group' }).click();
    const nav = sidebar.locator('.jp-NerdUp-navigator');
    await expect(nav.getByRole('heading', { name: title })).toBeVisible();

    // The plan, in the group's room: a stage with a task, claimed.
    const view = await openRoom(page, nav, title);
    await view.getByRole('tab', { name: 'Plan', exact: true }).click();
    await view.getByRole('button', { name: 'Add milestone' }).click();
    const stageForm = view.getByRole('form', { name: 'Add milestone' });
    await stageForm.getByLabel('Milestone').fill('Explore the data');
    await stageForm.getByRole('button', { name: 'Add milestone' }).click();
    const stage = view
      .locator('.jp-NerdUp-milestone')
      .filter({ hasText: 'Explore the data' });
    await stage.getByRole('button', { name: 'Add task' }).click();
    const taskForm = stage.getByRole('form', { name: /Add task/ });
    await taskForm.getByLabel('Task', { exact: true }).fill('Plot prices');
    await taskForm.getByRole('button', { name: 'Add task' }).click();
    const task = stage
      .locator('.jp-NerdUp-task')
      .filter({ hasText: 'Plot prices' });
    await task.getByRole('button', { name: 'Claim' }).click();
    await expect(task).toContainText('taken by');

    // The work: a notebook whose figure comes from the kernel, committed from its toolbar.
    await page.notebook.createNew('round.ipynb');
    await page.notebook.setCell(
      0,
      'markdown',
      '# Prices by district\nThe centre costs twice as much.'
    );
    await page.notebook.addCell(
      'code',
      'import base64\nfrom IPython.display import Image, display\n' +
        `display(Image(data=base64.b64decode("${FIGURE}")))`
    );
    await page.notebook.runCell(1);
    await expect(
      page.locator('.jp-OutputArea-output img').first()
    ).toBeVisible();
    await page.notebook.save();
    await page
      .locator(
        '.jp-NotebookPanel-toolbar [data-command="nerdup:commit-snapshot"]'
      )
      .click();
    const commit = page.locator('.jp-Dialog');
    await expect(commit.getByText('Commit snapshot')).toBeVisible();
    await commit.locator('.jp-NerdUp-commitMessage').fill('Prices by district');
    await commit.getByRole('button', { name: 'Commit', exact: true }).click();
    await expect(
      page.locator('.Toastify__toast').filter({ hasText: 'committed' }).last()
    ).toBeVisible();

    // The organiser closes the stage with its summary and finishes the round (Settings).
    await openSidebar(page); // the notebook brought the file browser forward
    // The claimed task is in the navigator, with its actions.
    await expect(nav.locator('.jp-NerdUp-navTasks')).toContainText(
      'Plot prices'
    );
    await nav
      .getByRole('button', { name: `Open ${title} in the main area` })
      .click();
    const room = page
      .locator('[id^="nerdup-group-"]')
      .filter({ hasText: title });
    const panel = room.getByRole('tabpanel');
    await room.getByRole('tab', { name: 'Settings' }).click();
    const close = panel.getByRole('form', { name: 'Close a stage' });
    await close
      .getByLabel('Stage', { exact: true })
      .selectOption({ label: 'Explore the data' });
    await close
      .getByLabel('What stood in the way')
      .fill('A third of the flats had no price.');
    await close
      .getByLabel('How we solved it')
      .fill('We imputed the district median.');
    await close.getByRole('button', { name: 'Close the stage' }).click();
    // Closed: no open stage is left to close (the form lists none, or is gone).
    await expect(
      panel.locator('select option').filter({ hasText: 'Explore the data' })
    ).toHaveCount(0);
    const details = panel.getByRole('form', { name: 'The group' });
    await details
      .getByLabel('Where the group is')
      .selectOption({ label: 'Finished' });
    await details.getByRole('button', { name: 'Save changes' }).click();
    await expect(details.getByRole('status')).toHaveText('Saved.');

    // Showcase: a reflection on the round, a post, then the presentation.
    await room.getByRole('tab', { name: 'Showcase' }).click();
    const showcase = panel.locator('.jp-NerdUp-showcase');
    await showcase.getByRole('button', { name: 'Link a post' }).click();
    const post = showcase.getByRole('form', { name: 'Link a blog post' });
    await post.getByLabel('Title').fill('How we priced flats');
    await post.getByLabel('URL').fill('https://blog.example.org/flats');
    await post.getByRole('button', { name: 'Share' }).click();
    await expect(
      showcase.getByRole('link', { name: 'How we priced flats' })
    ).toBeVisible();
    await showcase.getByRole('button', { name: 'Write a reflection' }).click();
    const reflection = showcase.getByRole('form', {
      name: 'Reflect on this round'
    });
    await reflection
      .getByLabel('What I learned')
      .fill('The median beats the mean for prices.');
    await reflection.getByRole('button', { name: 'Post reflection' }).click();
    await expect(showcase.locator('.jp-NerdUp-reflectionHead')).toContainText(
      `on ${title}`
    );
    await shootThemes(page, 'learningclub-walk-showcase', showcase);

    await showcase.getByRole('button', { name: 'Present' }).click();
    const dialog = page.locator('.jp-Dialog');
    await expect(dialog.getByLabel(/Prices by district/)).toBeChecked();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Download slides' }).click()
    ]);
    const file = `${test.info().outputDir}/walk-presentation.html`;
    await download.saveAs(file);

    // The public index, from the Showcase: the round, finished, with its post.
    const [index] = await Promise.all([
      page.context().waitForEvent('page'),
      showcase.getByRole('link', { name: 'All open groups' }).click()
    ]);
    await index.waitForLoadState();
    const card = index.locator('.card.group').filter({ hasText: title });
    await expect(card).toContainText('finished');
    await expect(card).toContainText('How we priced flats');
    await expect(card).toContainText('deadline 2030-12-20');
    await index.close();

    // The end of the evening: the presentation opened from the downloaded file.
    const slides = await openSlides(page, file);
    const requests: string[] = [];
    slides.on('request', r => requests.push(r.url()));
    const present = slides.locator('.reveal .slides section.present');
    await expect(present.first()).toContainText(title);
    const seen: string[] = [];
    for (let i = 0; i < 10; i++) {
      seen.push(((await present.last().textContent()) ?? '').trim());
      if ((await present.last().locator('img').count()) > 0) {
        break;
      }
      await slides.keyboard.press('n');
    }
    const all = seen.join('\n');
    expect(all).toContain('flat prices');
    expect(all).toContain('A third of the flats had no price.');
    expect(all).toContain('We imputed the district median.');
    await expect(present.last().locator('img')).toBeVisible();
    await expect(present.last()).toContainText(
      'The centre costs twice as much.'
    );
    await slides.screenshot({
      path: `${SHOTS}/learningclub-walk-slides-figure.png`,
      animations: 'disabled'
    });
    expect(requests).toEqual([]);
    await slides.close();
    expect(errors.filter(e => !e.includes('favicon'))).toEqual([]);
  });
});
