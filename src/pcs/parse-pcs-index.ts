/**
 * Reads the official ICD-10-PCS Index XML (`ICD10PCS.index`) into flat entries: each main
 * term and subterm with its path and where it leads (full code, partial code, table, "use",
 * "see").
 */
import type { PcsIndexEntry, PcsIndexRef } from './pcs-pack-format.js';
import {
  childText,
  childrenNamed,
  fiscalYearOf,
  readXmlTree,
  type XmlElement,
} from './xml-tree.js';

export interface ParsedPcsIndex {
  fiscalYear: number;
  entries: PcsIndexEntry[];
}

function readSee(el: XmlElement): PcsIndexRef {
  const ref: PcsIndexRef = { kind: 'see', value: el.text };
  const code = childText(el, 'codes') || childText(el, 'code');
  const tab = childText(el, 'tab');
  if (code) ref.code = code;
  if (tab) ref.tab = tab;
  return ref;
}

function refsOf(el: XmlElement): PcsIndexRef[] {
  const refs: PcsIndexRef[] = [];
  for (const c of el.children) {
    if (c.name === 'code' || c.name === 'codes' || c.name === 'tab' || c.name === 'use')
      refs.push({ kind: c.name, value: c.text });
    else if (c.name === 'see') refs.push(readSee(c));
  }
  return refs;
}

function walk(el: XmlElement, parentPath: string[], out: PcsIndexEntry[]): void {
  const title = childText(el, 'title');
  const path = title ? [...parentPath, title] : parentPath;
  const refs = refsOf(el);
  if (refs.length) out.push({ path, refs });
  for (const term of childrenNamed(el, 'term')) walk(term, path, out);
}

/** Parses the Index file; `fileLabel` names it in errors. */
export function parsePcsIndex(xml: string, fileLabel: string): ParsedPcsIndex {
  const doc = readXmlTree(xml, fileLabel);
  if (doc.name !== 'ICD10PCS.index')
    throw new Error(`${fileLabel}: expected <ICD10PCS.index>, found <${doc.name}>.`);
  const entries: PcsIndexEntry[] = [];
  for (const letter of childrenNamed(doc, 'letter'))
    for (const main of childrenNamed(letter, 'mainTerm')) walk(main, [], entries);
  return { fiscalYear: fiscalYearOf(doc, fileLabel), entries };
}
