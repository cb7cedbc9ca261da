import * as React from 'react';

import { Dialog } from '@jupyterlab/apputils';
import { Button } from '@jupyterlab/ui-components';

import { IGroup } from '../model/types';
import { ISidebarContext, SidebarContext, useSidebar } from './context';
import { FormDialog, FormDialogBody } from './FormDialog';
import { InlineForm } from './InlineForm';

/** Whether a group takes its participants by request (#14). */
export function byRequest(group: IGroup): boolean {
  return group.join_rule === 'request';
}

/**
 * The dialog of "Ask to join": an optional short note for the organisers. Resolves true
 * when the request was sent; a note that is too long stays in the dialog with the reason.
 */
export async function askToJoinDialog(
  ctx: ISidebarContext,
  group: IGroup
): Promise<boolean> {
  const { model, trans } = ctx;
  const body = new FormDialogBody(ref => (
    <SidebarContext.Provider value={ctx}>
      <p className="jp-NerdUp-hint">
        {trans.__(
          'An organiser of “%1” reads your request and lets you in as a participant. You can follow the group meanwhile.',
          group.title
        )}
      </p>
      <InlineForm
        ref={ref}
        embedded
        label={trans.__('Ask to join “%1”', group.title)}
        submitLabel={trans.__('Send request')}
        fields={[
          {
            name: 'message',
            label: trans.__('A note for the organisers (optional)'),
            type: 'textarea'
          }
        ]}
        initial={{ message: '' }}
        onSubmit={values =>
          model.actions.askToJoin(group.id, String(values.message ?? ''))
        }
        onCancel={() => undefined}
      />
    </SidebarContext.Provider>
  ));
  const dialog = new FormDialog({
    title: trans.__('Ask to join “%1”', group.title),
    body,
    focusNodeSelector: 'textarea',
    buttons: [
      Dialog.cancelButton({ label: trans.__('Cancel') }),
      Dialog.okButton({ label: trans.__('Send request') })
    ]
  });
  dialog.addClass('jp-NerdUp-editDialog');
  const result = await dialog.launch();
  return result.button.accept;
}

export interface IAskToJoinProps {
  group: IGroup;
  /** The button's text; "Ask to join" unless given. */
  label?: string;
}

/**
 * For a "by request" group: "Ask to join" (a dialog with an optional note), then
 * "Request sent · Withdraw" while the request waits for an organiser.
 */
export function AskToJoin(props: IAskToJoinProps): JSX.Element {
  const ctx = useSidebar();
  const { model, trans } = ctx;
  const { group } = props;
  const [busy, setBusy] = React.useState(false);
  const pending = group.my_join_request?.status === 'pending';
  const act = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await fn();
    } finally {
      setBusy(false);
    }
  };
  if (pending) {
    return (
      <span className="jp-NerdUp-requestSent">
        <span role="status" title={trans.__('An organiser will answer.')}>
          {trans.__('Request sent')}
        </span>
        <span aria-hidden="true">·</span>
        <Button
          small
          minimal
          disabled={busy}
          aria-label={trans.__('Withdraw your request to join %1', group.title)}
          onClick={() =>
            void act(() => model.actions.withdrawJoinRequest(group.id))
          }
        >
          {trans.__('Withdraw')}
        </Button>
      </span>
    );
  }
  return (
    <Button
      small
      disabled={busy}
      aria-label={trans.__('Ask to join %1', group.title)}
      onClick={() => void act(() => askToJoinDialog(ctx, group))}
    >
      {props.label ?? trans.__('Ask to join')}
    </Button>
  );
}
