import { JupyterFrontEnd } from '@jupyterlab/application';
import { IEditorLanguageRegistry } from '@jupyterlab/codemirror';
import {
  Dialog,
  MainAreaWidget,
  Notification,
  showDialog
} from '@jupyterlab/apputils';
import { PathExt } from '@jupyterlab/coreutils';
import { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import { TranslationBundle } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';

import { NerdUpApiError } from '../api';
import { displayName } from '../people';
import { SnapshotAPI } from './api';
import { DiffRendererRegistry } from './diff/registry';
import { SnapshotDiffWidget } from './diff/widget';
import { snapshotIcon } from './icons';
import { DiffTarget, INotebookJSON, ISnapshot } from './types';
import { SnapshotViewer } from './viewer';

/** Restore under the server's name, or the next free one (` 2`, ` 3`...) if taken. */
export async function restoreWithFreeName(
  snapshot: ISnapshot,
  restore: typeof SnapshotAPI.restore = SnapshotAPI.restore,
  tries = 20
): Promise<{ path: string }> {
  for (let n = 1; ; n++) {
    try {
      return await restore(
        snapshot.id,
        n === 1 ? undefined : SnapshotAPI.restoreName(snapshot, n)
      );
    } catch (error) {
      if (
        !(error instanceof NerdUpApiError) ||
        error.status !== 409 ||
        n >= tries
      ) {
        throw error;
      }
    }
  }
}

/** Opening snapshots, diffs and restores in the main area; one instance per lab. */
export class SnapshotOpener {
  constructor(
    private readonly app: JupyterFrontEnd,
    private readonly rendermime: IRenderMimeRegistry,
    private readonly registry: DiffRendererRegistry,
    private readonly trans: TranslationBundle,
    private readonly languages: IEditorLanguageRegistry | null = null
  ) {}

  /** A snapshot's record by id. */
  snapshot(id: number): Promise<ISnapshot> {
    return SnapshotAPI.get(id);
  }

  /**
   * Show a snapshot read-only (reuses an open tab of the same snapshot); with `cellId`,
   * that cell brought into view and marked (a question about a cell opens it so).
   */
  async open(
    snapshotOrId: ISnapshot | number,
    cellId?: string
  ): Promise<Widget> {
    const snapshot =
      typeof snapshotOrId === 'number'
        ? await SnapshotAPI.get(snapshotOrId)
        : snapshotOrId;
    const id = `nerdup-snapshot-${snapshot.id}`;
    const found = this._find(id);
    if (found) {
      this.app.shell.activateById(id);
      if (cellId) {
        void this._viewerOf(found)?.showCell(cellId);
      }
      return found;
    }
    const content = new SnapshotViewer(
      snapshot,
      this.rendermime,
      this.trans,
      this.languages
    );
    const widget = new MainAreaWidget({ content });
    widget.id = id;
    widget.title.label = this.trans.__(
      '%1 @ #%2',
      PathExt.basename(snapshot.path),
      snapshot.id
    );
    widget.title.caption = this.trans.__(
      'Snapshot #%1 of %2 (read-only)',
      snapshot.id,
      snapshot.path
    );
    widget.title.icon = snapshotIcon;
    widget.title.closable = true;
    this.app.shell.add(widget, 'main');
    this.app.shell.activateById(id);
    if (cellId) {
      void content.showCell(cellId);
    }
    return widget;
  }

  private _viewerOf(widget: Widget): SnapshotViewer | null {
    const content = (widget as MainAreaWidget).content;
    return content instanceof SnapshotViewer ? content : null;
  }

  /** Compare two snapshots (older first) in the main area. */
  diff(older: ISnapshot, newer: ISnapshot): Widget {
    return this._diff(
      { kind: 'snapshots', a: older.id, b: newer.id },
      this.trans.__('#%1 by %2', older.id, displayName(older.author)),
      this.trans.__('#%1 by %2', newer.id, displayName(newer.author)),
      () => SnapshotAPI.notebook(newer.id)
    );
  }

  /** Compare a snapshot with the saved file at its path. */
  diffWithFile(snapshot: ISnapshot, path = snapshot.path): Widget {
    const contents = this.app.serviceManager.contents;
    return this._diff(
      { kind: 'file', a: snapshot.id, path },
      this.trans.__('#%1 by %2', snapshot.id, displayName(snapshot.author)),
      this.trans.__('saved %1', PathExt.basename(path)),
      async () =>
        (await contents.get(path, { type: 'notebook', content: true }))
          .content as INotebookJSON
    );
  }

  /**
   * Restore a snapshot as a new file (never over an existing one), after confirmation,
   * and open the new file.
   */
  async restore(snapshot: ISnapshot): Promise<string | null> {
    const trans = this.trans;
    const answer = await showDialog({
      title: trans.__('Restore snapshot #%1?', snapshot.id),
      body: trans.__(
        'The snapshot "%1" of %2 is written as a new notebook next to it. The current file is not changed.',
        snapshot.message || trans.__('(no message)'),
        snapshot.path
      ),
      buttons: [
        Dialog.cancelButton({ label: trans.__('Cancel') }),
        Dialog.okButton({ label: trans.__('Restore as new file') })
      ]
    });
    if (!answer.button.accept) {
      return null;
    }
    try {
      const result = await restoreWithFreeName(snapshot);
      const { commands } = this.app;
      if (commands.hasCommand('filebrowser:refresh')) {
        void commands.execute('filebrowser:refresh');
      }
      await commands.execute('docmanager:open', { path: result.path });
      Notification.success(
        trans.__('Snapshot #%1 restored as %2.', snapshot.id, result.path),
        { autoClose: 5000 }
      );
      return result.path;
    } catch (error) {
      Notification.error(
        trans.__(
          'The snapshot could not be restored: %1',
          error instanceof NerdUpApiError ? error.message : String(error)
        ),
        { autoClose: false }
      );
      return null;
    }
  }

  private _diff(
    target: DiffTarget,
    oldLabel: string,
    newLabel: string,
    loadNewSide: () => Promise<INotebookJSON>
  ): Widget {
    const id =
      target.kind === 'snapshots'
        ? `nerdup-diff-${target.a}-${target.b}`
        : `nerdup-diff-${target.a}-file`;
    const found = this._find(id);
    if (found) {
      // A diff against the file must show the file as saved now.
      if (target.kind === 'file') {
        found.dispose();
      } else {
        return found;
      }
    }
    const content = new SnapshotDiffWidget({
      target,
      registry: this.registry,
      trans: this.trans,
      oldLabel,
      newLabel,
      loadNewSide
    });
    const widget = new MainAreaWidget({ content });
    widget.id = id;
    widget.title.label =
      target.kind === 'snapshots'
        ? this.trans.__('Diff #%1 → #%2', target.a, target.b)
        : this.trans.__('Diff #%1 → file', target.a);
    widget.title.caption = this.trans.__('Diff %1 → %2', oldLabel, newLabel);
    widget.title.icon = snapshotIcon;
    widget.title.closable = true;
    this.app.shell.add(widget, 'main');
    this.app.shell.activateById(id);
    return widget;
  }

  private _find(id: string): Widget | null {
    for (const widget of this.app.shell.widgets('main')) {
      if (widget.id === id) {
        this.app.shell.activateById(id);
        return widget;
      }
    }
    return null;
  }
}
