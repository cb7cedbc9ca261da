/** Chart colours from JupyterLab's theme variables, so charts follow light and dark. */
export interface IPalette {
  done: string;
  scope: string;
  ideal: string;
  today: string;
  deadline: string;
  text: string;
  muted: string;
  grid: string;
  background: string;
  snapshots: string;
  tasks: string;
  onTrack: string;
  dueSoon: string;
  overdue: string;
}

const VARIABLES: Record<keyof IPalette, [string, string]> = {
  done: ['--jp-brand-color1', '#1976d2'],
  scope: ['--jp-ui-font-color2', '#616161'],
  ideal: ['--jp-ui-font-color3', '#9e9e9e'],
  today: ['--jp-info-color1', '#0097a7'],
  deadline: ['--jp-warn-color1', '#f57c00'],
  text: ['--jp-ui-font-color1', '#212121'],
  muted: ['--jp-ui-font-color2', '#616161'],
  grid: ['--jp-border-color2', '#e0e0e0'],
  background: ['--jp-layout-color1', '#ffffff'],
  snapshots: ['--jp-brand-color1', '#1976d2'],
  tasks: ['--jp-accent-color1', '#388e3c'],
  onTrack: ['--jp-success-color1', '#388e3c'],
  dueSoon: ['--jp-warn-color1', '#f57c00'],
  overdue: ['--jp-error-color1', '#d32f2f']
};

/**
 * The palette as CSS references to the theme's variables (`var(--jp-..., fallback)`), for
 * inline `style`: the browser resolves them live, so a chart follows a theme switch at
 * once, without re-reading colours (a snapshot taken mid-switch would go stale).
 */
export function readPalette(): IPalette {
  const palette = {} as IPalette;
  for (const [key, [name, fallback]] of Object.entries(VARIABLES)) {
    palette[key as keyof IPalette] = `var(${name}, ${fallback})`;
  }
  return palette;
}
