/** What the panel shows. The content script owns the state; the panel only renders it. */
import type { EngineProgress, FeedbackCodingResult } from '../shared/protocol.js';

export type PanelState =
  | { status: 'reading' }
  | {
      status: 'coding';
      charCount: number;
      progress?: EngineProgress | undefined;
      /** Set when a result was dropped because the note on the page changed. */
      notice?: 'note-changed' | undefined;
    }
  | { status: 'empty' }
  | {
      status: 'ready';
      /** With `hiddenByFeedback` when the coder's feedback hid suggestions. */
      result: FeedbackCodingResult;
      /**
       * Identity of the note the result was computed from (SHA-256 of its page location and
       * exact text, memory only); shown only while the page holds that note.
       */
      noteId: string;
      charCount: number;
      /** What was coded. Highlights are only possible for 'page' and 'selection'. */
      origin: 'page' | 'selection' | 'detached';
      elapsedMs: number;
      /** Engine loading phases the coder waited through for this note (first run, cold start). */
      loadPhases?: string[];
    }
  | { status: 'error'; message: string };
