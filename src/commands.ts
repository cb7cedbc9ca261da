/**
 * Every command of the extension, in one place: a part of the lab asks another part to
 * act only through these (see docs/lab-shell.md for their arguments and owners).
 */
export namespace CommandIDs {
  // The navigator (left sidebar).
  export const openSidebar = 'nerdup:open-sidebar';
  export const refresh = 'nerdup:refresh-groups';
  // A group's room in the main area: {groupId, section?, focus?}.
  export const openGroup = 'nerdup:open-group';
  // The work loop: a task's notebook, the notebook record, commits and history.
  export const openTaskNotebook = 'nerdup:open-task-notebook';
  export const linkNotebook = 'nerdup:link-notebook';
  export const commit = 'nerdup:commit-snapshot';
  export const history = 'nerdup:show-snapshot-history';
  export const openSnapshot = 'nerdup:open-snapshot';
  export const diff = 'nerdup:diff-snapshots';
  export const restore = 'nerdup:restore-snapshot';
  export const editProfile = 'nerdup:edit-profile';
  // A question anchored to the active cell of the notebook in focus (committed first).
  export const askAboutCell = 'nerdup:ask-about-cell';
  // Progress and publishing.
  export const openDashboard = 'nerdup:open-dashboard';
  export const exportBlogPost = 'nerdup:export-blog-post';
  // {groupId}: the journey as slides; the caller's portfolio across groups.
  export const present = 'nerdup:present';
  export const exportPortfolio = 'nerdup:export-portfolio';
}
