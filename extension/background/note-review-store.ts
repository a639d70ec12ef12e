/**
 * A note's review (accepted/rejected codes) kept in `chrome.storage.session` under the note's
 * SHA-256, never its text; gone when the browser closes. Shared by the Chrome service worker
 * and Firefox's background page.
 */
import type { MessageHandlers } from '../shared/messaging.js';
import type { ContentToBackground, NoteReview } from '../shared/protocol.js';

export const NOTE_REVIEW_KEY_PREFIX = 'note-review:';

export const NOTE_REVIEW_HANDLERS: MessageHandlers<
  Pick<ContentToBackground, 'saveNoteReview' | 'loadNoteReview'>
> = {
  async saveNoteReview({ noteKey, review }) {
    await chrome.storage.session.set({ [`${NOTE_REVIEW_KEY_PREFIX}${noteKey}`]: review });
    return { saved: true };
  },
  async loadNoteReview({ noteKey }) {
    const key = `${NOTE_REVIEW_KEY_PREFIX}${noteKey}`;
    const stored = await chrome.storage.session.get(key);
    return (stored[key] as NoteReview | undefined) ?? null;
  },
};
