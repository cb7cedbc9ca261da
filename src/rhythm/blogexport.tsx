import * as React from 'react';

import { Dialog, showDialog } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';

import { NerdUpApiError } from '../api';
import { RhythmClient } from './client';
import { IBlogOptions } from './types';

/** The options form of the "Export as blog post" dialog. */
class OptionsBody
  extends ReactWidget
  implements Dialog.IBodyWidget<IBlogOptions & { target: string }>
{
  constructor(private readonly _trans: TranslationBundle) {
    super();
    this.addClass('jp-NerdUp-blogDialog');
  }

  getValue(): IBlogOptions & { target: string } {
    const form = this.node.querySelector('form') as HTMLFormElement;
    const data = new FormData(form);
    return {
      format: data.get('format') === 'html' ? 'html' : 'markdown',
      hide_code: data.get('hide_code') === 'on',
      hide_outputs: data.get('hide_outputs') === 'on',
      directory: String(data.get('directory') ?? 'posts'),
      target: String(data.get('target') ?? 'workspace')
    };
  }

  render(): JSX.Element {
    const trans = this._trans;
    return (
      <form onSubmit={e => e.preventDefault()}>
        <fieldset>
          <legend>{trans.__('Format')}</legend>
          <label>
            <input type="radio" name="format" value="markdown" defaultChecked />{' '}
            {trans.__('Markdown, images as files')}
          </label>
          <label>
            <input type="radio" name="format" value="html" />{' '}
            {trans.__('One HTML page')}
          </label>
        </fieldset>
        <fieldset>
          <legend>{trans.__('Hide')}</legend>
          <label>
            <input type="checkbox" name="hide_code" /> {trans.__('all code')}
          </label>
          <label>
            <input type="checkbox" name="hide_outputs" />{' '}
            {trans.__('all outputs')}
          </label>
          <p className="jp-NerdUp-hint">
            {trans.__(
              'Cells tagged remove-cell, hide-input or hide-output are hidden too.'
            )}
          </p>
        </fieldset>
        <fieldset>
          <legend>{trans.__('Where')}</legend>
          <label>
            <input
              type="radio"
              name="target"
              value="workspace"
              defaultChecked
            />{' '}
            {trans.__('Into the workspace, folder:')}{' '}
            <input
              name="directory"
              defaultValue="posts"
              aria-label={trans.__('Folder')}
            />
          </label>
          <label>
            <input type="radio" name="target" value="download" />{' '}
            {trans.__('Download')}
          </label>
        </fieldset>
      </form>
    );
  }
}

export interface IExportOptions {
  snapshotId: number;
  trans: TranslationBundle;
  client: RhythmClient;
  /** Opens a file of the workspace once written. */
  openPath: (path: string) => void;
}

/**
 * "Export as blog post": ask for the format and what to hide, then write the post into
 * the workspace (asking before replacing existing files) or download it.
 */
export async function exportBlogPost(options: IExportOptions): Promise<void> {
  const { trans, client, snapshotId } = options;
  const chosen = await showDialog({
    title: trans.__('Export snapshot as a blog post'),
    body: new OptionsBody(trans),
    buttons: [
      Dialog.cancelButton({ label: trans.__('Cancel') }),
      Dialog.okButton({ label: trans.__('Export') })
    ]
  });
  if (!chosen.button.accept || !chosen.value) {
    return;
  }
  const { target, ...blog } = chosen.value;
  if (target === 'download') {
    const link = document.createElement('a');
    link.href = client.blogDownloadUrl(snapshotId, blog);
    link.download = '';
    document.body.appendChild(link);
    link.click();
    link.remove();
    return;
  }
  try {
    const written = await client.writeBlogPost(snapshotId, blog);
    options.openPath(written.path);
  } catch (error) {
    if (!(error instanceof NerdUpApiError) || error.status !== 409) {
      throw error;
    }
    const replace = await showDialog({
      title: trans.__('Replace the existing post?'),
      body: error.message,
      buttons: [
        Dialog.cancelButton({ label: trans.__('Keep it') }),
        Dialog.warnButton({ label: trans.__('Replace') })
      ]
    });
    if (replace.button.accept) {
      const written = await client.writeBlogPost(snapshotId, {
        ...blog,
        overwrite: true
      });
      options.openPath(written.path);
    }
  }
}
