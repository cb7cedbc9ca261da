import {
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette, Notification } from '@jupyterlab/apputils';
import { IEditorLanguageRegistry } from '@jupyterlab/codemirror';
import { INotebookTracker } from '@jupyterlab/notebook';
import { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

import { CommandIDs } from '../commands';
import { ACTIVITY_SCHEMA_ID, IActivityEvent } from '../model/types';
import { GroupAPI } from '../dashboard/api';
import { commitSnapshot, normalisePolicy } from '../notebook/commit';
import { CellQuestionError, prepareCellQuestion } from '../notebook/askcell';
import { editProfile } from '../notebook/profile';
import { readRecord, writeRecord } from '../notebook/record';
import { ensureTaskNotebook } from '../notebook/tasknotebook';
import { askAbout } from '../rhythm/askabout';
import { CurrentGroup } from '../snapshots/currentgroup';
import { defaultRegistry } from '../snapshots/diff/renderers';
import { HistoryModel } from '../snapshots/historymodel';
import { HistoryPanel } from '../snapshots/historypanel';
import { snapshotIcon } from '../snapshots/icons';
import { SnapshotOpener } from '../snapshots/open';
import { ISnapshot, OutputPolicy } from '../snapshots/types';
import { INerdUpGroups } from '../tokens';

const SETTINGS_ID = 'nerdup-lab:plugin';

/**
 * Notebook snapshots: "Commit snapshot" (toolbar, palette, shortcut, File menu, all
 * declared in schema/plugin.json), the history panel of the open notebook, and the
 * read-only viewer, diff and restore in the main area.
 */
export const snapshotsPlugin: JupyterFrontEndPlugin<void> = {
  id: 'nerdup-lab:snapshots',
  description: 'Commit notebooks as snapshots; history, diff and restore.',
  autoStart: true,
  requires: [INotebookTracker, IRenderMimeRegistry],
  optional: [
    ITranslator,
    ICommandPalette,
    ILayoutRestorer,
    ISettingRegistry,
    INerdUpGroups,
    IEditorLanguageRegistry
  ],
  activate: (
    app: JupyterFrontEnd,
    tracker: INotebookTracker,
    rendermime: IRenderMimeRegistry,
    translator: ITranslator | null,
    palette: ICommandPalette | null,
    restorer: ILayoutRestorer | null,
    settingRegistry: ISettingRegistry | null,
    groups: INerdUpGroups | null,
    languages: IEditorLanguageRegistry | null
  ) => {
    const trans = (translator ?? nullTranslator).load('nerdup_lab');
    const current = new CurrentGroup();
    const sync = () => {
      const g = groups?.currentGroup;
      current.set(g ? { id: g.id, title: g.title } : null);
    };
    if (groups) {
      groups.currentChanged.connect(sync);
      sync();
    }

    // The user's own default; null (not set) lets the group's policy apply.
    let defaultPolicy: OutputPolicy | null = null;
    let taskFolder = '{group}/';
    if (settingRegistry) {
      void settingRegistry
        .load(SETTINGS_ID)
        .then(settings => {
          const read = () => {
            const folder = settings.get('taskNotebookFolder').composite;
            taskFolder = typeof folder === 'string' ? folder : taskFolder;
            const own = settings.get('defaultOutputPolicy').user;
            defaultPolicy = own === undefined ? null : normalisePolicy(own);
          };
          read();
          settings.changed.connect(read);
        })
        .catch(() => undefined);
    }

    const opener = new SnapshotOpener(
      app,
      rendermime,
      defaultRegistry(),
      trans,
      languages
    );
    const model = new HistoryModel();
    // Task titles for the history: from the sidebar's group when it holds them, else
    // fetched once per group, the one whose history is shown (and again after a commit,
    // which may name a new task).
    const taskTitles = new Map<number, string>();
    // Titles of the groups notebooks' records name (the sidebar may show another group).
    const groupTitles = new Map<number, string>();
    let titlesOf: number | null = null;
    const rememberTasks = (
      force = false,
      id: number | null = model.groupId ?? current.group?.id ?? null
    ) => {
      for (const m of groups?.current?.milestones ?? []) {
        for (const t of m.tasks ?? []) {
          taskTitles.set(t.id, t.title);
        }
      }
      if (id !== null && (force || id !== titlesOf)) {
        titlesOf = id;
        void GroupAPI.tasks(id)
          .then(tasks => {
            tasks.forEach(t => taskTitles.set(t.id, t.title));
            panel.update();
          })
          .catch(() => undefined);
      }
    };
    const panel = new HistoryPanel({
      model,
      trans,
      taskTitle: id => taskTitles.get(id),
      groupTitle: () =>
        model.groupId !== null && model.groupId !== current.group?.id
          ? (groupTitles.get(model.groupId) ?? null)
          : (current.group?.title ?? null),
      actions: {
        open: s => void opener.open(s),
        diff: (a, b) => opener.diff(a, b),
        diffWithFile: s => opener.diffWithFile(s, model.path ?? s.path),
        restore: s => void opener.restore(s)
      }
    });
    app.shell.add(panel, 'right', { rank: 700 });
    restorer?.add(panel, panel.id);

    // The history follows the notebook in focus and the current group; while the
    // panel is hidden it asks the server nothing and catches up when shown.
    let stale = false;
    const watched = new WeakSet<object>();
    const follow = () => {
      const nb = tracker.currentWidget;
      // The notebook's record decides (group and line of history); the sidebar's group
      // only for a notebook without one.
      const record = readRecord(nb?.context.model);
      const groupId = record?.group ?? current.group?.id ?? null;
      rememberTasks(false, groupId);
      if (!panel.isVisible) {
        return;
      }
      const path = nb?.context.path ?? null;
      const notebookId = record?.notebook_id ?? null;
      if (groupId !== null && !groupTitles.has(groupId)) {
        groupTitles.set(groupId, '');
        void GroupAPI.group(groupId)
          .then(g => {
            groupTitles.set(groupId, g.title);
            panel.update();
          })
          .catch(() => groupTitles.delete(groupId));
      }
      if (nb && !watched.has(nb)) {
        watched.add(nb);
        nb.context.pathChanged.connect(() => follow());
        nb.context.model.metadataChanged.connect(() => follow());
      }
      if (
        stale &&
        groupId === model.groupId &&
        path === model.path &&
        notebookId === model.notebookId
      ) {
        void model.refresh();
      } else {
        void model.setTarget(groupId, path, notebookId);
      }
      stale = false;
    };
    // A snapshot of this notebook committed elsewhere (a teammate, another tab) shows
    // up through the server's event bus.
    const stream = app.serviceManager.events?.stream;
    stream?.connect((_, emission) => {
      if (emission.schema_id !== ACTIVITY_SCHEMA_ID) {
        return;
      }
      const event = emission as unknown as IActivityEvent;
      if (
        !event.kind?.startsWith('snapshot.') ||
        event.group_id !== model.groupId ||
        (event.subject?.path !== undefined && event.subject.path !== model.path)
      ) {
        return;
      }
      if (panel.isVisible) {
        void model.refresh();
      } else {
        stale = true;
      }
    });
    tracker.currentChanged.connect(follow);
    current.changed.connect(follow);
    groups?.currentChanged.connect(() => rememberTasks());
    panel.shown.connect(follow);
    if (!groups) {
      void current.ensure().then(follow, () => undefined);
    }

    const committed = (snapshot: ISnapshot) => {
      if (snapshot.task_id !== null && !taskTitles.has(snapshot.task_id)) {
        rememberTasks(true, snapshot.group_id);
      }
      if (
        snapshot.path === model.path ||
        (snapshot.notebook_id !== undefined &&
          snapshot.notebook_id === model.notebookId)
      ) {
        void model.refresh();
      }
      follow();
      void groups?.refresh();
    };

    app.commands.addCommand(CommandIDs.commit, {
      label: trans.__('Commit snapshot'),
      caption: trans.__(
        'Save this notebook and commit it as a snapshot of your study group'
      ),
      icon: snapshotIcon,
      isEnabled: () => tracker.currentWidget !== null,
      execute: async () => {
        const nb = tracker.currentWidget;
        if (!nb) {
          return null;
        }
        return commitSnapshot(nb, {
          group: current,
          trans,
          defaultPolicy: () => defaultPolicy,
          username: () => groups?.username ?? null,
          committed,
          taskDone: () => void groups?.refresh(),
          findGroup: () => void app.commands.execute(CommandIDs.openSidebar),
          openSnapshot: s => void opener.open(s)
        });
      }
    });
    app.commands.addCommand(CommandIDs.history, {
      label: trans.__('Show snapshot history'),
      caption: trans.__('Snapshots of the open notebook'),
      execute: () => {
        app.shell.activateById(panel.id);
        follow();
      }
    });
    app.commands.addCommand(CommandIDs.openSnapshot, {
      label: trans.__('Open snapshot read-only'),
      execute: args =>
        opener.open(
          Number(args.id),
          typeof args.cellId === 'string' ? args.cellId : undefined
        )
    });
    app.commands.addCommand(CommandIDs.diff, {
      label: trans.__('Compare snapshots'),
      execute: async args => {
        const a = await opener.snapshot(Number(args.a));
        if (args.path !== undefined) {
          return opener.diffWithFile(a, String(args.path));
        }
        return opener.diff(a, await opener.snapshot(Number(args.b)));
      }
    });
    app.commands.addCommand(CommandIDs.restore, {
      label: trans.__('Restore snapshot as a new file'),
      execute: async args =>
        opener.restore(await opener.snapshot(Number(args.id)))
    });

    app.commands.addCommand(CommandIDs.openTaskNotebook, {
      label: trans.__('Open my notebook'),
      caption: trans.__(
        "Open your notebook for this task (made in the group's folder the first time)"
      ),
      execute: async args => {
        const groupId = Number(args.groupId);
        const taskId = Number(args.taskId);
        const { path } = await ensureTaskNotebook(groupId, taskId, {
          contents: app.serviceManager.contents,
          folder: taskFolder,
          known: typeof args.path === 'string' ? args.path : null
        });
        const widget = await app.commands.execute('docmanager:open', {
          path
        });
        // A notebook made before, or by hand: record group and task if it has none.
        const nb = tracker.find(w => w.context.path === path);
        if (nb) {
          await nb.context.ready;
          if (!readRecord(nb.context.model)) {
            writeRecord(nb.context.model, { group: groupId, task: taskId });
            await nb.context.save();
          }
          // The keyboard goes to the notebook, not to the button that opened it (Enter
          // there would open it again): its first cell, ready for Enter to edit.
          await nb.revealed;
          app.shell.activateById(nb.id);
          nb.content.activate();
        }
        follow();
        return widget;
      }
    });
    app.commands.addCommand(CommandIDs.linkNotebook, {
      label: trans.__('Link notebook to the group'),
      caption: trans.__(
        'Record the group (and task) in this notebook: its commits go there'
      ),
      execute: async args => {
        const path = typeof args.path === 'string' ? args.path : null;
        const nb = path
          ? tracker.find(w => w.context.path === path)
          : tracker.currentWidget;
        if (!nb) {
          return null;
        }
        await nb.context.ready;
        const task =
          args.taskId === undefined ? undefined : Number(args.taskId);
        const record = writeRecord(nb.context.model, {
          group: Number(args.groupId),
          task
        });
        await nb.context.save();
        follow();
        return record;
      }
    });
    app.commands.addCommand(CommandIDs.askAboutCell, {
      label: trans.__('Ask the group about this cell'),
      caption: trans.__(
        "Commit this notebook to its group and ask a question anchored to the active cell (opens the group's Questions)"
      ),
      isEnabled: () => !!tracker.currentWidget?.content.activeCell,
      execute: async () => {
        const nb = tracker.currentWidget;
        if (!nb) {
          return null;
        }
        await nb.context.ready;
        const active = nb.content.activeCell;
        try {
          const asked = await prepareCellQuestion(
            {
              path: nb.context.path,
              model: nb.context.model,
              cell: active
                ? {
                    id: active.model.id,
                    number: nb.content.activeCellIndex + 1
                  }
                : null,
              save: () => nb.context.save()
            },
            trans
          );
          committed(asked.snapshot);
          if (groups) {
            askAbout(groups).request(asked.groupId, asked.anchor);
          }
          await app.commands.execute(CommandIDs.openGroup, {
            groupId: asked.groupId,
            section: 'questions'
          });
          return asked.anchor;
        } catch (error) {
          const noGroup =
            error instanceof CellQuestionError && error.reason === 'no-group';
          Notification.warning(
            error instanceof Error ? error.message : String(error),
            {
              autoClose: 8000,
              actions: noGroup
                ? [
                    {
                      label: trans.__('Commit snapshot'),
                      callback: () =>
                        void app.commands.execute(CommandIDs.commit)
                    }
                  ]
                : []
            }
          );
          return null;
        }
      }
    });
    app.commands.addCommand(CommandIDs.editProfile, {
      label: trans.__('Edit my profile (name and colour)'),
      caption: trans.__(
        'The name and avatar colour your study groups see; the same in every browser'
      ),
      execute: async () => {
        const saved = await editProfile(trans);
        if (saved) {
          // JupyterLab's own user (@jupyterlab/services) reads the same profile.
          await app.serviceManager.user.refreshUser();
          void groups?.refresh();
        }
        return saved;
      }
    });

    const category = trans.__('Study groups');
    palette?.addItem({ command: CommandIDs.editProfile, category });
    palette?.addItem({ command: CommandIDs.commit, category });
    palette?.addItem({ command: CommandIDs.history, category });
    palette?.addItem({ command: CommandIDs.askAboutCell, category });
  }
};
