import { TranslationBundle } from '@jupyterlab/translation';

/** The sections of a group's room, in the order of its section list. */
export const SECTION_IDS = [
  'overview',
  'plan',
  'sessions',
  'questions',
  'showcase',
  'notebooks',
  'activity',
  'people',
  'settings'
] as const;

export type SectionId = (typeof SECTION_IDS)[number];

export function isSectionId(value: unknown): value is SectionId {
  return (
    typeof value === 'string' &&
    (SECTION_IDS as readonly string[]).includes(value)
  );
}

/** The sections a person sees: Settings only for the group's organisers. */
export function visibleSections(isOrganizer: boolean): SectionId[] {
  return SECTION_IDS.filter(id => id !== 'settings' || isOrganizer);
}

/** The section's name in the section list, in words. */
export function sectionLabel(trans: TranslationBundle, id: SectionId): string {
  switch (id) {
    case 'overview':
      return trans.__('Overview');
    case 'plan':
      return trans.__('Plan');
    case 'sessions':
      return trans.__('Sessions');
    case 'questions':
      return trans.__('Questions');
    case 'showcase':
      return trans.__('Showcase');
    case 'notebooks':
      return trans.__('Notebooks');
    case 'activity':
      return trans.__('Activity');
    case 'people':
      return trans.__('People');
    case 'settings':
      return trans.__('Settings');
  }
}

/**
 * Where the focus goes in a vertical tablist of `count` entries on `key` from `index`
 * (arrows wrap, Home and End jump); null for a key the list does not handle.
 */
export function rovingIndex(
  key: string,
  index: number,
  count: number
): number | null {
  if (count <= 0) {
    return null;
  }
  switch (key) {
    case 'ArrowDown':
    case 'ArrowRight':
      return (index + 1) % count;
    case 'ArrowUp':
    case 'ArrowLeft':
      return (index - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

/** `items` with the one at `index` moved `by` places (kept inside the list). */
export function moveItem<T>(
  items: readonly T[],
  index: number,
  by: number
): T[] {
  const out = [...items];
  const to = Math.max(0, Math.min(out.length - 1, index + by));
  if (index < 0 || index >= out.length || to === index) {
    return out;
  }
  const [item] = out.splice(index, 1);
  out.splice(to, 0, item);
  return out;
}

/**
 * `ids` with `dragged` dropped on `target`: before it when dropped on its upper half, after
 * it on its lower half (a drop on itself, or of an unknown id, changes nothing).
 */
export function dropOrder<T>(
  ids: readonly T[],
  dragged: T,
  target: T,
  after: boolean
): T[] {
  if (dragged === target || !ids.includes(dragged) || !ids.includes(target)) {
    return [...ids];
  }
  const out = ids.filter(id => id !== dragged);
  const at = out.indexOf(target) + (after ? 1 : 0);
  out.splice(at, 0, dragged);
  return out;
}
