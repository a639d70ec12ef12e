/**
 * The spinal region a vertebral level names: "disc herniation L5-S1" is the lumbosacral region
 * (M51.17), not the lumbar one the word "lumbar" alone gives (M51.16); "T12-L1" is
 * thoracolumbar. A code whose title ends in "…, <region> region" moves to the sibling of the
 * region its evidence's line states by level (cervical levels are left alone: the Tabular splits
 * them finer than "cervical").
 */
import type { Ontology } from '../ontology/ontology.js';
import type { CodeSuggestion } from './coding-types.js';
import { lineAround, recode, type RuleDocument } from './rule-text.js';

const LEVEL = /\b([TLS])(\d{1,2})\s*[-–/]\s*([TLS])?(\d{1,2})\b/g;

/** The region of one level pair ("L5", "S1" → lumbosacral), if it is one the Tabular names. */
function regionOf(upper: string, lower: string): string | undefined {
  if (upper === 'L' && lower === 'S') return 'lumbosacral';
  if (upper === 'T' && lower === 'L') return 'thoracolumbar';
  if (upper === 'L' && lower === 'L') return 'lumbar';
  if (upper === 'T' && lower === 'T') return 'thoracic';
  return undefined;
}

/** The one region the levels written on the line name, or undefined (none, or several). */
function statedRegion(line: string): string | undefined {
  const found = new Set<string>();
  for (const m of line.matchAll(LEVEL)) {
    const region = regionOf(m[1]!.toUpperCase(), (m[3] ?? m[1]!).toUpperCase());
    if (region) found.add(region);
  }
  return found.size === 1 ? [...found][0] : undefined;
}

export function applySpineRegion(onto: Ontology, doc: RuleDocument, codes: CodeSuggestion[]): void {
  for (const s of codes) {
    const m = /^(.*), (lumbar|lumbosacral|thoracic|thoracolumbar) region$/i.exec(s.title);
    if (!m || s.assertion !== 'present') continue;
    const region = s.evidence.map((e) => statedRegion(lineAround(doc.text, e))).find(Boolean);
    if (!region || region === m[2]!.toLowerCase()) continue;
    const parent = onto.parent(s.code);
    const want = `${m[1]!}, ${region} region`.toLowerCase();
    const sibling = parent
      ? onto.children(parent).find((c) => (onto.title(c) ?? '').toLowerCase() === want)
      : undefined;
    if (!sibling || !onto.isBillable(sibling) || codes.some((c) => c.code === sibling)) continue;
    recode(onto, s, sibling, `The level written (${region}) names the region: ${sibling}.`);
  }
}
