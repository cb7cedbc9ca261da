import { IEditorLanguageRegistry } from '@jupyterlab/codemirror';
import { OutputArea, OutputAreaModel } from '@jupyterlab/outputarea';
import { IRenderMimeRegistry, MimeModel } from '@jupyterlab/rendermime';
import { TranslationBundle } from '@jupyterlab/translation';
import { Panel, Widget } from '@lumino/widgets';

import { NerdUpApiError } from '../api';
import { displayName } from '../people';
import { SnapshotAPI } from './api';
import { INotebookJSON, ISnapshot } from './types';

/** Cells rendered per step, so a long notebook never blocks the page. */
const BATCH = 40;

function text(source: string | string[] | undefined): string {
  return Array.isArray(source) ? source.join('') : (source ?? '');
}

function note(className: string, content: string): Widget {
  const widget = new Widget();
  widget.addClass(className);
  widget.node.textContent = content;
  return widget;
}

/**
 * A snapshot shown read-only: markdown through the sanitising rendermime, code as text,
 * outputs through an untrusted OutputArea (so HTML is sanitised and scripts never run).
 * No editor, no kernel, no iframe.
 */
export class SnapshotViewer extends Panel {
  constructor(
    private readonly snapshot: ISnapshot,
    private readonly rendermime: IRenderMimeRegistry,
    private readonly trans: TranslationBundle,
    private readonly languages: IEditorLanguageRegistry | null = null
  ) {
    super();
    this.addClass('jp-NerdUp-viewer');
    this.node.tabIndex = 0;
    this.node.setAttribute(
      'aria-label',
      trans.__('Snapshot %1 of %2, read-only', snapshot.id, snapshot.path)
    );
    this.addWidget(
      note(
        'jp-NerdUp-viewerBanner',
        trans.__(
          'Read-only snapshot #%1 of %2 by %3, %4: %5',
          snapshot.id,
          snapshot.path,
          displayName(snapshot.author),
          new Date(snapshot.created_at).toLocaleString(),
          snapshot.message || trans.__('(no message)')
        )
      )
    );
    this._status = note('jp-NerdUp-loading', trans.__('Loading snapshot…'));
    this.addWidget(this._status);
    void this._load();
  }

  /** Resolves once every cell is in the DOM. */
  get rendered(): Promise<void> {
    return this._done;
  }

  /**
   * Bring one cell into view and mark it (a question's anchor names it); false when the
   * snapshot has no cell of that id.
   */
  async showCell(cellId: string): Promise<boolean> {
    await this._done;
    const cells = this.node.querySelectorAll<HTMLElement>(
      '.jp-NerdUp-viewerCell'
    );
    cells.forEach(c => c.classList.remove('jp-NerdUp-viewerCell-anchor'));
    const cell = [...cells].find(c => c.dataset.cellId === cellId);
    if (!cell) {
      return false;
    }
    cell.classList.add('jp-NerdUp-viewerCell-anchor');
    cell.scrollIntoView({ block: 'center' });
    return true;
  }

  private async _load(): Promise<void> {
    let nb: INotebookJSON;
    try {
      nb = await SnapshotAPI.notebook(this.snapshot.id);
    } catch (error) {
      this._status.node.textContent = this.trans.__(
        'The snapshot could not be read: %1',
        error instanceof NerdUpApiError ? error.message : String(error)
      );
      this._status.addClass('jp-NerdUp-error');
      this._resolve();
      return;
    }
    this._status.dispose();
    const info = nb.metadata?.language_info ?? nb.metadata?.kernelspec ?? {};
    this._language = String(info.name ?? info.language ?? 'python');
    for (let start = 0; start < nb.cells.length; start += BATCH) {
      if (this.isDisposed) {
        return;
      }
      for (const cell of nb.cells.slice(start, start + BATCH)) {
        this.addWidget(this._cell(cell));
      }
      await new Promise(resolve => requestAnimationFrame(resolve));
    }
    this.node.dataset.cells = String(nb.cells.length);
    this._resolve();
  }

  private _cell(cell: INotebookJSON['cells'][number]) {
    const box = new Panel();
    box.addClass('jp-NerdUp-viewerCell');
    box.addClass(`jp-NerdUp-viewerCell-${cell.cell_type}`);
    if (typeof cell.id === 'string') {
      box.node.dataset.cellId = cell.id;
    }
    const source = text(cell.source);
    if (cell.cell_type === 'markdown') {
      const renderer = this.rendermime.createRenderer('text/markdown');
      void renderer.renderModel(
        new MimeModel({ data: { 'text/markdown': source }, trusted: false })
      );
      box.addWidget(renderer);
      return box;
    }
    if (cell.cell_type !== 'code') {
      box.addWidget(note('jp-NerdUp-viewerSource', source));
      return box;
    }
    const input = new Widget();
    input.addClass('jp-NerdUp-viewerInput');
    const prompt = document.createElement('div');
    prompt.className = 'jp-NerdUp-viewerPrompt';
    prompt.textContent = `[${cell.execution_count ?? ' '}]:`;
    const pre = document.createElement('pre');
    pre.className = 'jp-NerdUp-viewerSource';
    pre.textContent = source;
    this._highlight(source, pre);
    input.node.append(prompt, pre);
    box.addWidget(input);
    if (cell.outputs && cell.outputs.length > 0) {
      const model = new OutputAreaModel({
        values: cell.outputs,
        trusted: false
      });
      const area = new OutputArea({
        model,
        rendermime: this.rendermime
      });
      area.addClass('jp-NerdUp-viewerOutputs');
      box.addWidget(area);
    }
    return box;
  }

  /** Colour the code like the editor does; the plain text stays if that fails. */
  private _highlight(source: string, pre: HTMLElement): void {
    const language = this.languages?.findBest(this._language) ?? null;
    if (!this.languages || !language) {
      return;
    }
    const code = document.createElement('code');
    this.languages
      .highlight(source, language, code)
      .then(() => pre.replaceChildren(code))
      .catch(() => undefined);
  }

  private _language = 'python';
  private _status: Widget;
  private _resolve: () => void = () => undefined;
  private _done = new Promise<void>(resolve => (this._resolve = resolve));
}
