/**
 * The background's answers for the panel's review features: code lookups, accepted-list checks
 * and engine progress go to the offscreen document; a note's review (accepted/rejected codes)
 * is kept in `chrome.storage.session` under the note's SHA-256, never under its text, and is
 * gone when the browser closes.
 */
import type { MessageHandlers } from '../shared/messaging.js';
import { sendToOffscreen } from '../shared/messaging.js';
import type { ContentToBackground, NoteReview } from '../shared/protocol.js';
import { ensureOffscreenDocument } from './offscreen-document.js';

type PanelMessages = Pick<
  ContentToBackground,
  'lookupCode' | 'checkAcceptedCodes' | 'getEngineProgress' | 'saveNoteReview' | 'loadNoteReview'
>;

export const NOTE_REVIEW_KEY_PREFIX = 'note-review:';

export const PANEL_BACKGROUND_HANDLERS: MessageHandlers<PanelMessages> = {
  async lookupCode(input) {
    await ensureOffscreenDocument();
    return sendToOffscreen('lookupCode', input);
  },
  async checkAcceptedCodes(input) {
    await ensureOffscreenDocument();
    return sendToOffscreen('checkAcceptedCodes', input);
  },
  async getEngineProgress() {
    await ensureOffscreenDocument();
    return sendToOffscreen('getEngineProgress', {});
  },
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
