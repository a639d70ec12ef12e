/**
 * The offscreen answers behind the panel's hierarchy browser, accepted-list checks and
 * first-run progress. Registered next to the coding handlers in `index.ts`.
 */
import type { Ontology } from '../../src/ontology/ontology.js';
import { checkAcceptedCodes, type CodeFacts } from '../../src/export/check-accepted-codes.js';
import type { MessageHandlers } from '../shared/messaging.js';
import type {
  BackgroundToOffscreen,
  CodeBrief,
  CodeDetail,
  CodeNoteLine,
} from '../shared/protocol.js';
import { readLoadProgress } from './load-progress.js';

type LookupMessages = Pick<
  BackgroundToOffscreen,
  'lookupCode' | 'checkAcceptedCodes' | 'getEngineProgress'
>;

const NOTE_LIMIT = 40;

function briefOf(ontology: Ontology, code: string): CodeBrief {
  return { code, title: ontology.title(code) ?? '', billable: ontology.isBillable(code) };
}

function siblingsOf(ontology: Ontology, code: string): string[] {
  const parent = ontology.parent(code);
  if (parent) return ontology.children(parent).filter((c) => c !== code);
  // A category: its siblings are the categories of its block.
  const block = ontology.blockOf(code);
  if (!block) return [];
  const lo = block.id.split('-')[0] ?? '';
  const hi = block.id.split('-')[1] ?? lo;
  const out: string[] = [];
  for (const candidate of categoriesBetween(lo, hi))
    if (candidate !== code && ontology.has(candidate)) out.push(candidate);
  return out;
}

/** "E08".."E13" → E08, E09, …, E13 (three-character categories, letters in the third place too). */
function categoriesBetween(lo: string, hi: string): string[] {
  const out: string[] = [];
  if (lo[0] !== hi[0]) return out;
  const digits = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  for (const a of '0123456789') {
    for (const b of digits) {
      const category = `${lo[0]}${a}${b}`;
      if (category >= lo && category <= hi) out.push(category);
    }
  }
  return out.slice(0, 100);
}

export function describeCode(ontology: Ontology, code: string): CodeDetail | null {
  const info = ontology.lookup(code);
  if (!info) return null;
  const notes: CodeNoteLine[] = [];
  for (const kind of [
    'excludes1',
    'excludes2',
    'codeFirst',
    'useAdditionalCode',
    'codeAlso',
    'includes',
    'inclusionTerm',
    'notes',
  ] as const) {
    for (const note of info.notes[kind] ?? [])
      if (notes.length < NOTE_LIMIT) notes.push({ kind, text: note.text, from: note.from });
  }
  return {
    code: info.code,
    title: info.title,
    billable: info.billable,
    parents: info.parents,
    children: info.children.map((c) => briefOf(ontology, c)),
    siblings: siblingsOf(ontology, info.code).map((c) => briefOf(ontology, c)),
    notes,
    ...(info.seventhCharacter
      ? {
          seventhCharacter: {
            chars: info.seventhCharacter.chars,
            from: info.seventhCharacter.from,
          },
        }
      : {}),
  };
}

export function createLookupHandlers(
  getOntology: () => Promise<Ontology>,
): MessageHandlers<LookupMessages> {
  return {
    async lookupCode({ code }) {
      return describeCode(await getOntology(), code);
    },
    async checkAcceptedCodes({ codes }) {
      const ontology = await getOntology();
      const facts = (code: string): CodeFacts | undefined => {
        const info = ontology.lookup(code);
        if (!info) return undefined;
        return {
          ...info,
          siblings: siblingsOf(ontology, info.code).map((c) => ({
            code: c,
            title: ontology.title(c) ?? '',
          })),
        };
      };
      // ICD-10-PCS codes (7 characters, no dot, not a diagnosis code) have no diagnosis checks.
      const diagnoses = codes.filter(
        (c) => !/^[0-9A-HJ-NP-Z]{7}$/.test(c.code) || ontology.has(c.code),
      );
      return Object.fromEntries(checkAcceptedCodes(diagnoses, facts));
    },
    getEngineProgress() {
      return readLoadProgress();
    },
  };
}
