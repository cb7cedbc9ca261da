import * as React from 'react';

import { Dialog, showDialog } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';

import { ISnapshotSummary } from '../model/types';
import { RhythmClient } from './client';
import { download } from './portfolio';

/** At most this many snapshots go into the slides (the server's limit). */
export const MAX_SLIDE_SNAPSHOTS = 12;

export interface IPresentChoice {
  snapshotIds: number[];
  theme: 'light' | 'dark';
}

/** The body of the "Present" dialog: which snapshots go in, light or dark slides. */
class PresentBody
  extends ReactWidget
  implements Dialog.IBodyWidget<IPresentChoice>
{
  constructor(
    private readonly _trans: TranslationBundle,
    private readonly _snapshots: ISnapshotSummary[]
  ) {
    super();
    this.addClass('jp-NerdUp-presentDialog');
  }

  getValue(): IPresentChoice {
    const form = this.node.querySelector('form') as HTMLFormElement;
    const data = new FormData(form);
    return {
      snapshotIds: data
        .getAll('snapshot')
        .map(Number)
        .filter(Number.isFinite)
        .slice(0, MAX_SLIDE_SNAPSHOTS),
      theme: data.get('theme') === 'dark' ? 'dark' : 'light'
    };
  }

  render(): JSX.Element {
    const trans = this._trans;
    return (
      <form onSubmit={e => e.preventDefault()}>
        <p className="jp-NerdUp-hint">
          {trans.__(
            'The slides show the goal, every stage with its obstacles and solutions, the snapshots you pick, who did what and the posts.'
          )}
        </p>
        <fieldset>
          <legend>{trans.__('Snapshots on the slides')}</legend>
          {this._snapshots.length === 0 && (
            <p className="jp-NerdUp-empty">
              {trans.__('No snapshots yet: the slides tell the journey only.')}
            </p>
          )}
          {this._snapshots.map((s, index) => (
            <label key={String(s.id)} className="jp-NerdUp-presentSnapshot">
              <input
                type="checkbox"
                name="snapshot"
                value={String(s.id)}
                defaultChecked={index < 3}
              />{' '}
              <span>{s.message || s.path || String(s.id)}</span>{' '}
              <span className="jp-NerdUp-presentMeta">
                {trans.__(
                  '%1 · %2',
                  String(s.path ?? ''),
                  String(s.created_at ?? '').slice(0, 10)
                )}
              </span>
            </label>
          ))}
        </fieldset>
        <fieldset className="jp-NerdUp-presentThemes">
          <legend>{trans.__('Slides')}</legend>
          <label>
            <input type="radio" name="theme" value="light" defaultChecked />{' '}
            {trans.__('Light')}
          </label>
          <label>
            <input type="radio" name="theme" value="dark" /> {trans.__('Dark')}
          </label>
        </fieldset>
      </form>
    );
  }
}

export interface IPresentOptions {
  groupId: number;
  trans: TranslationBundle;
  client: RhythmClient;
}

/**
 * "Present": pick the snapshots and the theme, then download the slides (one HTML file
 * that opens without network).
 */
export async function presentJourney(options: IPresentOptions): Promise<void> {
  const { trans, client, groupId } = options;
  const snapshots = await client.groupSnapshots(groupId, 50);
  const chosen = await showDialog({
    title: trans.__('Present the journey'),
    body: new PresentBody(trans, snapshots),
    buttons: [
      Dialog.cancelButton({ label: trans.__('Cancel') }),
      Dialog.okButton({ label: trans.__('Download slides') })
    ]
  });
  if (!chosen.button.accept || !chosen.value) {
    return;
  }
  // Fetched first, so a refusal is the server's message, not a downloaded error page.
  const html = await client.presentation(
    groupId,
    chosen.value.snapshotIds,
    chosen.value.theme
  );
  download(
    new Blob([html], { type: 'text/html' }),
    `group-${groupId}-presentation.html`
  );
}
