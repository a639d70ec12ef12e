// Learning from the coder: feedback terms, the storage port, applying feedback, the shared file.
export {
  normalizeFeedbackTerm,
  feedbackTermsOf,
  MAX_TERM_WORDS,
  MAX_TERM_CHARS,
  MAX_TERMS_PER_EVENT,
} from './feedback-term.js';
export {
  createFeedbackEvent,
  recordFeedback,
  undoFeedback,
  deleteFeedbackRecords,
  addFeedbackCounts,
  feedbackRecordKey,
  MemoryFeedbackStore,
  FEEDBACK_DECISIONS,
  type FeedbackDecision,
  type FeedbackEvent,
  type FeedbackRecord,
  type FeedbackChange,
  type FeedbackStore,
} from './feedback-store.js';
export {
  applyFeedback,
  compileFeedback,
  learnedFeedbackTerms,
  type ApplyFeedbackOptions,
  type CompiledFeedback,
  type FeedbackAppliedResult,
} from './apply-feedback.js';
export {
  createFeedbackFile,
  serializeFeedbackFile,
  parseFeedbackFile,
  importFeedbackFile,
  FeedbackFileError,
  FEEDBACK_FILE_FORMAT,
  FEEDBACK_FILE_VERSION,
  type FeedbackFile,
} from './feedback-file.js';
