import * as React from 'react';

import { MimeModel } from '@jupyterlab/rendermime';

import { useSidebar } from './context';
import { snapshotLinkId } from './SnapshotLinks';

export interface IMarkdownProps {
  source: string;
  className?: string;
}

/**
 * User-written markdown, rendered by JupyterLab's markdown renderer as untrusted
 * content (sanitized HTML, no scripts). Without a renderer it shows the plain text.
 * A link to a snapshot as the server writes it into recaps (`snapshots/{id}`) opens
 * that snapshot read-only instead of a page or a file of that name.
 */
export function Markdown(props: IMarkdownProps): JSX.Element | null {
  const { rendermime, openSnapshot } = useSidebar();
  const host = React.useRef<HTMLDivElement>(null);
  const { source } = props;

  React.useEffect(() => {
    const node = host.current;
    if (!node || !rendermime || !source) {
      return;
    }
    const renderer = rendermime.createRenderer('text/markdown');
    const model = new MimeModel({
      data: { 'text/markdown': source },
      trusted: false
    });
    let disposed = false;
    void renderer.renderModel(model).then(() => {
      if (!disposed) {
        node.replaceChildren(renderer.node);
      }
    });
    return () => {
      disposed = true;
      renderer.dispose();
      node.replaceChildren();
    };
  }, [rendermime, source]);

  if (!source) {
    return null;
  }
  const className = `jp-NerdUp-markdown ${props.className ?? ''}`;
  if (!rendermime) {
    return <div className={`${className} jp-NerdUp-plain`}>{source}</div>;
  }
  const onClickCapture = (event: React.MouseEvent) => {
    const anchor = (event.target as Element).closest?.('a');
    const id = snapshotLinkId(anchor?.getAttribute('href'));
    if (id === null || !openSnapshot) {
      return;
    }
    event.preventDefault();
    event.stopPropagation();
    openSnapshot(id, false);
  };
  return (
    <div className={className} ref={host} onClickCapture={onClickCapture} />
  );
}
