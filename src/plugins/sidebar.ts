import {
  ILabShell,
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette, Notification } from '@jupyterlab/apputils';
import { INotebookTracker } from '@jupyterlab/notebook';
import { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { IStateDB } from '@jupyterlab/statedb';
import { IStatusBar } from '@jupyterlab/statusbar';
import {
  ITranslator,
  nullTranslator,
  TranslationBundle
} from '@jupyterlab/translation';

import { NerdUpApiError, requestAPI } from '../api';
import { CommandIDs } from '../commands';
import { readRecord } from '../notebook/record';
import { GroupsModel } from '../model/groups';
import { EventStream, LiveUpdates } from '../model/live';
import { ISidebarContext } from '../components/context';
import { SidebarPanel } from '../sidebar/panel';
import { GroupStatusItem } from '../statusbar/item';
import { INerdUpGroups } from '../tokens';
import { activateWorkspace, GroupWorkspace } from '../workspace';
import { FRONTEND_VERSION, IServerStatus, isVersionMismatch } from '../version';

/** The id of the settings schema/plugin.json belongs to. */
export const PLUGIN_ID = 'nerdup-lab:plugin';

export { CommandIDs };

/**
 * The "Study groups" sidebar, its status bar item and the INerdUpGroups token. Also
 * checks at start that the server extension has the same version as this extension.
 */
export const sidebarPlugin: JupyterFrontEndPlugin<INerdUpGroups> = {
  id: PLUGIN_ID,
  description:
    'Study groups next to your notebooks: plan, tasks, proposals, activity.',
  autoStart: true,
  provides: INerdUpGroups,
  optional: [
    ILabShell,
    ILayoutRestorer,
    ITranslator,
    IStateDB,
    ISettingRegistry,
    IRenderMimeRegistry,
    INotebookTracker,
    IStatusBar,
    ICommandPalette
  ],
  activate: (
    app: JupyterFrontEnd,
    labShell: ILabShell | null,
    restorer: ILayoutRestorer | null,
    translator: ITranslator | null,
    state: IStateDB | null,
    settings: ISettingRegistry | null,
    rendermime: IRenderMimeRegistry | null,
    notebooks: INotebookTracker | null,
    statusBar: IStatusBar | null,
    palette: ICommandPalette | null
  ): INerdUpGroups => {
    const trans = (translator ?? nullTranslator).load('nerdup_lab');
    const model = new GroupsModel({ state, trans });

    const context: ISidebarContext = {
      model,
      trans,
      rendermime,
      openNotebookPath: () => notebooks?.currentWidget?.context.path ?? null,
      openNotebookGroup: () =>
        readRecord(notebooks?.currentWidget?.context.model)?.group ?? null,
      commitOpenNotebook: () => {
        if (app.commands.hasCommand(CommandIDs.commit)) {
          void app.commands.execute(CommandIDs.commit);
        }
      },
      openPath: path => void app.commands.execute('docmanager:open', { path }),
      openGroup: (groupId, section) =>
        void app.commands.execute(CommandIDs.openGroup, {
          groupId,
          ...(section ? { section } : {})
        }),
      openTaskNotebook: (groupId, taskId, path) => {
        if (!app.commands.hasCommand(CommandIDs.openTaskNotebook)) {
          return;
        }
        app.commands
          .execute(CommandIDs.openTaskNotebook, {
            groupId,
            taskId,
            ...(path ? { path } : {})
          })
          .catch(error =>
            Notification.error(
              trans.__(
                'Your notebook for this task did not open: %1',
                error instanceof Error ? error.message : String(error)
              ),
              { autoClose: 8000 }
            )
          );
      },
      openSnapshot: (id, copy, cellId) => {
        const command = copy ? CommandIDs.restore : CommandIDs.openSnapshot;
        if (app.commands.hasCommand(command)) {
          void app.commands.execute(command, {
            id,
            ...(cellId && !copy ? { cellId } : {})
          });
        }
      }
    };
    const panel = new SidebarPanel(context);
    app.shell.add(panel, 'left', { rank: 600 });
    restorer?.add(panel, panel.id);
    // "Link notebook" and the navigator's Commit follow the notebook in focus, and its
    // record, which is read once the file has loaded and may be written later.
    const watched = new WeakSet<object>();
    notebooks?.currentChanged.connect((_, nb) => {
      panel.update();
      if (nb && !watched.has(nb)) {
        watched.add(nb);
        void nb.context.ready.then(() => panel.update());
        nb.context.model.metadataChanged.connect(() => panel.update());
      }
    });

    const live = new LiveUpdates({
      model,
      stream: (app.serviceManager.events?.stream ?? null) as EventStream | null,
      isVisible: () => panel.isVisible
    });
    panel.shown.connect(() => live.wake());

    model.noticeRaised.connect((_, notice) => {
      if (notice.kind === 'warning') {
        Notification.warning(notice.text, { autoClose: 8000 });
      }
    });

    app.commands.addCommand(CommandIDs.openSidebar, {
      label: trans.__('Open Study groups'),
      caption: trans.__('Show the Study groups sidebar'),
      execute: () => {
        app.shell.activateById(panel.id);
      }
    });
    app.commands.addCommand(CommandIDs.refresh, {
      label: trans.__('Reload study groups'),
      execute: () => model.refresh()
    });
    palette?.addItem({
      command: CommandIDs.openSidebar,
      category: trans.__('Study groups')
    });
    palette?.addItem({
      command: CommandIDs.refresh,
      category: trans.__('Study groups')
    });

    activateWorkspace(app, context, restorer, palette, labShell);

    if (statusBar) {
      const item = new GroupStatusItem(model, trans, () => {
        // The current group's room, or the navigator when no group is open.
        void app.commands.execute(
          model.currentId !== null
            ? CommandIDs.openGroup
            : CommandIDs.openSidebar
        );
      });
      statusBar.registerStatusItem('nerdup-lab:status', {
        item,
        align: 'left',
        rank: 4,
        isActive: () => true
      });
    }

    void start(model, settings, panel, trans).then(() => {
      // A room restored with the layout and in front keeps its group current.
      const front = labShell?.currentWidget;
      if (front instanceof GroupWorkspace) {
        void front.content.focusGroup();
      }
    });
    return model;
  }
};

/** Read the default group, check the server, then load the groups. */
async function start(
  model: GroupsModel,
  settings: ISettingRegistry | null,
  panel: SidebarPanel,
  trans: TranslationBundle
): Promise<void> {
  if (settings) {
    try {
      const loaded = await settings.load(PLUGIN_ID);
      const read = () => {
        const id = loaded.get('defaultGroup').composite;
        model.defaultGroupId = typeof id === 'number' ? id : null;
      };
      read();
      loaded.changed.connect(read);
    } catch (error) {
      console.warn('nerdup-lab: settings could not be loaded', error);
    }
  }
  if (await checkServer(panel, trans)) {
    await model.start();
  }
}

async function checkServer(
  panel: SidebarPanel,
  trans: TranslationBundle
): Promise<boolean> {
  try {
    const status = await requestAPI<IServerStatus>('status');
    panel.setStatus(status);
    if (isVersionMismatch(status.version, FRONTEND_VERSION)) {
      Notification.error(
        trans.__(
          // Toasts cut messages at 140 characters: keep the fix within them.
          'nerdup-lab server is v%1 but the lab extension is v%2: run pip install nerdup-lab==%2 where the server runs, then restart it.',
          status.version,
          FRONTEND_VERSION
        ),
        { autoClose: false }
      );
    }
    return true;
  } catch (error) {
    const message =
      error instanceof NerdUpApiError
        ? error.message
        : trans.__('The nerdup server extension could not be reached.');
    panel.setStatus(null, message);
    Notification.error(trans.__('nerdup-lab: %1', message), {
      autoClose: false
    });
    return false;
  }
}
