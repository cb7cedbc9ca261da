import { Dialog, Notification, showDialog } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';

import { NerdUpApiError } from '../api';
import { RhythmClient } from './client';

/** Hand `blob` to the browser as a download named `name`. */
export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The click has started the download; the URL is not needed after it.
  window.setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * "Export my portfolio": my own snapshots of all my groups, with a README of groups, tasks
 * and posts, as a git repository (.tar.gz). An empty portfolio is said, not downloaded.
 */
export async function exportPortfolio(
  client: RhythmClient,
  trans: TranslationBundle
): Promise<void> {
  let archive: Blob;
  try {
    archive = await client.portfolio();
  } catch (error) {
    if (!(error instanceof NerdUpApiError) || error.status !== 404) {
      throw error;
    }
    // Nothing to export: the server says what to do first.
    await showDialog({
      title: trans.__('Nothing to export yet'),
      body: error.message,
      buttons: [Dialog.okButton({ label: trans.__('OK') })]
    });
    return;
  }
  download(archive, 'portfolio.tar.gz');
  Notification.success(
    trans.__(
      'Your portfolio is downloading: a git repository of your snapshots with a README.'
    ),
    { autoClose: 5000 }
  );
}
