// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ExtractedNote } from '../../../extension/content/extracted-note.js';
import {
  createDetachedNote,
  extractNoteText,
  extractSelectedText,
} from '../../../extension/content/extract-note-text.js';
import { findNoteRegions } from '../../../extension/content/find-note-regions.js';
import { mapSpanToRanges } from '../../../extension/content/map-span-to-ranges.js';
import {
  SITE_ADAPTERS,
  findSiteAdapter,
  matchesHostPattern,
} from '../../../extension/content/site-adapters.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/ehr-pages');
const generic = SITE_ADAPTERS.find((adapter) => adapter.id === 'generic')!;

function loadFixture(name: string): void {
  const html = readFileSync(path.join(FIXTURES, name), 'utf8').replace(/^<!doctype html>/i, '');
  document.documentElement.innerHTML = html.replace(/<\/?html[^>]*>/gi, '');
}

function mappedText(note: ExtractedNote, start: number, end: number): string {
  return mapSpanToRanges(note, start, end)
    .ranges.map((range) => range.toString())
    .join('');
}

/** Every character backed by a segment equals its source node's character. */
function expectSegmentsFaithful(note: ExtractedNote): void {
  let previousEnd = 0;
  for (const segment of note.segments) {
    expect(segment.start).toBeGreaterThanOrEqual(previousEnd);
    previousEnd = segment.end;
    const value = 'data' in segment.source ? segment.source.data : segment.source.value;
    expect(note.text.slice(segment.start, segment.end)).toBe(
      value.slice(segment.sourceOffset, segment.sourceOffset + segment.end - segment.start),
    );
  }
}

describe('extractNoteText on the plain note page', () => {
  beforeEach(() => loadFixture('plain-note.html'));

  it('reads the <main> region only, skipping the banner and navigation', () => {
    expect(findNoteRegions(document, generic).map((el) => el.tagName)).toEqual(['MAIN']);
    const note = extractNoteText(document, generic);
    expect(note.origin).toBe('page');
    expect(note.text).toContain('no evidence of pneumonia');
    expect(note.text).toContain('Mother with breast cancer.');
    expect(note.text).not.toContain('MRN');
    expect(note.text).not.toContain('Chart navigation');
    expectSegmentsFaithful(note);
  });

  it('separates blocks with line breaks so list items do not run together', () => {
    const { text } = extractNoteText(document, generic);
    expect(text).toMatch(/Lisinopril 20 mg daily\s*\n\s*Metformin/);
    expect(text).toMatch(/Family history\s*\n/);
  });

  it('maps a span back to exactly its characters, also across element boundaries', () => {
    const note = extractNoteText(document, generic);
    // "essential hypertension" is inside <strong>; "hypertension and" crosses its end tag.
    for (const phrase of ['breast cancer', 'essential hypertension', 'hypertension and']) {
      const start = note.text.indexOf(phrase);
      expect(start).toBeGreaterThanOrEqual(0);
      expect(mappedText(note, start, start + phrase.length)).toBe(phrase);
    }
  });

  it('maps every span to the same characters, ignoring only the separators it inserted', () => {
    const note = extractNoteText(document, generic);
    const squash = (text: string): string => text.replace(/\s+/g, '');
    fc.assert(
      fc.property(fc.nat(note.text.length), fc.nat(200), (start, length) => {
        const end = Math.min(note.text.length, start + length);
        expect(squash(mappedText(note, start, end))).toBe(squash(note.text.slice(start, end)));
      }),
      { numRuns: 300 },
    );
  });

  it('refuses spans outside the text with a message naming the bounds', () => {
    const note = extractNoteText(document, generic);
    expect(() => mapSpanToRanges(note, 5, note.text.length + 1)).toThrow(
      `Expected a span within 0..${note.text.length}`,
    );
    expect(() => mapSpanToRanges(note, 9, 3)).toThrow(RangeError);
  });

  it('never reads the panel host', () => {
    const host = document.createElement('marginalia-panel');
    host.textContent = 'panel text I10';
    document.querySelector('main')!.append(host);
    expect(extractNoteText(document, generic).text).not.toContain('panel text');
  });
});

describe('fields and editors', () => {
  beforeEach(() => loadFixture('textarea-note.html'));

  it('reads textarea values and contenteditable text, mapping field text to the field', () => {
    const note = extractNoteText(document, generic);
    expect(note.text).toContain('Type 2 diabetes mellitus without complications.');
    expect(note.text).toContain('chronic obstructive pulmonary disease');
    expectSegmentsFaithful(note);
    const start = note.text.indexOf('Essential hypertension');
    const mapped = mapSpanToRanges(note, start, start + 'Essential hypertension'.length);
    expect(mapped.ranges).toEqual([]);
    expect(mapped.fields).toHaveLength(1);
    const { field, start: from, end: to } = mapped.fields[0]!;
    expect(field.value.slice(from, to)).toBe('Essential hypertension');
  });

  it('reads a text selection inside a textarea with offsets into its value', () => {
    const textarea = document.querySelector('textarea')!;
    textarea.focus();
    const from = textarea.value.indexOf('Type 2');
    textarea.setSelectionRange(from, from + 'Type 2 diabetes mellitus'.length);
    const note = extractSelectedText(document)!;
    expect(note.text).toBe('Type 2 diabetes mellitus');
    const mapped = mapSpanToRanges(note, 7, 15);
    expect(textarea.value.slice(mapped.fields[0]!.start, mapped.fields[0]!.end)).toBe('diabetes');
  });
});

describe('selection', () => {
  beforeEach(() => loadFixture('plain-note.html'));

  it('reads only the selected characters and maps back into the page', () => {
    const paragraph = [...document.querySelectorAll('p')].find((p) =>
      p.textContent?.includes('Mother'),
    )!;
    const text = paragraph.firstChild as Text;
    const range = document.createRange();
    range.setStart(text, text.data.indexOf('breast'));
    range.setEnd(text, text.data.indexOf('. Father'));
    const selection = document.getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
    const note = extractSelectedText(document)!;
    expect(note.origin).toBe('selection');
    expect(note.text).toBe('breast cancer');
    expect(mappedText(note, 0, 6)).toBe('breast');
  });

  it('has nothing to read when the selection is collapsed', () => {
    document.getSelection()!.removeAllRanges();
    (document.activeElement as HTMLElement | null)?.blur?.();
    expect(extractSelectedText(document)).toBeUndefined();
  });

  it('a detached note has no DOM behind it', () => {
    const note = createDetachedNote('hypertension');
    expect(mapSpanToRanges(note, 0, 12)).toEqual({ ranges: [], fields: [] });
  });
});

describe('site adapters', () => {
  it('match hosts as data', () => {
    expect(matchesHostPattern('ehr.example.org', '*.example.org')).toBe(true);
    expect(matchesHostPattern('example.org', '*.example.org')).toBe(true);
    expect(matchesHostPattern('badexample.org', '*.example.org')).toBe(false);
    expect(findSiteAdapter('127.0.0.1').id).toBe('generic');
  });
});

describe('page layouts the generic reader was not written for', () => {
  it('a div-only chart viewer: the note is read, its banner, navigation tree and sidebar are not', () => {
    loadFixture('chart-viewer-chrome.html');
    const note = extractNoteText(document, generic);
    expect(note.text).toContain('Migraine without aura, not intractable.');
    expect(note.text).toMatch(/Assessment:\s*\n\s*1\. Migraine/); // <br> and nested <div>s break lines
    for (const chrome of ['Allergies', 'MRSA', 'DNR', 'COPD action plan', 'atrial fibrillation'])
      expect(note.text).not.toContain(chrome);
    expectSegmentsFaithful(note);
  });

  it('a legacy printable view: the <pre> note verbatim, not the column of links beside it', () => {
    loadFixture('legacy-printable-pre.html');
    const note = extractNoteText(document, generic);
    expect(note.text).toContain(
      'ASSESSMENT:\n  1. Cellulitis of left lower leg. Start cephalexin.\n',
    );
    expect(note.text).not.toContain('Diabetic flowsheet');
    expect(note.text).not.toContain('Hypertension registry');
  });

  it('reads collapsed <details> sections and hidden="until-found" content, not hidden elements', () => {
    document.body.innerHTML = `<main>
      <details open><summary>Assessment</summary><p>Chronic kidney disease stage 3a.</p></details>
      <details><summary>Plan</summary><p>Atrial fibrillation on apixaban.</p><p hidden>Template: pneumonia.</p></details>
      <div hidden="until-found">Hypothyroidism.</div><div hidden>Inactive tab: gout.</div></main>`;
    const { text } = extractNoteText(document, generic);
    for (const read of ['stage 3a', 'Atrial fibrillation', 'Hypothyroidism'])
      expect(text).toContain(read);
    expect(text).not.toContain('pneumonia');
    expect(text).not.toContain('gout');
  });

  it('of notes side by side, reads the one holding the coder’s place, else all', () => {
    document.body.innerHTML = `<article><p id="left">Asthma.</p></article>
      <article><p id="right">Hyperlipidemia.</p></article><p id="outside">Compare</p>`;
    const right = document.getElementById('right')!.firstChild!;
    expect(findNoteRegions(document, generic, right)).toHaveLength(1);
    expect(extractNoteText(document, generic, { place: right }).text.trim()).toBe(
      'Hyperlipidemia.',
    );
    const outside = document.getElementById('outside')!;
    expect(extractNoteText(document, generic, { place: outside }).text).toContain('Asthma.');
    expect(extractNoteText(document, generic).text).toContain('Hyperlipidemia.');
  });

  it('narrows to the note holding the coder’s place inside one <main> holding two <article>s', () => {
    document.body.innerHTML = `<main><h1>Compare</h1><article><p id="left">Asthma.</p></article>
      <article><p id="right">Hyperlipidemia.</p></article></main><aside><article id="tip">Tip</article></aside>`;
    const left = document.getElementById('left')!;
    expect(extractNoteText(document, generic, { place: left }).text.trim()).toBe('Asthma.');
    // A click outside the notes read (an article in a sidebar) changes nothing.
    const tip = document.getElementById('tip')!;
    expect(findNoteRegions(document, generic, tip).map((el) => el.tagName)).toEqual(['MAIN']);
  });

  it('reads only the modal dialog on top while one is open (the page behind is inert)', () => {
    document.body.innerHTML = `<main><p>Acute gout flare.</p></main>
      <div role="dialog" aria-modal="true" id="preview"><article><p>Pneumonia.</p></article><textarea>Asthma.</textarea></div>
      <div role="dialog" aria-modal="true" hidden><p>Closed modal: COPD.</p></div>`;
    expect(extractNoteText(document, generic).text.trim()).toBe('Pneumonia.\n\nAsthma.');
    document.getElementById('preview')!.remove();
    expect(extractNoteText(document, generic).text.trim()).toBe('Acute gout flare.');
  });

  it('reads open shadow roots through their slots, in rendered order, and maps spans across them', () => {
    document.body.innerHTML = '<main><note-card><b>Gout</b> of the right toe.</note-card></main>';
    const host = document.querySelector('note-card')!;
    host.attachShadow({ mode: 'open' }).innerHTML =
      '<h3>Assessment</h3><p>Acute <slot></slot> Stable.</p><slot name="none">Fallback.</slot>';
    const note = extractNoteText(document, generic);
    expect(note.text.trim()).toBe('Assessment\nAcute Gout of the right toe. Stable.\nFallback.');
    expectSegmentsFaithful(note);
    const start = note.text.indexOf('Acute Gout');
    const mapped = mapSpanToRanges(note, start, start + 'Acute Gout of'.length);
    // One range per tree: "Acute " in the shadow root, "Gout of" in the page.
    expect(mapped.ranges.map((range) => range.toString())).toEqual(['Acute ', 'Gout of']);
  });
});
