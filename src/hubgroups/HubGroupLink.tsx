import * as React from 'react';

import { Dialog, showDialog } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import { Button, InputGroup } from '@jupyterlab/ui-components';

import { NerdUpApiError } from '../api';
import { HubGroupClient, IHubGroupLink, IHubGroupSync } from './client';

export interface IHubGroupLinkProps {
  groupId: number;
  groupTitle: string;
  /** Only organizers link, import and unlink; everyone sees where members come from. */
  isOrganizer: boolean;
  client: HubGroupClient;
  trans: TranslationBundle;
  /** Changes whenever the group changes, so the link is read again (e.g. its version). */
  revision?: unknown;
  /** After a change: the group view reloads its members. */
  onChanged?: () => void;
  /** Asks before unlinking; resolves true to go on. */
  confirm?: (title: string, body: string, ok: string) => Promise<boolean>;
}

async function confirmWithDialog(
  title: string,
  body: string,
  ok: string,
  trans: TranslationBundle
): Promise<boolean> {
  const result = await showDialog({
    title,
    body,
    buttons: [
      Dialog.cancelButton({ label: trans.__('Cancel') }),
      Dialog.warnButton({ label: ok })
    ]
  });
  return result.button.accept;
}

/** What an import changed, in one sentence. */
export function describeSync(
  sync: IHubGroupSync,
  trans: TranslationBundle
): string {
  const parts: string[] = [];
  if (sync.added.length > 0) {
    parts.push(trans.__('joined: %1', sync.added.join(', ')));
  }
  if (sync.removed.length > 0) {
    parts.push(trans.__('left: %1', sync.removed.join(', ')));
  }
  return parts.length > 0
    ? trans.__(
        'Imported from “%1”, %2.',
        sync.hub_group ?? '',
        parts.join('; ')
      )
    : trans.__(
        'Imported from “%1”: nobody joined or left.',
        sync.hub_group ?? ''
      );
}

/**
 * The group's link to a JupyterHub group: a read-only import of its members, for hubs
 * that already manage groups. Shows nothing where nerdup runs without JupyterHub.
 */
export function HubGroupLink(props: IHubGroupLinkProps): JSX.Element | null {
  const { client, trans, groupId } = props;
  // undefined: loading; null: no JupyterHub here.
  const [link, setLink] = React.useState<IHubGroupLink | null | undefined>();
  const [name, setName] = React.useState('');
  const [busy, setBusy] = React.useState(false);
  const [error, setError] = React.useState<string | null>(null);
  const [done, setDone] = React.useState<string | null>(null);
  const inputId = `jp-NerdUp-hubGroup-${groupId}`;

  React.useEffect(() => {
    let alive = true;
    client.get(groupId).then(
      found => alive && setLink(found),
      () => alive && setLink(null) // the group view reports a server that is down
    );
    return () => {
      alive = false;
    };
  }, [client, groupId, props.revision]);

  const run = async (work: () => Promise<IHubGroupLink | null>) => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const after = await work();
      if (after) {
        setLink(after);
        if ('added' in after) {
          setDone(describeSync(after as IHubGroupSync, trans));
        }
      }
      props.onChanged?.();
    } catch (err) {
      setError(err instanceof NerdUpApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  const submitLink = (event: React.FormEvent) => {
    event.preventDefault();
    const wanted = name.trim();
    if (!wanted) {
      setError(trans.__('Type the name of a group on your JupyterHub.'));
      return;
    }
    void run(async () => {
      const linked = await client.link(groupId, wanted);
      setName('');
      return linked;
    });
  };

  const unlink = async () => {
    const ask =
      props.confirm ?? ((t, b, o) => confirmWithDialog(t, b, o, trans));
    const ok = await ask(
      trans.__(
        'Unlink “%1” from “%2”?',
        props.groupTitle,
        link?.hub_group ?? ''
      ),
      trans.__(
        'Everyone stays a member; nobody is imported or removed any more. You can link it again later.'
      ),
      trans.__('Unlink')
    );
    if (ok) {
      await run(async () => {
        await client.unlink(groupId);
        return client.get(groupId);
      });
    }
  };

  if (!link || (!link.linked && !props.isOrganizer)) {
    return null;
  }
  return (
    <section
      className="jp-NerdUp-section jp-NerdUp-hubGroup"
      aria-labelledby={`${inputId}-h`}
    >
      <h3 id={`${inputId}-h`} className="jp-NerdUp-sectionTitle">
        {trans.__('JupyterHub group')}
      </h3>
      {link.linked ? (
        <p className="jp-NerdUp-hubGroupState">
          {trans.__('Members are imported from the JupyterHub group')}{' '}
          <strong>{link.hub_group}</strong>
          {link.synced_at
            ? ` · ${trans.__(
                'last import %1 by %2',
                new Date(link.synced_at).toLocaleString(),
                link.synced_by ?? ''
              )}`
            : ''}
        </p>
      ) : (
        <p className="jp-NerdUp-hint">
          {trans.__(
            'Import the members of a group your JupyterHub already has. Nothing is written to JupyterHub.'
          )}
        </p>
      )}
      {props.isOrganizer && !link.linked && (
        <form
          className="jp-NerdUp-form jp-NerdUp-hubGroupForm"
          onSubmit={submitLink}
          aria-label={trans.__('Link a JupyterHub group')}
          noValidate
        >
          <label htmlFor={inputId}>{trans.__('JupyterHub group name')}</label>
          <InputGroup
            id={inputId}
            type="text"
            value={name}
            aria-invalid={!!error}
            onChange={e => setName((e.target as HTMLInputElement).value)}
          />
          <div className="jp-NerdUp-actions">
            <Button
              type="submit"
              small
              className="jp-NerdUp-primary"
              disabled={busy}
            >
              {trans.__('Link and import members')}
            </Button>
          </div>
        </form>
      )}
      {props.isOrganizer && link.linked && (
        <div className="jp-NerdUp-actions">
          <Button
            small
            disabled={busy}
            onClick={() => void run(() => client.sync(groupId))}
          >
            {trans.__('Import again')}
          </Button>
          <Button
            small
            minimal
            className="jp-NerdUp-danger"
            disabled={busy}
            onClick={() => void unlink()}
          >
            {trans.__('Unlink…')}
          </Button>
        </div>
      )}
      {busy && (
        <div className="jp-NerdUp-hint" role="status">
          {trans.__('Asking JupyterHub…')}
        </div>
      )}
      {done && (
        <div className="jp-NerdUp-hint" role="status">
          {done}
        </div>
      )}
      {error && (
        <div className="jp-NerdUp-formError" role="alert">
          {error}
        </div>
      )}
    </section>
  );
}
