/**
 * Reads the official ICD-10-PCS definitions XML (`ICD10PCS.definitions`): for each section and
 * axis, its terms with definition, explanation and "includes".
 */
import type { PcsDefinition } from './pcs-pack-format.js';
import { childText, childrenNamed, fiscalYearOf, readXmlTree } from './xml-tree.js';

export interface ParsedPcsDefinitions {
  fiscalYear: number;
  definitions: PcsDefinition[];
}

/** Parses the definitions file; `fileLabel` names it in errors. */
export function parsePcsDefinitions(xml: string, fileLabel: string): ParsedPcsDefinitions {
  const doc = readXmlTree(xml, fileLabel);
  if (doc.name !== 'ICD10PCS.definitions')
    throw new Error(`${fileLabel}: expected <ICD10PCS.definitions>, found <${doc.name}>.`);
  const definitions: PcsDefinition[] = [];
  for (const section of childrenNamed(doc, 'section')) {
    const sectionCode = section.attrs['code'] ?? '';
    for (const axis of childrenNamed(section, 'axis')) {
      const pos = Number(axis.attrs['pos']);
      for (const term of childrenNamed(axis, 'terms')) {
        const def: PcsDefinition = {
          section: sectionCode,
          axis: pos,
          title: childText(term, 'title'),
          includes: childrenNamed(term, 'includes').map((i) => i.text),
        };
        const definition = childText(term, 'definition');
        const explanation = childText(term, 'explanation');
        if (definition) def.definition = definition;
        if (explanation) def.explanation = explanation;
        definitions.push(def);
      }
    }
  }
  return { fiscalYear: fiscalYearOf(doc, fileLabel), definitions };
}
