import * as React from 'react';

import { PathExt } from '@jupyterlab/coreutils';

import { useSidebar } from './context';

export interface ISnapshotLinksProps {
  snapshotId: number;
  /** The notebook's path in its author's workspace (shown as its file name). */
  path?: string | null;
  /** What the name button says instead of the file name. */
  label?: string;
}

/**
 * A snapshot wherever one is shown: its name opens it read-only in the snapshot viewer,
 * "Open a copy in my workspace" beside it writes a copy as a new file of mine. Never the
 * snapshot's own path: that file is in its author's workspace, not in mine.
 */
export function SnapshotLinks(props: ISnapshotLinksProps): JSX.Element {
  const { trans, openSnapshot } = useSidebar();
  const path = props.path ?? '';
  const name =
    props.label ??
    (path ? PathExt.basename(path) : trans.__('Snapshot %1', props.snapshotId));
  if (!openSnapshot) {
    return (
      <span className="jp-NerdUp-snapshotLinks">
        <span className="jp-NerdUp-ellipsis" title={path || name}>
          {name}
        </span>
      </span>
    );
  }
  return (
    <span className="jp-NerdUp-snapshotLinks">
      <button
        className="jp-NerdUp-linkButton jp-NerdUp-ellipsis jp-NerdUp-snapshotName"
        title={
          path
            ? trans.__('Open this snapshot of %1 (read-only)', path)
            : trans.__('Open this snapshot (read-only)')
        }
        onClick={() => openSnapshot(props.snapshotId, false)}
      >
        {name}
      </button>
      <button
        className="jp-NerdUp-linkButton jp-NerdUp-snapshotCopy"
        title={trans.__(
          'Write this snapshot as a new notebook in my workspace and open it'
        )}
        onClick={() => openSnapshot(props.snapshotId, true)}
      >
        {trans.__('Open a copy in my workspace')}
      </button>
    </span>
  );
}

/** The snapshot a feed item names (`subject.snapshot_id`), else null. */
export function snapshotOf(
  subject: Record<string, unknown> | null | undefined
): { id: number; path: string | null } | null {
  const id = Number(subject?.snapshot_id);
  if (!Number.isInteger(id) || id <= 0) {
    return null;
  }
  const path = subject?.path;
  return { id, path: typeof path === 'string' ? path : null };
}

/**
 * The snapshot id of a link the server writes into recaps (`snapshots/{id}`, relative
 * to the REST API root), else null.
 */
export function snapshotLinkId(href: string | null | undefined): number | null {
  const found = /^(?:\.\/)?snapshots\/(\d+)\/?$/.exec((href ?? '').trim());
  return found ? Number(found[1]) : null;
}
