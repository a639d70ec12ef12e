/**
 * ICD-10-CM long titles from the fixed-width order file (icd10cm-order-*.txt): columns 7-13 hold
 * the code without the dot, column 15 the billable flag, 78- the long title. Build tools only.
 */

/** ICD-10-CM long titles by normalised code, from the fixed-width order file. */
export function parseOrderFile(text: string): Map<string, string> {
  const titles = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    if (line.length < 16) continue;
    const code = line.slice(6, 13).trim();
    const title = line.slice(77).trim();
    if (code) titles.set(code, title);
  }
  if (titles.size < 1000) {
    throw new Error(
      `read-icd10cm-titles: expected tens of thousands of codes in the order file, got ${titles.size}`,
    );
  }
  return titles;
}
