import * as React from 'react';

import { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import { nullTranslator, TranslationBundle } from '@jupyterlab/translation';

import { GroupsModel } from '../model/groups';

/** What every sidebar component may use; provided once by the panel. */
export interface ISidebarContext {
  model: GroupsModel;
  trans: TranslationBundle;
  /** JupyterLab's markdown renderer (sanitizes); null falls back to plain text. */
  rendermime: IRenderMimeRegistry | null;
  /** Path of the notebook open in the main area, if any. */
  openNotebookPath: () => string | null;
  /** The group the open notebook's record names (its commits go there), if any. */
  openNotebookGroup?: () => number | null;
  /** Commit the open notebook (`nerdup:commit-snapshot`, its dialog); absent in tests. */
  commitOpenNotebook?: () => void;
  /** Open a file of the Jupyter root in the main area. */
  openPath: (path: string) => void;
  /**
   * Open a group's room in the main area (`nerdup:open-group`), at one of its sections
   * (a SectionId of workspace/sections.ts); absent in tests.
   */
  openGroup?: (groupId: number, section?: string) => void;
  /**
   * "Open my notebook" of a task (`nerdup:open-task-notebook`): made the first time in the
   * group's folder, with the notebook record; `path` is where I last committed it from
   * (opened instead when it is still there); absent in tests.
   */
  openTaskNotebook?: (groupId: number, taskId: number, path?: string) => void;
  /**
   * A snapshot read-only (`nerdup:open-snapshot`, at `cellId` when given) or a copy of it
   * in my workspace (`nerdup:restore-snapshot`); absent in tests and when the commands are
   * not there.
   */
  openSnapshot?: (snapshotId: number, copy: boolean, cellId?: string) => void;
}

export const SidebarContext = React.createContext<ISidebarContext>({
  model: null as unknown as GroupsModel,
  trans: nullTranslator.load('nerdup_lab'),
  rendermime: null,
  openNotebookPath: () => null,
  openPath: () => undefined
});

export function useSidebar(): ISidebarContext {
  return React.useContext(SidebarContext);
}
