import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette, Notification } from '@jupyterlab/apputils';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

import { CommandIDs } from '../commands';
import { RhythmClient } from '../rhythm/client';
import { exportBlogPost } from '../rhythm/blogexport';
import { exportPortfolio } from '../rhythm/portfolio';
import { presentJourney } from '../rhythm/present';

/** `nerdup:export-blog-post`, args `{ snapshotId: number }`. */
export const RhythmCommandIDs = {
  exportBlogPost: CommandIDs.exportBlogPost,
  present: CommandIDs.present,
  exportPortfolio: CommandIDs.exportPortfolio
};

/**
 * The "Export as blog post" command on a snapshot: any view that shows a snapshot (the
 * history, the sidebar's showcase) runs it with the snapshot's id.
 */
export const rhythmPlugin: JupyterFrontEndPlugin<void> = {
  id: 'nerdup-lab:rhythm',
  description: 'Sessions, questions, reflections and blog posts of a group.',
  autoStart: true,
  optional: [ITranslator, ICommandPalette],
  activate: (
    app: JupyterFrontEnd,
    translator: ITranslator | null,
    palette: ICommandPalette | null
  ): void => {
    const trans = (translator ?? nullTranslator).load('nerdup_lab');
    const client = new RhythmClient();
    app.commands.addCommand(RhythmCommandIDs.exportBlogPost, {
      label: trans.__('Export as blog post'),
      caption: trans.__(
        'Turn a snapshot into a Markdown or HTML blog post, in the workspace or as a download'
      ),
      isEnabled: args => typeof args.snapshotId === 'number',
      execute: async args => {
        try {
          await exportBlogPost({
            snapshotId: Number(args.snapshotId),
            trans,
            client,
            openPath: path =>
              void app.commands.execute('docmanager:open', { path })
          });
        } catch (error) {
          Notification.error(
            error instanceof Error ? error.message : String(error)
          );
        }
      }
    });
    const fail = (error: unknown) =>
      Notification.error(
        error instanceof Error ? error.message : String(error)
      );
    app.commands.addCommand(RhythmCommandIDs.present, {
      label: trans.__('Present the journey'),
      caption: trans.__(
        'The group journey as slides with the snapshots you pick: one HTML file'
      ),
      isEnabled: args => typeof args.groupId === 'number',
      execute: args =>
        presentJourney({ groupId: Number(args.groupId), trans, client }).catch(
          fail
        )
    });
    app.commands.addCommand(RhythmCommandIDs.exportPortfolio, {
      label: trans.__('Export my portfolio'),
      caption: trans.__(
        'My own snapshots of all my groups, with a README of groups, tasks and posts, as a git repository'
      ),
      execute: () => exportPortfolio(client, trans).catch(fail)
    });
    palette?.addItem({
      command: RhythmCommandIDs.exportPortfolio,
      category: trans.__('Study groups')
    });
  }
};
