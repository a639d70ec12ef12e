/**
 * The encounter view, computed from the notes' accepted codes: merged and de-duplicated,
 * conflicts resolved the coder's way (specific over unspecified, combination codes across
 * notes), checked as a whole (Excludes1 across notes, missing code-first / use-additional
 * partners), sequenced with a principal diagnosis, and (inpatient) a POA indicator each.
 */
import type { RuleNote } from '../engine/coding-types.js';
import { checkAcceptedCodes, type CodeFacts } from '../export/check-accepted-codes.js';
import type { Ontology } from '../ontology/ontology.js';
import { combineAcrossNotes } from './combine-across-notes.js';
import type {
  Encounter,
  EncounterCode,
  EncounterSummary,
  SupportingNote,
} from './encounter-types.js';
import { mergeNoteCodes, type MergedCode } from './merge-note-codes.js';
import { preferSpecificCodes } from './prefer-specific-codes.js';
import { sequenceEncounterCodes } from './sequence-encounter.js';
import { encounterPoa } from './suggest-poa.js';

function factsLookup(onto: Ontology): (code: string) => CodeFacts | undefined {
  return (code) => {
    const info = onto.lookup(code);
    return info ? { ...info, siblings: [] } : undefined;
  };
}

function addNotes(target: Map<string, RuleNote[]>, code: string, notes: readonly RuleNote[]): void {
  const list = target.get(code) ?? [];
  for (const n of notes)
    if (!list.some((x) => x.rule === n.rule && x.message === n.message)) list.push(n);
  target.set(code, list);
}

function toEncounterCode(
  c: MergedCode,
  index: number,
  notes: RuleNote[],
  encounter: Encounter,
): EncounterCode {
  const out: EncounterCode = {
    code: c.code,
    title: c.title,
    billable: c.billable,
    assertion: c.assertion,
    sequence: index + 1,
    isPrincipal: index === 0,
    supportedBy: c.supportedBy,
    evidence: c.evidence,
    notes,
  };
  if (encounter.setting === 'inpatient') {
    const confirmed = encounter.confirmedPoa[c.code];
    out.poa = { suggested: encounterPoa(c.code, c.poaByNote), ...(confirmed ? { confirmed } : {}) };
  }
  return out;
}

export function summarizeEncounter(onto: Ontology, encounter: Encounter): EncounterSummary {
  const notes: SupportingNote[] = encounter.notes.map(({ note }) => ({
    noteId: note.id,
    kind: note.kind,
    title: note.title,
  }));
  const merged = mergeNoteCodes(encounter.notes);
  const specific = preferSpecificCodes(merged);
  const combined = combineAcrossNotes(onto, specific.kept, notes);
  const sequenced = sequenceEncounterCodes(onto, combined.codes, encounter.principal);

  const ruleNotes = new Map<string, RuleNote[]>();
  for (const [code, list] of combined.notes)
    addNotes(
      ruleNotes,
      code,
      list.filter((n) => n.rule === 'combination'),
    );
  for (const [code, list] of sequenced.notes) addNotes(ruleNotes, code, list);
  const checks = checkAcceptedCodes(
    sequenced.order.map((c) => ({ code: c.code })),
    factsLookup(onto),
  );
  for (const [code, list] of checks) addNotes(ruleNotes, code, list);
  for (const d of specific.dropped) {
    const kept = specific.kept.find(
      (k) => k.supportedBy.length && d.code.code.slice(0, 3) === k.code.slice(0, 3),
    );
    if (kept)
      addNotes(ruleNotes, kept.code, [
        { rule: 'specificity-conflict', message: d.reason, codes: [d.code.code] },
      ]);
  }

  const excludes1 = [...checks.entries()].flatMap(([code, list]) =>
    list.filter((n) => n.rule === 'excludes1').map((n) => `${code}: ${n.message}`),
  );
  const codes = sequenced.order.map((c, i) =>
    toEncounterCode(c, i, ruleNotes.get(c.code) ?? [], encounter),
  );
  const poaWarnings = codes
    .filter((c) => c.poa?.suggested.basis === 'notes-disagree')
    .map((c) => `${c.code}: ${c.poa!.suggested.reason}`);
  return {
    codes,
    dropped: [...specific.dropped, ...combined.dropped].map(({ code, reason }) => ({
      code: code.code,
      title: code.title,
      reason,
      supportedBy: code.supportedBy,
    })),
    warnings: [...specific.warnings, ...excludes1, ...poaWarnings],
    principalReason: sequenced.principalReason,
  };
}
