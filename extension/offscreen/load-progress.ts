/**
 * Where the engine is on its way to ready, for the panel's first-run progress. The loader
 * reports phases; the panel polls `getEngineProgress` (through the background) while it waits.
 * Only phases and fractions are kept: no note text, no file contents.
 */
import type { EngineProgress } from '../shared/protocol.js';

const LABELS: Record<EngineProgress['phase'], string> = {
  starting: 'Starting the coding engine',
  'reading-catalog': 'Reading the package catalog',
  'installing-pack': 'Installing the terminology (first run)',
  'reading-pack': 'Reading the stored terminology',
  indexing: 'Indexing 74,000 codes',
  'loading-model': 'Loading the ranking model and dictionary',
  ready: 'Ready',
  failed: 'The engine could not start',
};

const FRACTIONS: Record<EngineProgress['phase'], number> = {
  starting: 0.02,
  'reading-catalog': 0.05,
  'installing-pack': 0.15,
  'reading-pack': 0.2,
  indexing: 0.55,
  'loading-model': 0.75,
  ready: 1,
  failed: 1,
};

let current: EngineProgress = {
  phase: 'starting',
  fraction: FRACTIONS.starting,
  label: LABELS.starting,
};

/**
 * Records the phase, then yields one task so that a progress request queued during the long
 * synchronous steps (parsing, indexing) is answered between them instead of after all of them.
 */
export function reportLoadProgress(
  phase: EngineProgress['phase'],
  fraction = FRACTIONS[phase],
): Promise<void> {
  current = { phase, fraction: Math.max(0, Math.min(1, fraction)), label: LABELS[phase] };
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export function readLoadProgress(): EngineProgress {
  return current;
}
