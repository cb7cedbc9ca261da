import * as React from 'react';

import { TranslationBundle } from '@jupyterlab/translation';

import { ICellDiff } from '../types';

/**
 * A diff renderer shows one aspect of a changed cell (its source, its outputs, its
 * metadata...). The diff view asks every registered renderer, in rank order, whether it
 * has something to show for a cell, so a new kind of difference is one small file.
 */
export interface IDiffRenderer {
  /** Unique kind, e.g. "source", "outputs", "metadata". */
  readonly kind: string;
  /** Lower ranks render first. */
  readonly rank: number;
  /** Whether this cell has something of this kind to show. */
  applies(cell: ICellDiff): boolean;
  render(cell: ICellDiff, trans: TranslationBundle): React.ReactElement;
}

export class DiffRendererRegistry {
  /** Add a renderer; one of the same kind is replaced. */
  register(renderer: IDiffRenderer): void {
    this._renderers = this._renderers
      .filter(r => r.kind !== renderer.kind)
      .concat(renderer)
      .sort((a, b) => a.rank - b.rank);
  }

  get kinds(): string[] {
    return this._renderers.map(r => r.kind);
  }

  /** The renderers that have something to show for this cell, in rank order. */
  for(cell: ICellDiff): IDiffRenderer[] {
    return this._renderers.filter(r => r.applies(cell));
  }

  private _renderers: IDiffRenderer[] = [];
}
