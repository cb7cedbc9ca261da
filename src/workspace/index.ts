import {
  ILabShell,
  ILayoutRestorer,
  JupyterFrontEnd
} from '@jupyterlab/application';
import { ICommandPalette, WidgetTracker } from '@jupyterlab/apputils';
import { ReadonlyPartialJSONObject } from '@lumino/coreutils';

import { CommandIDs } from '../commands';
import { ISidebarContext } from '../components/context';
import { GroupWorkspace } from './GroupWorkspace';
import { isSectionId } from './sections';

export { GroupWorkspace, GroupRoom } from './GroupWorkspace';
export * from './sections';

/** The tracker's namespace: the rooms restored with the layout. */
export const ROOM_NAMESPACE = 'nerdup-group';

/**
 * Registers `nerdup:open-group` (one room per group in the main area) and restores the
 * rooms that were open with the layout. Returns the tracker of the rooms.
 */
export function activateWorkspace(
  app: JupyterFrontEnd,
  context: ISidebarContext,
  restorer: ILayoutRestorer | null,
  palette: ICommandPalette | null,
  labShell: ILabShell | null
): WidgetTracker<GroupWorkspace> {
  const { model, trans } = context;
  const tracker = new WidgetTracker<GroupWorkspace>({
    namespace: ROOM_NAMESPACE
  });
  const execute = (command: string, args: Record<string, unknown>) => {
    if (!app.commands.hasCommand(command)) {
      return false;
    }
    void app.commands.execute(command, args as ReadonlyPartialJSONObject);
    return true;
  };

  app.commands.addCommand(CommandIDs.openGroup, {
    label: args =>
      typeof args.groupId === 'number'
        ? trans.__('Open study group')
        : trans.__('Open the current study group in the main area'),
    caption: trans.__("Open a study group's room in the main area"),
    execute: async args => {
      const groupId =
        typeof args.groupId === 'number' ? args.groupId : model.currentId;
      if (groupId === null) {
        await app.commands.execute(CommandIDs.openSidebar);
        return null;
      }
      const section = isSectionId(args.section) ? args.section : undefined;
      let room = tracker.find(w => w.groupId === groupId);
      if (!room) {
        room = new GroupWorkspace({
          groupId,
          context,
          section,
          execute,
          commands: {
            openSnapshot: CommandIDs.openSnapshot,
            restoreSnapshot: CommandIDs.restore
          }
        });
        room.content.sectionChanged.connect(changed => {
          const widget = tracker.find(w => w.content === changed);
          if (widget) {
            void tracker.save(widget);
          }
        });
        void tracker.add(room);
        app.shell.add(room, 'main');
      } else if (section) {
        room.content.section = section;
      }
      app.shell.activateById(room.id);
      await room.content.focusGroup();
      return room;
    }
  });
  palette?.addItem({
    command: CommandIDs.openGroup,
    category: trans.__('Study groups')
  });

  if (restorer) {
    void restorer.restore(tracker, {
      command: CommandIDs.openGroup,
      args: room => ({ groupId: room.groupId, section: room.content.section }),
      name: room => String(room.groupId)
    });
  }
  // The active room's group is the model's current group: the writes made in it and
  // the reloads after them go to that group.
  labShell?.currentChanged.connect((_, change) => {
    if (change.newValue instanceof GroupWorkspace) {
      void change.newValue.content.focusGroup();
    }
  });
  return tracker;
}
