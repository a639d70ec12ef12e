/** What the panel shows. The content script owns the state; the panel only renders it. */
import type { CodingResult } from '../../src/engine/coding-types.js';
import type { EngineProgress } from '../shared/protocol.js';

export type PanelState =
  | { status: 'reading' }
  | { status: 'coding'; charCount: number; progress?: EngineProgress | undefined }
  | { status: 'empty' }
  | {
      status: 'ready';
      result: CodingResult;
      charCount: number;
      /** What was coded. Highlights are only possible for 'page' and 'selection'. */
      origin: 'page' | 'selection' | 'detached';
      elapsedMs: number;
    }
  | { status: 'error'; message: string };
