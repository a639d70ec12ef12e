import type { CodeFacts } from '../../src/export/check-accepted-codes.js';
import type { Ontology } from '../../src/ontology/ontology.js';

/** What checkAcceptedCodes needs to know of a code, read from an Ontology. */
export function factsFrom(onto: Ontology): (code: string) => CodeFacts | undefined {
  return (code: string): CodeFacts | undefined => {
    const info = onto.lookup(code);
    if (!info) return undefined;
    const parent = onto.parent(code);
    const siblings = (parent ? onto.children(parent) : [])
      .filter((c) => c !== info.code)
      .map((c) => ({ code: c, title: onto.title(c) ?? '' }));
    return { ...info, siblings };
  };
}
