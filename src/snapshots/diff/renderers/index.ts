import { DiffRendererRegistry } from '../registry';
import { metadataRenderer } from './metadata';
import { outputsRenderer } from './outputs';
import { sourceRenderer } from './source';

/** A registry holding the built-in renderers: source, outputs, metadata. */
export function defaultRegistry(): DiffRendererRegistry {
  const registry = new DiffRendererRegistry();
  registry.register(sourceRenderer);
  registry.register(outputsRenderer);
  registry.register(metadataRenderer);
  return registry;
}
