/**
 * Every cross-context call of the extension, declared once, named by direction.
 *
 * Each interface is a map of function signatures: the parameter is the message `data`, the
 * return type is the reply `value`. Payloads cross Chrome's runtime messaging, so they are
 * JSON-serializable: no typed arrays, no DOM nodes, no class instances.
 * `extension/shared/messaging.ts` is the only module that puts these on the wire.
 */
import type {
  CareSetting,
  CodeSuggestion,
  CodingResult,
  CodingScope,
  RuleNote,
} from '../../src/engine/coding-types.js';
import type { ProcedureCodingResult } from '../../src/pcs/procedure-coding-result.js';
import type { PcsDefinition, PcsTable } from '../../src/pcs/pcs-pack-format.js';
import type {
  Encounter,
  EncounterNoteEntry,
  EncounterSummary,
  PoaIndicator,
} from '../../src/encounter/encounter-types.js';
import type { FeedbackDecision, FeedbackRecord } from '../../src/feedback/index.js';

/** What the coder chose on the options page. */
export interface CodingSettings {
  setting: CareSetting;
  scope: CodingScope;
}

/** The terminology the offscreen document has loaded (or failed to load). */
export interface TerminologyStatus {
  /** Release label, e.g. "2025-april". */
  version: string;
  /** Where the pack came from on this start. */
  loadedFrom: 'indexeddb' | 'package';
  /** Milliseconds to read, parse and index the pack on this start. */
  loadMs: number;
}

/** One hit of the quick lookup. */
export interface CodeSearchHit {
  /** Dotted code, e.g. "E11.22". */
  code: string;
  title: string;
  billable: boolean;
  /** What matched: the code, its title, an inclusion term or an Index path. */
  via?: string;
  /** The title, inclusion term or Index path that matched. */
  matched?: string;
  /** Present for an ICD-10-PCS code or partial code: its table and definitions, for the procedure builder. */
  procedure?: { tables: PcsTable[]; definitions: PcsDefinition[] };
}

/** A code named in a list (children, siblings, an accepted list). */
export interface CodeBrief {
  /** Dotted code. */
  code: string;
  title: string;
  billable: boolean;
}

/** One Tabular note as it applies to a code (declared on it or inherited). */
export interface CodeNoteLine {
  kind:
    | 'includes'
    | 'inclusionTerm'
    | 'excludes1'
    | 'excludes2'
    | 'codeFirst'
    | 'useAdditionalCode'
    | 'codeAlso'
    | 'notes';
  text: string;
  /** Where it is declared: dotted code, block id or "chapter N". */
  from: string;
}

/** One code with the hierarchy around it: what the panel's "more specific" browser shows. */
export interface CodeDetail extends CodeBrief {
  /** Chapter, block, then the codes above, down to the immediate parent. */
  parents: { code: string; kind: 'chapter' | 'block' | 'code'; title: string }[];
  children: CodeBrief[];
  /** Codes with the same parent, the code itself excluded. */
  siblings: CodeBrief[];
  notes: CodeNoteLine[];
  seventhCharacter?: { chars: Record<string, string>; from: string };
}

/** A code the coder accepted, with what the note says about its side. */
export interface AcceptedCodeInput {
  /** Dotted code. */
  code: string;
  /** Laterality written near the code's evidence in the note, when any. */
  documentedLaterality?: 'left' | 'right' | 'bilateral';
}

/** Where the engine is on its way to being ready (first run installs the pack). */
export interface EngineProgress {
  phase:
    | 'starting'
    | 'reading-catalog'
    | 'installing-pack'
    | 'reading-pack'
    | 'indexing'
    | 'loading-model'
    | 'ready'
    | 'failed';
  /** 0..1 */
  fraction: number;
  /** Short words for the panel, e.g. "Installing the terminology (first run)". No note text. */
  label: string;
}

/** The coder's decisions on one note, kept per note HASH (never the text) for the session. */
export interface NoteReview {
  /** In the order the coder accepted them; a replacement carries the code it replaced. */
  accepted: (CodeBrief & { replaces?: string; system?: 'ICD-10-PCS' })[];
  /** Suggested codes the coder rejected (dotted). */
  rejected: string[];
}

/** A coding result after the coder's feedback: what feedback hid comes separately. */
export type FeedbackCodingResult = CodingResult & {
  hiddenByFeedback?: CodeSuggestion[];
} & Partial<ProcedureCodingResult>;

/**
 * One coder decision as feedback: short folded terms (≤ 6 words each, from
 * `createFeedbackEvent`) and codes, never a sentence of the note.
 */
export interface FeedbackEventInput {
  decision: FeedbackDecision;
  /** Dotted code. */
  code: string;
  /** Dotted replacement code (`replace` only). */
  replacement?: string;
  terms: string[];
}

/** A candidate release, parsed and compared with the release in use, not yet switched to. */
export interface TerminologyReleasePreview {
  version: string;
  /** e.g. "ICD-10-CM 2025-april" → "ICD-10-CM 2026". */
  from: string;
  to: string;
  counts: {
    oldCodes: number;
    newCodes: number;
    added: number;
    deleted: number;
    retitled: number;
    billableChanged: number;
    addedBillable: number;
    deletedBillable: number;
  };
  /** A few examples of each (at most 5). */
  added: CodeBrief[];
  deleted: CodeBrief[];
  retitled: { code: string; oldTitle: string; newTitle: string }[];
  warnings: string[];
  /** Milliseconds to read and build the pack. */
  buildMs: number;
}

/** A terminology version stored on this device. */
export interface TerminologyVersionInfo {
  version: string;
  /** In use now. */
  active: boolean;
  /** The version packaged with the extension. */
  packaged: boolean;
  /** Epoch milliseconds. */
  installedAt?: number;
  /** Bytes the stored copy takes in IndexedDB. */
  byteLength?: number;
}

/** The feedback messages (content script records; the options page lists, deletes, imports). */
export interface FeedbackMessages {
  /** Records (or with `undo`, takes back) one decision; nothing is stored when feedback is off. */
  recordFeedback(input: { event: FeedbackEventInput; undo: boolean }): { recorded: boolean };
  /** "Show again": forgets the rejections and replacements of `code` for these terms. */
  forgetFeedback(input: { code: string; terms: string[] }): { forgotten: number };
  listFeedback(input: Record<string, never>): { records: FeedbackRecord[]; terminology: string };
  deleteFeedback(input: { records: FeedbackRecord[] }): { deleted: number };
  clearFeedback(input: Record<string, never>): { cleared: true };
  /** Records of a validated feedback file (`parseFeedbackFile`), merged into the store. */
  importFeedback(input: { records: FeedbackRecord[] }): { imported: number };
}

/** Terminology updates from the options page. */
export interface TerminologyMessages {
  /** Builds a pack from release files the options page put in the upload store (release-uploads.ts). */
  previewTerminologyRelease(input: {
    uploadId: string;
    version: string;
  }): TerminologyReleasePreview;
  /** Stores the previewed (or a stored) version and makes it active once it loads and validates. */
  switchTerminology(input: { version: string }): TerminologyStatus;
  listTerminologyVersions(input: Record<string, never>): TerminologyVersionInfo[];
  /** Deletes a stored (imported) version from IndexedDB; never the one in use or the packaged one. */
  deleteTerminologyVersion(input: { version: string }): { deleted: true };
}

/**
 * The messages the background relays unchanged from the content script and the extension's
 * pages to the offscreen document (Firefox's background answers them itself).
 */
export interface RelayedMessages extends FeedbackMessages, TerminologyMessages {
  /** Quick lookup over the whole classification. */
  searchCodes(input: { query: string; limit: number }): CodeSearchHit[];
  getTerminologyStatus(input: Record<string, never>): TerminologyStatus;
  /** One code with its children, siblings, parents and notes; null when the release lacks it. */
  lookupCode(input: { code: string }): CodeDetail | null;
  /** Rule notes for the accepted list: Excludes1 conflicts, missing partners, laterality, 7th character. */
  checkAcceptedCodes(input: { codes: AcceptedCodeInput[] }): Record<string, RuleNote[]>;
  /** Loading progress of the engine (polled by the panel while it waits). */
  getEngineProgress(input: Record<string, never>): EngineProgress;
}

/** The coder's active encounter as the panel shows it. */
export interface EncounterView {
  encounter: Encounter;
  summary: EncounterSummary;
  /** Session storage (the default: gone when the browser closes) or the hospital's persistent store (policy). */
  store: 'session' | 'persistent';
}

/** The coder's encounter (content script → background; kept by extension/background/encounter-store.ts). */
export interface EncounterMessages {
  startEncounter(input: { name: string; setting: CareSetting }): EncounterView;
  getEncounter(input: Record<string, never>): EncounterView | null;
  /** Adds (or replaces) one note's accepted codes: codes, short evidence quotes, note kind and title. */
  addNoteToEncounter(input: { entry: EncounterNoteEntry }): EncounterView;
  setEncounterChoices(input: {
    principal?: string | null;
    confirmedPoa?: Record<string, PoaIndicator>;
  }): EncounterView;
  closeEncounter(input: Record<string, never>): { closed: true };
}

/**
 * Content script (and the extension's own popup/options pages) → background: the relayed
 * messages (of which listing, deleting and importing feedback and the terminology messages are
 * answered for extension pages only), the encounter messages (answered by the background), plus
 * these.
 */
export interface ContentToBackground extends RelayedMessages, EncounterMessages {
  /**
   * Code a note the content script read from the page. The background adds the settings.
   * With `requestId`, the sender can cancel the request ({@link ContentToBackground.cancelCoding}).
   */
  codeNote(input: { text: string; requestId?: string }): FeedbackCodingResult;
  /**
   * Aborts a `codeNote` request of the same tab and frame (a newer note superseded it): the
   * engine stops at its next check and the request fails with code "aborted".
   */
  cancelCoding(input: { requestId: string }): { cancelled: boolean };
  /** Keeps the review of a note for this browser session, keyed by the note's SHA-256. */
  saveNoteReview(input: { noteKey: string; review: NoteReview }): { saved: true };
  loadNoteReview(input: { noteKey: string }): NoteReview | null;
}

/** Background → offscreen document. The offscreen document ignores every other sender. */
export interface BackgroundToOffscreen extends RelayedMessages {
  /** With `useFeedback`, the coder's feedback is applied (the "keep feedback" setting). */
  codeText(
    input: { text: string; useFeedback?: boolean; requestId?: string } & CodingSettings,
  ): FeedbackCodingResult;
  /** Aborts the `codeText` request with this id (or, if it has not arrived yet, refuses it when it does). */
  cancelCodeText(input: { requestId: string }): { cancelled: boolean };
  /** The encounter view: merged, conflicts resolved, sequenced, POA (src/encounter). */
  summarizeEncounter(input: { encounter: Encounter }): EncounterSummary;
}

/** Background → content script (through `chrome.tabs.sendMessage`). */
export interface BackgroundToContent {
  /**
   * Liveness probe (tests). The background sends its messages without probing first and
   * injects the content script when one finds no receiver (ensure-content-script.ts).
   */
  ping(input: Record<string, never>): { ready: true };
  /** Open the panel (or bring it back) and code the note on the page. */
  openPanel(input: Record<string, never>): { opened: true };
  /**
   * Code only the selected text. `selectionText` is Chrome's copy of the selection, used when
   * the live selection cannot be read in this frame (no highlights are drawn then).
   */
  codeSelection(input: { selectionText: string }): { opened: true };
}

/** Upper bound on note text accepted by any handler (characters). 10,000+ words is normal. */
export const MAX_NOTE_CHARS = 2_000_000;
/** A coding request's id: letters, digits, `:`, `_`, `-` (a UUID, or a tab-scoped key). */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9:_-]{1,100}$/;
/** Upper bound on a lookup query. */
export const MAX_QUERY_CHARS = 500;
/** Upper bound on codes in one accepted list. */
export const MAX_ACCEPTED_CODES = 200;
