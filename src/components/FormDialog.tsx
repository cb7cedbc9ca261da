import * as React from 'react';

import { Dialog } from '@jupyterlab/apputils';
import { ReactWidget } from '@jupyterlab/ui-components';
import { Widget } from '@lumino/widgets';

import { IInlineFormHandle } from './InlineForm';

/** The body of a FormDialog: a widget holding a form it can submit. */
export interface ISubmittableBody extends Widget {
  /** Submit the form; true when it saved (false keeps the dialog open). */
  submit(): Promise<boolean>;
}

/** A dialog body that renders a form (an InlineForm with `embedded`) and can submit it. */
export class FormDialogBody extends ReactWidget implements ISubmittableBody {
  constructor(
    private readonly _render: (
      ref: React.RefObject<IInlineFormHandle>
    ) => JSX.Element
  ) {
    super();
    this.addClass('jp-NerdUp-dialogBody');
  }

  /** Submit the form; true when it saved. */
  submit(): Promise<boolean> {
    return this._form.current?.submit() ?? Promise.resolve(false);
  }

  render(): JSX.Element {
    return this._render(this._form);
  }

  private _form = React.createRef<IInlineFormHandle>();
}

/**
 * A JupyterLab Dialog whose accept button (or Enter in a field) submits the form in its
 * body and closes only when the save worked: a field error or a stale edit stays in the
 * dialog, next to what the user typed. Escape and Cancel close it as usual.
 */
export class FormDialog extends Dialog<void> {
  constructor(options: FormDialog.IOptions) {
    super(options);
    this._form = options.body;
    this._choices = options.buttons ?? [
      Dialog.cancelButton(),
      Dialog.okButton()
    ];
    this._default = options.defaultButton ?? this._choices.length - 1;
  }

  /** Whether a save is under way (a second Enter waits for it). */
  get saving(): boolean {
    return this._saving;
  }

  resolve(index?: number): void {
    const button = this._choices[index ?? this._default];
    if (!button?.accept) {
      super.resolve(index);
      return;
    }
    if (this._saving) {
      return;
    }
    this._saving = true;
    this.node.setAttribute('aria-busy', 'true');
    void this._form
      .submit()
      .catch(() => false)
      .then(saved => {
        this._saving = false;
        if (this.isDisposed) {
          return;
        }
        this.node.removeAttribute('aria-busy');
        if (saved) {
          super.resolve(index);
        }
      });
  }

  private _form: ISubmittableBody;
  private _choices: readonly Dialog.IButton[];
  private _default: number;
  private _saving = false;
}

export namespace FormDialog {
  export interface IOptions extends Partial<Dialog.IOptions<void>> {
    body: ISubmittableBody;
  }
}
