/**
 * A neoplasm the note says was removed ("meningioma resection 2016, no recurrence", "BCC
 * excised 2019", "s/p resection") and for which no treatment continues is a personal history
 * (Guidelines I.C.2.d: excised, no further treatment directed to the site, no evidence of an
 * existing primary): the history code, not the neoplasm code.
 */
import type { EvidenceSpan } from './coding-types.js';

/** Said done: "resected", "excised 2019", "s/p resection", "meningioma resection 2016". */
const REMOVED =
  /\b(?:resected|excised|removed|(?:s\/p|status post)\s+(?:[\w-]+\s+){0,3}?(?:\w+ectomy|resection|excision|surgery)|(?:\w+ectomy|resection|excision)\s+(?:in\s+)?(?:\d{1,2}\/)?(?:19|20)\d\d)\b/i;

/** Said to come: "excision scheduled", "referred for Mohs". */
const PLANNED =
  /\b(?:scheduled|planned|plan|will|referr?(?:ed|al)|recommend\w*|consider\w*|pending)\b/i;

/** Words that say the neoplasm is still there or still treated. */
const STILL_THERE =
  /\b(?:residual|recurren(?:ce|t)|metasta\w*|chemo\w*|radiation|radiotherapy|adjuvant|tamoxifen|letrozole|anastrozole|exemestane|immunotherapy|active|persistent)\b/i;

/** "no recurrence", "without residual", "negative for metastases": said not to be there. */
const DENIED_THERE =
  /\b(?:no|without|w\/o|negative for)\s+(?:[\w-]+[\s,]+){0,3}?(?:residual|recurren\w*|metasta\w*)\w*/gi;

/** The clause around a span: bounded by a full stop, a semicolon or a line break. */
function clauseAround(text: string, e: EvidenceSpan): string {
  const before = text.slice(Math.max(0, e.start - 160), e.start);
  const start = Math.max(
    before.lastIndexOf('.'),
    before.lastIndexOf(';'),
    before.lastIndexOf('\n'),
  );
  const after = text.slice(e.end, e.end + 160);
  const end = after.search(/[.;\n]/);
  return before.slice(start + 1) + e.text + (end < 0 ? after : after.slice(0, end));
}

/** Every mention says the neoplasm was removed, and none says it is still there or treated. */
export function saidToBeRemoved(text: string, evidence: readonly EvidenceSpan[]): boolean {
  return evidence.every((e) => {
    const clause = clauseAround(text, e);
    return (
      REMOVED.test(clause) &&
      !PLANNED.test(clause) &&
      !STILL_THERE.test(clause.replace(DENIED_THERE, ' '))
    );
  });
}
