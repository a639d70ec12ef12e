// @vitest-environment happy-dom
/**
 * Property: for generated note DOMs made of arbitrary Unicode (emoji and other astral
 * characters, combining marks, RTL scripts, control characters, lone surrogates) in nested
 * inline and block elements, text fields and contenteditable regions, every span of the
 * extracted text maps back to exactly the same characters in the page (separators the reader
 * inserted aside), and segments stay faithful to their source nodes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractNoteText } from '../../../extension/content/extract-note-text.js';
import { mapSpanToRanges } from '../../../extension/content/map-span-to-ranges.js';
import { SITE_ADAPTERS } from '../../../extension/content/site-adapters.js';

const generic = SITE_ADAPTERS[0]!;

const PIECES = [
  'hypertension',
  'диабет',
  'ارتفاع ضغط الدم',
  'יתר לחץ דם',
  'e\u0301',
  'Z\u0335a\u0335',
  '🫀',
  '👩🏽‍⚕️',
  '🙂',
  '\u200f',
  '\u200d',
  '\u0000',
  '\ud800',
  '\udfff',
  '\t',
  ' ',
  '  ',
  '\u00a0',
  'x',
  '日本語',
  'ﬁ',
  'ß',
];

const textArbitrary = fc.oneof(
  fc
    .array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 8 })
    .map((parts) => parts.join('')),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }),
);

type Block = {
  tag: 'p' | 'div' | 'li' | 'span' | 'strong' | 'textarea' | 'editable';
  texts: string[];
};

const blockArbitrary: fc.Arbitrary<Block> = fc.record({
  tag: fc.constantFrom('p', 'div', 'li', 'span', 'strong', 'textarea', 'editable'),
  texts: fc.array(textArbitrary, { minLength: 1, maxLength: 4 }),
});

function buildPage(blocks: Block[]): void {
  const main = document.createElement('main');
  for (const block of blocks) {
    if (block.tag === 'textarea') {
      const field = document.createElement('textarea');
      field.value = block.texts.join(' ');
      main.append(field);
      continue;
    }
    const element = document.createElement(block.tag === 'editable' ? 'div' : block.tag);
    if (block.tag === 'editable') element.setAttribute('contenteditable', 'true');
    block.texts.forEach((text, index) => {
      // Alternate bare text nodes and nested inline elements.
      if (index % 2 === 0) element.append(document.createTextNode(text));
      else element.append(Object.assign(document.createElement('em'), { textContent: text }));
    });
    main.append(element);
  }
  document.body.replaceChildren(main);
}

/** What the mapped Ranges cover, and what the mapped field selections cover, each in order. */
function sourceText(
  note: ReturnType<typeof extractNoteText>,
  start: number,
  end: number,
): { nodes: string; fields: string } {
  const mapped = mapSpanToRanges(note, start, end);
  return {
    nodes: mapped.ranges.map((range) => range.toString()).join(''),
    fields: mapped.fields
      .map(({ field, start: from, end: to }) => field.value.slice(from, to))
      .join(''),
  };
}

describe('span mapping over arbitrary Unicode', () => {
  it('maps every span back to the same characters of the page', () => {
    fc.assert(
      fc.property(
        fc.array(blockArbitrary, { minLength: 1, maxLength: 6 }),
        fc.nat(),
        fc.nat(),
        (blocks, a, b) => {
          buildPage(blocks);
          const note = extractNoteText(document, generic);
          // Segments are faithful to their sources, code unit for code unit.
          for (const segment of note.segments) {
            const value = 'data' in segment.source ? segment.source.data : segment.source.value;
            expect(note.text.slice(segment.start, segment.end)).toBe(
              value.slice(segment.sourceOffset, segment.sourceOffset + segment.end - segment.start),
            );
          }
          if (note.text.length === 0) return;
          const start = a % (note.text.length + 1);
          const end = start + (b % (note.text.length - start + 1));
          // Only characters backed by the page count (the reader inserts line and tab separators).
          const backed = (isField: boolean): string =>
            note.segments
              .filter(
                (segment) =>
                  segment.end > start &&
                  segment.start < end &&
                  !('data' in segment.source) === isField,
              )
              .map((segment) =>
                note.text.slice(Math.max(start, segment.start), Math.min(end, segment.end)),
              )
              .join('');
          expect(sourceText(note, start, end)).toEqual({
            nodes: backed(false),
            fields: backed(true),
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
