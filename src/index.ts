import {
  ILabShell,
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { Notification } from '@jupyterlab/apputils';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

import { NerdUpApiError, requestAPI } from './api';
import { SidebarPanel } from './sidebar/panel';
import { FRONTEND_VERSION, IServerStatus, isVersionMismatch } from './version';

const PLUGIN_ID = 'nerdup-lab:plugin';

/**
 * Adds the "Study groups" sidebar and checks at start that the server extension
 * answers with the same version as this lab extension.
 */
const plugin: JupyterFrontEndPlugin<void> = {
  id: PLUGIN_ID,
  description:
    'Study groups next to your notebooks: plan, tasks, snapshots, progress.',
  autoStart: true,
  optional: [ILabShell, ILayoutRestorer, ITranslator],
  activate: (
    app: JupyterFrontEnd,
    labShell: ILabShell | null,
    restorer: ILayoutRestorer | null,
    translator: ITranslator | null
  ) => {
    const trans = (translator ?? nullTranslator).load('nerdup_lab');
    const panel = new SidebarPanel(trans);
    app.shell.add(panel, 'left', { rank: 600 });
    restorer?.add(panel, panel.id);

    void checkServer(panel, trans);
  }
};

async function checkServer(
  panel: SidebarPanel,
  trans: ReturnType<typeof nullTranslator.load>
): Promise<void> {
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
  } catch (error) {
    const message =
      error instanceof NerdUpApiError
        ? error.message
        : trans.__('The nerdup server extension could not be reached.');
    panel.setStatus(null, message);
    Notification.error(trans.__('nerdup-lab: %1', message), {
      autoClose: false
    });
  }
}

export default [plugin];
