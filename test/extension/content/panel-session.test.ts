// @vitest-environment happy-dom
/**
 * The panel never shows, and never lets the coder accept or export, codes computed from a note
 * other than the one on the page (issue 11). The background is a fake that holds each coding
 * request until the test answers it, so that the page can change at any moment in between.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CodeSuggestion } from '../../../src/engine/coding-types.js';
import { ContentScriptContext } from '../../../extension/content/content-script-context.js';
import type { MountedPanel } from '../../../extension/content/mount-panel.js';
import { identifyNote } from '../../../extension/content/note-identity.js';
import { PanelSession } from '../../../extension/content/panel-session.js';
import { watchPageChanges } from '../../../extension/content/watch-page-changes.js';
import type { PanelAppProps } from '../../../extension/panel/panel-app.js';
import { acceptCode } from '../../../extension/panel/review-state.js';
import type { FeedbackCodingResult } from '../../../extension/shared/protocol.js';
import { sha256Hex } from '../../../src/ontology/sha256.js';
import { installFakeChrome } from '../fake-chrome.js';

const NOTE_A = 'Assessment: gout of the right great toe. Zebra sentinel 4711 quartz.';
const NOTE_B = 'Assessment: community-acquired pneumonia. Zebra sentinel 4711 quartz.';
/** Each note's code in this fake engine: disjoint, so that a wrong one is plain to see. */
const CODE_OF = (text: string): string =>
  text.includes('gout') ? 'M10.9' : text.includes('pneumonia') ? 'J18.9' : 'R69';

interface PendingCoding {
  text: string;
  requestId: string;
  answer(): void;
}

interface FakeBackground {
  codings: PendingCoding[];
  cancelled: string[];
  saved: { noteKey: string; codes: string[] }[];
  feedback: number;
}

function suggestion(code: string): CodeSuggestion {
  return {
    code,
    system: 'ICD-10-CM',
    title: `Title of ${code}`,
    billable: true,
    score: 0.9,
    assertion: 'present',
    group: 'principal',
    evidence: [{ start: 0, end: 10, text: 'Assessment' }],
    notes: [],
    source: 'index',
  };
}

function resultFor(text: string): FeedbackCodingResult {
  return {
    terminology: 'ICD-10-CM test',
    model: null,
    codes: [suggestion(CODE_OF(text))],
    flagged: [],
  };
}

/** Answers the content script's messages as the background would, holding every coding request. */
function installFakeBackground(): FakeBackground {
  const fake = installFakeChrome();
  const background: FakeBackground = { codings: [], cancelled: [], saved: [], feedback: 0 };
  const reviews = new Map<string, unknown>();
  fake.listeners.add((message, _sender, respond) => {
    const { type, data } = message as { type: string; data: unknown };
    const ok = (value: unknown): void => respond({ ok: true, value });
    if (type === 'codeNote') {
      const { text, requestId } = data as { text: string; requestId: string };
      background.codings.push({ text, requestId, answer: () => ok(resultFor(text)) });
      return true;
    }
    if (type === 'cancelCoding')
      background.cancelled.push((data as { requestId: string }).requestId);
    if (type === 'saveNoteReview') {
      const { noteKey, review } = data as {
        noteKey: string;
        review: { accepted: { code: string }[] };
      };
      reviews.set(noteKey, review);
      background.saved.push({ noteKey, codes: review.accepted.map((entry) => entry.code) });
    }
    if (type === 'recordFeedback') background.feedback++;
    if (type === 'loadNoteReview')
      return ok(reviews.get((data as { noteKey: string }).noteKey) ?? null);
    if (type === 'getEngineProgress') return ok({ phase: 'ready', fraction: 1, label: 'Ready' });
    if (type === 'checkAcceptedCodes') return ok({});
    if (type === 'getEncounter') return ok(null); // no encounter open
    return ok({ cancelled: true, recorded: false, saved: true });
  });
  return background;
}

/** A panel mount that records every render and, at that moment, the note on the page. */
function recordingMount(): {
  mount: (doc: Document, signal: AbortSignal) => MountedPanel;
  renders: { props: PanelAppProps; pageText: string }[];
} {
  const renders: { props: PanelAppProps; pageText: string }[] = [];
  const mount = (doc: Document, signal: AbortSignal): MountedPanel => {
    let visible = false;
    const host = doc.createElement('marginalia-panel');
    doc.documentElement.append(host);
    signal.addEventListener('abort', () => host.remove(), { once: true });
    return {
      host,
      overlayLayer: doc.createElement('div'),
      hoverCard: doc.createElement('div'),
      focus: () => undefined,
      render: (props) => renders.push({ props, pageText: pageNoteText() }),
      show: () => (visible = true),
      hide: () => (visible = false),
      get isVisible() {
        return visible && host.isConnected;
      },
      unmount: () => host.remove(),
    };
  };
  return { mount, renders };
}

function pageNoteText(): string {
  return (
    document.querySelector('textarea')?.value ?? document.querySelector('main')?.textContent ?? ''
  );
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const settle = (): Promise<void> => sleep(5);

let background: FakeBackground;
let context: ContentScriptContext;

function openSession(): {
  session: PanelSession;
  renders: ReturnType<typeof recordingMount>['renders'];
  last(): PanelAppProps;
} {
  const { mount, renders } = recordingMount();
  const session = new PanelSession(document, context, { mount });
  watchPageChanges(document, { signal: context.signal, onChange: () => session.onPageChange() });
  session.open({ kind: 'page' });
  return { session, renders, last: () => renders.at(-1)!.props };
}

/** Every result the panel rendered was computed from the note on the page at that moment. */
function expectNoForeignResult(renders: { props: PanelAppProps; pageText: string }[]): void {
  for (const { props, pageText } of renders) {
    if (props.state.status !== 'ready') continue;
    expect(props.state.result.codes.map((c) => c.code)).toEqual([CODE_OF(pageText)]);
  }
}

beforeEach(() => {
  background = installFakeBackground();
  context = new ContentScriptContext();
});

afterEach(() => {
  context.invalidate();
  vi.unstubAllGlobals();
});

describe('PanelSession: a result is shown only for the note on the page', () => {
  it('drops a result whose note changed while it was coded, aborts its request and codes the new note', async () => {
    document.body.innerHTML = `<main><p>${NOTE_A}</p></main>`;
    const { renders, last } = openSession();
    expect(background.codings.map((c) => CODE_OF(c.text))).toEqual(['M10.9']);
    document.querySelector('p')!.textContent = NOTE_B;
    await settle();
    expect(last().state).toMatchObject({ status: 'coding', notice: 'note-changed' });
    expect(background.cancelled).toEqual([background.codings[0]!.requestId]);
    background.codings[0]!.answer(); // the engine answers for A anyway: never rendered
    await sleep(400); // the re-code waits for a quiet page
    expect(background.codings.map((c) => CODE_OF(c.text))).toEqual(['M10.9', 'J18.9']);
    background.codings[1]!.answer();
    await settle();
    expect(last().state).toMatchObject({
      status: 'ready',
      noteId: identifyNote(sha256Hex(background.codings[1]!.text), location.href),
    });
    expectNoForeignResult(renders);
  });

  it('checks the note again before rendering: a field whose value a script replaced (no event) is re-coded', async () => {
    document.body.innerHTML = `<textarea>${NOTE_A}</textarea>`;
    const { renders, last } = openSession();
    document.querySelector('textarea')!.value = NOTE_B; // fires nothing
    background.codings[0]!.answer();
    await settle();
    expect(last().state).toMatchObject({ status: 'coding', notice: 'note-changed' });
    expect(background.codings.map((c) => CODE_OF(c.text))).toEqual(['M10.9', 'J18.9']);
    background.codings[1]!.answer();
    await settle();
    expect(last().state.status).toBe('ready');
    expectNoForeignResult(renders);
  });

  it('codes once after a burst of switches, aborting every superseded request', async () => {
    document.body.innerHTML = `<main><p>${NOTE_A}</p></main>`;
    const { renders, last } = openSession();
    for (const note of [NOTE_B, NOTE_A, NOTE_B, NOTE_A, NOTE_B]) {
      document.querySelector('p')!.textContent = note;
      await sleep(40);
    }
    await sleep(400);
    expect(background.codings.map((c) => CODE_OF(c.text))).toEqual(['M10.9', 'J18.9']);
    expect(background.cancelled).toEqual([background.codings[0]!.requestId]);
    for (const coding of background.codings) coding.answer();
    await settle();
    expect(last().state).toMatchObject({ status: 'ready' });
    expectNoForeignResult(renders);
  });
});

describe('PanelSession: opening the panel again (issue 15)', () => {
  it('on the same note keeps its codes until the new result replaces them: no progress view in between', async () => {
    document.body.innerHTML = `<main><p>${NOTE_A}</p></main>`;
    const { session, renders, last } = openSession();
    background.codings[0]!.answer();
    await settle();
    expect(last().state.status).toBe('ready');
    const before = renders.length;
    session.open({ kind: 'page' });
    expect(background.codings).toHaveLength(2);
    expect(background.cancelled).toEqual([]); // the first run had finished
    await settle();
    expect(renders.slice(before).map((r) => r.props.state.status)).not.toContain('coding');
    const first = last().state;
    background.codings[1]!.answer();
    await vi.waitFor(() => expect(last().state).not.toBe(first));
    expect(renders.slice(before).map((r) => r.props.state.status)).not.toContain('coding');
    expect(last().state).toMatchObject({
      status: 'ready',
      noteId: identifyNote(sha256Hex(background.codings[1]!.text), location.href),
    });
    expectNoForeignResult(renders);
  });

  it('on another note shows progress at once, never the old note’s codes', async () => {
    document.body.innerHTML = `<main><p>${NOTE_A}</p></main>`;
    const { session, renders, last } = openSession();
    background.codings[0]!.answer();
    await settle();
    session.close();
    document.querySelector('p')!.textContent = NOTE_B;
    session.open({ kind: 'page' });
    expect(last().state).toMatchObject({ status: 'coding' });
    background.codings[1]!.answer();
    await vi.waitFor(() => expect(last().state.status).toBe('ready'));
    expectNoForeignResult(renders);
  });

  it('closing while the same note is coded again aborts that run', async () => {
    document.body.innerHTML = `<main><p>${NOTE_A}</p></main>`;
    const { session } = openSession();
    background.codings[0]!.answer();
    await settle();
    session.open({ kind: 'page' });
    session.close();
    await settle();
    expect(background.cancelled).toEqual([background.codings[1]!.requestId]);
  });
});

describe('PanelSession: decisions belong to the note they were made on', () => {
  it('refuses an accept and an export on a stale result, then codes the new note', async () => {
    document.body.innerHTML = `<textarea>${NOTE_A}</textarea>`;
    const { last } = openSession();
    background.codings[0]!.answer();
    await vi.waitFor(() => expect(last().state.status).toBe('ready'));
    const shown = last();
    expect(shown.confirmNote?.()).toBe(true);
    document.querySelector('textarea')!.value = NOTE_B; // no event: the poll has not run yet
    shown.onReviewChange?.(
      acceptCode(shown.review!, { code: 'M10.9', title: 'Gout', billable: true }),
    );
    await settle();
    expect(background.saved).toEqual([]);
    expect(background.feedback).toBe(0);
    expect(last().state).toMatchObject({ status: 'coding', notice: 'note-changed' });
    expect(shown.confirmNote?.()).toBe(false);
  });

  it('keeps accepted codes with their note: after a switch the accepted list is the new note’s', async () => {
    document.body.innerHTML = `<main><p>${NOTE_A}</p></main>`;
    const { last } = openSession();
    background.codings[0]!.answer();
    await settle();
    last().onReviewChange?.(
      acceptCode(last().review!, { code: 'M10.9', title: 'Gout', billable: true }),
    );
    await settle();
    expect(background.saved.map((s) => s.codes)).toEqual([['M10.9']]);
    document.querySelector('p')!.textContent = NOTE_B;
    await sleep(400);
    background.codings[1]!.answer();
    await settle();
    expect(last().state.status).toBe('ready');
    expect(last().review!.accepted).toEqual([]);
    document.querySelector('p')!.textContent = NOTE_A;
    await sleep(400);
    background.codings[2]!.answer();
    await settle();
    expect(last().review!.accepted.map((entry) => entry.code)).toEqual(['M10.9']);
  });
});
