import {
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import {
  ICommandPalette,
  MainAreaWidget,
  WidgetTracker
} from '@jupyterlab/apputils';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

import { DashboardWidget } from '../dashboard/widget';
import { CurrentGroup } from '../snapshots/currentgroup';
import { CommandIDs } from '../commands';
import { dashboardIcon } from '../snapshots/icons';
import { INerdUpGroups } from '../tokens';

const OPEN = CommandIDs.openDashboard;

/** The progress dashboard of the current group, in the main area. */
export const dashboardPlugin: JupyterFrontEndPlugin<void> = {
  id: 'nerdup-lab:dashboard',
  description: 'Progress dashboard: burn-up, milestones, contributions.',
  autoStart: true,
  optional: [ITranslator, ICommandPalette, ILayoutRestorer, INerdUpGroups],
  activate: (
    app: JupyterFrontEnd,
    translator: ITranslator | null,
    palette: ICommandPalette | null,
    restorer: ILayoutRestorer | null,
    groups: INerdUpGroups | null
  ) => {
    const trans = (translator ?? nullTranslator).load('nerdup_lab');
    const tracker = new WidgetTracker<MainAreaWidget<DashboardWidget>>({
      namespace: 'nerdup-dashboard'
    });
    const current = new CurrentGroup();
    const sync = () => {
      const g = groups?.currentGroup;
      current.set(g ? { id: g.id, title: g.title } : null);
    };
    groups?.currentChanged.connect(sync);
    sync();

    // The sidebar model reloads on every activity event of its group (live updates):
    // a visible dashboard of that group follows, at most once a second.
    let pending: ReturnType<typeof setTimeout> | null = null;
    groups?.currentChanged.connect((_, view) => {
      const widget = tracker.currentWidget;
      if (
        !widget ||
        widget.isDisposed ||
        !widget.isVisible ||
        pending !== null ||
        view?.group.id !== widget.content.groupId
      ) {
        return;
      }
      pending = setTimeout(() => {
        pending = null;
        void widget.content.showGroup(widget.content.groupId);
      }, 1000);
    });

    const open = async (): Promise<MainAreaWidget<DashboardWidget>> => {
      let widget = tracker.currentWidget;
      if (!widget || widget.isDisposed) {
        const content = new DashboardWidget(trans);
        widget = new MainAreaWidget({ content });
        widget.id = 'nerdup-dashboard';
        widget.title.label = trans.__('Group progress');
        widget.title.icon = dashboardIcon;
        widget.title.closable = true;
        void tracker.add(widget);
        app.shell.add(widget, 'main');
      }
      app.shell.activateById(widget.id);
      const group = await current.ensure().catch(() => null);
      await widget.content.showGroup(group?.id ?? null);
      return widget;
    };

    // Follow the sidebar's group, and its content changes (a task done elsewhere).
    current.changed.connect((_, group) => {
      const widget = tracker.currentWidget;
      if (widget && !widget.isDisposed) {
        void widget.content.showGroup(group?.id ?? null);
      }
    });

    app.commands.addCommand(OPEN, {
      label: trans.__('Open progress dashboard'),
      caption: trans.__(
        'Burn-up, milestones and contributions of the current study group'
      ),
      icon: dashboardIcon,
      execute: () => open()
    });
    palette?.addItem({ command: OPEN, category: trans.__('Study groups') });
    if (restorer) {
      void restorer.restore(tracker, {
        command: OPEN,
        name: () => 'dashboard'
      });
    }
  }
};
