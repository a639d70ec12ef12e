/**
 * The background's answers for feedback and terminology updates: the "keep feedback" setting
 * (policy first) is enforced here, where chrome.storage is; listing, deleting, importing
 * feedback and switching the terminology are for the extension's own pages (options) only.
 * The work itself is done by the offscreen document.
 */
import {
  isOwnExtensionUrlSender,
  MessagingError,
  type MessageHandlers,
  type MessageSender,
} from '../shared/messaging.js';
import type {
  ContentToBackground,
  FeedbackMessages,
  TerminologyMessages,
} from '../shared/protocol.js';
import { loadEffectiveSettings } from '../shared/settings-store.js';
import { relayToOffscreen } from './relay-to-offscreen.js';

export type LearningMessages = Pick<
  ContentToBackground,
  keyof FeedbackMessages | keyof TerminologyMessages
>;

function requireExtensionPage(sender: MessageSender, type: string): void {
  if (!isOwnExtensionUrlSender(sender)) {
    throw new MessagingError(
      'forbidden-sender',
      `"${type}" is answered only for the extension's own pages, not ${sender.tab ? 'a tab' : 'this sender'}.`,
    );
  }
}

async function keepsFeedback(): Promise<boolean> {
  return (await loadEffectiveSettings()).settings.keepFeedback;
}

/** Answers one learning message (the offscreen document in Chrome, the core itself in Firefox). */
export type LearningDispatch = <K extends keyof LearningMessages>(
  type: K,
  data: Parameters<LearningMessages[K]>[0],
) => Promise<ReturnType<LearningMessages[K]>>;

/**
 * The learning handlers with the background's checks (settings, sender) in front of `dispatch`.
 */
export function createLearningBackgroundHandlers(
  dispatch: LearningDispatch,
): MessageHandlers<LearningMessages> {
  const pageOnly =
    <K extends keyof LearningMessages>(type: K) =>
    async (
      data: Parameters<LearningMessages[K]>[0],
      sender: MessageSender,
    ): Promise<ReturnType<LearningMessages[K]>> => {
      requireExtensionPage(sender, type);
      return dispatch(type, data);
    };
  return {
    async recordFeedback(input) {
      if (!(await keepsFeedback())) return { recorded: false };
      return dispatch('recordFeedback', input);
    },
    forgetFeedback: (input) => dispatch('forgetFeedback', input),
    listFeedback: pageOnly('listFeedback'),
    deleteFeedback: pageOnly('deleteFeedback'),
    clearFeedback: pageOnly('clearFeedback'),
    async importFeedback(input, sender) {
      requireExtensionPage(sender, 'importFeedback');
      if (!(await keepsFeedback()))
        throw new MessagingError(
          'feedback-off',
          'Feedback is turned off ("Keep what I teach Marginalia"); nothing was imported.',
        );
      return dispatch('importFeedback', input);
    },
    previewTerminologyRelease: pageOnly('previewTerminologyRelease'),
    switchTerminology: pageOnly('switchTerminology'),
    listTerminologyVersions: pageOnly('listTerminologyVersions'),
    deleteTerminologyVersion: pageOnly('deleteTerminologyVersion'),
  };
}

/** Chrome: forwarded to the offscreen document. */
export const LEARNING_BACKGROUND_HANDLERS = createLearningBackgroundHandlers((type, data) =>
  (relayToOffscreen(type) as (d: typeof data) => Promise<never>)(data),
);
