/**
 * The "verify and assign" step of the coding engine (DESIGN.md §2 step 7): the ICD-10-CM
 * conventions applied as explicit rules to the ranked candidates of one note, in reportable
 * scope. Every rule that changes, adds or removes a code leaves a RuleNote on it, so the
 * panel can say why.
 *
 * Order: keep what the note documents → past procedures → assertions (negated, hypothetical,
 * uncertain by setting, family and personal history) → integral symptoms → combination codes
 * → specificity and 7th character → Tabular pairs (Excludes1, code first / use additional)
 * → groups (principal, secondary, history, flagged).
 */
import type { Ontology } from '../ontology/ontology.js';
import { negatedInClauseBefore } from '../context/clause-negation.js';
import type { CareSetting, CodeSuggestion, EvidenceSpan, RankedCandidate } from './coding-types.js';
import { applyCombinationCodes } from './combination-codes.js';
import { applyDiabetesComplications } from './diabetes-complications.js';
import { applyBphSymptoms } from './bph-symptoms.js';
import { applyPressureUlcerStage } from './pressure-ulcer-stage.js';
import { applyMetastasisSites } from './metastasis-sites.js';
import { addReceptorStatus } from './receptor-status.js';
import { applyCadWithAngina } from './cad-angina.js';
import { applySepsisOrganism } from './sepsis-organism.js';
import { applyComplicationsOfCare } from './complications-of-care.js';
import { recodeAfterCare, specifyPostproceduralDisorders } from './postprocedural-disorders.js';
import { applyDementiaDisturbance } from './dementia-disturbance.js';
import { applyStrokeFacialWeakness, applyStrokeSequelae } from './stroke-sequelae.js';
import { applyHandedness } from './hemiplegia-dominance.js';
import { applyStrokeVessel } from './stroke-vessel.js';
import { applyIbdWithBleeding } from './ibd-complications.js';
import { dropFallBesideInjury } from './fall-with-injury.js';
import { applyLossOfConsciousness } from './loss-of-consciousness.js';
import { applyPregnancyCodes } from './pregnancy-codes.js';
import { applyDeliveryCodes } from './delivery-codes.js';
import { applyNewbornBirth } from './newborn-birth.js';
import { applyNewbornConditions } from './newborn-conditions.js';
import { applyIdentifiedCause, applyNihssScore } from './identified-cause.js';
import { addDrugStatusCodes, dropUnsupportedDrugStatus } from './drug-status-codes.js';
import { addDrugEffectCodes, specifyDrugInduced } from './drug-effect-codes.js';
import { deniedFindingsLeftOut } from './codable-finding.js';
import { historyCodeFor } from './history-codes.js';
import { saidToBeRemoved } from './excised-neoplasm.js';
import { applySkinNeoplasmSite } from './skin-neoplasm-site.js';
import { applySpineRegion } from './spine-region.js';
import { applySiteSpecificity } from './site-specificity.js';
import { findIntegralSymptoms } from './integral-symptoms.js';
import { applySubstanceIntoxication } from './substance-intoxication.js';
import { applyAnaphylaxisFood } from './anaphylaxis-food.js';
import { applyDeliriumCause } from './delirium-cause.js';
import { applyThyroidCause } from './thyroid-cause.js';
import { applyObesityClass } from './obesity-class.js';
import { applyInfarctArtery } from './infarct-artery.js';
import { dropVagueCodes } from './vague-codes.js';
import { applyCalculusHydronephrosis } from './calculus-hydronephrosis.js';
import { applyCholecystitisAcuity } from './cholecystitis-calculus.js';
import {
  addNote,
  codeIn,
  dedupeSpans,
  ruleSuggestion,
  sectionAt,
  sentencesOf,
  type RuleDocument,
} from './rule-text.js';
import {
  refineDuration,
  refineHeartFailureExacerbation,
  refineSeventhCharacter,
  refineSpecificity,
} from './specific-code.js';
import { applyExactTitles } from './exact-titles.js';
import { addEncounterCodes } from './encounter-codes.js';
import { applyTobaccoCode } from './tobacco-codes.js';
import { applyBmiCode } from './bmi-codes.js';
import { applyElevatedBpReading } from './elevated-bp-reading.js';
import { applyCopdInfection } from './copd-infection.js';
import { harmonizeDiabetesType } from './diabetes-type.js';
import {
  hasDiagnosticStatement,
  inDiagnosticStatement,
  selectDocumented,
  type SelectionCandidate,
} from './select-documented.js';
import { findStatusProcedures } from './status-procedures.js';
import { findHomeOxygen } from './oxygen-dependence.js';
import { codeResolvedThisStay } from './resolved-this-stay.js';
import { assignGroups } from './assign-groups.js';
import { dropFracturesOfOsteoporosis } from './osteoporotic-fractures.js';
import {
  flagExcludes1,
  pairPartners,
  resolveExcludes1AcrossMentions,
  resolveExcludes1SameMention,
  saysLess,
  tabularPartners,
} from './tabular-pairs.js';

/** One candidate as the rules see it. */
export interface RuleCandidate extends SelectionCandidate {
  suggestion: CodeSuggestion;
  /** Ranker probability; undefined when no ranker ran (then every candidate is kept). */
  probability?: number;
  /** Where the match came from ("index", "title", "learned"…). */
  sources: readonly string[];
  /** Fraction of the covered words the term fills (1 = written contiguously). */
  density: number;
  /** Words of the dictionary term. */
  requiredWords: number;
}

export interface CodingRuleInput {
  onto: Ontology;
  doc: RuleDocument;
  setting: CareSetting;
  candidates: readonly RuleCandidate[];
  /** Ranker threshold (ignored without probabilities). */
  threshold: number;
}

export interface CodingRuleOutput {
  codes: CodeSuggestion[];
  flagged: CodeSuggestion[];
  /** Mentions scope: the ranked candidates below threshold (see CodingResult.considered). */
  considered?: RankedCandidate[];
}

export function applyCodingRules(input: CodingRuleInput): CodingRuleOutput {
  const { onto, doc, setting } = input;
  const flagged: CodeSuggestion[] = [];

  // 1. What the documentation supports (select-documented.ts).
  const selection = selectDocumented(doc, input.candidates, input.threshold);
  const documentedPool = [...selection.written].map((c) => c.suggestion);
  for (const c of selection.kept) {
    if (c.probability === undefined || c.probability >= input.threshold) continue;
    addNote(c.suggestion, {
      rule: 'documented',
      message: "Reported: the note writes the diagnosis out in the classification's own terms.",
    });
    c.suggestion.score = Math.max(c.suggestion.score, 0.5);
  }
  // A finding the note denies is shown as denied, never dropped unseen (issue 13).
  for (const c of deniedFindingsLeftOut(input.candidates, selection.kept)) {
    addNote(c.suggestion, { rule: 'negated', message: 'Negated in the note: not reported.' });
    flagged.push(c.suggestion);
  }
  const kept = dropShadowed(selection.kept, (c) => selection.written.has(c));
  let codes = kept.map((c) => c.suggestion);

  // A sentence that is a code's official title is that code.
  for (const r of applyExactTitles(onto, doc, codes)) flagged.push({ ...r, group: 'flagged' });

  // 2. Past procedures → status Z codes; what the procedure word alone suggested goes.
  const procedures = findProcedures(doc);
  if (procedures.length) {
    codes = codes.filter(
      (s) => !s.evidence.every((e) => procedures.some((p) => e.start < p.end && p.start < e.end)),
    );
    for (const p of procedures) {
      const ev = { start: p.start, end: p.end, text: doc.text.slice(p.start, p.end) };
      const existing = codes.find((c) => c.code === p.code);
      if (existing) existing.evidence = dedupeSpans([...existing.evidence, ev]);
      else
        codes.push(
          ruleSuggestion(onto, p.code, [ev], 'historical', 0.85, [
            {
              rule: 'status-post',
              message: `Past procedure "${p.procedure}" reported as status ${p.code}.`,
            },
          ]),
        );
    }
  }

  addHomeOxygen(onto, doc, setting, codes);

  // 3. Assertions. A negation cue right before the mention in its clause is a negation
  // whatever the context scopes said (a header before it, "CXR: no evidence of…"):
  // the context layer's clause check (src/context/clause-negation.ts).
  for (const s of codes)
    if (
      s.assertion === 'present' &&
      s.source !== 'rule' &&
      s.evidence.every((e) => negatedInClauseBefore(doc.text, e.start))
    )
      s.assertion = 'negated';
  const thisYear = latestYear(doc.text);
  for (const s of codes)
    if (
      s.assertion === 'present' &&
      s.source !== 'rule' &&
      s.evidence.every(
        (e) =>
          (isEpisodic(onto, s.code) &&
            (datedBefore(doc.text, e.end, thisYear) ||
              datedStayBefore(doc.text, e.start, thisYear))) ||
          endedBefore(doc.text, e.end, thisYear),
      )
    ) {
      s.assertion = 'historical';
      addNote(s, { rule: 'dated-episode', message: 'Dated in a past year: a past episode.' });
    }
  for (const s of codes)
    if (
      s.assertion === 'present' &&
      s.source !== 'rule' &&
      codeIn(s.code, /^C|^D[0-4]/) &&
      saidToBeRemoved(doc.text, s.evidence)
    ) {
      s.assertion = 'historical';
      addNote(s, {
        rule: 'excised-neoplasm',
        message: 'Removed, and no treatment continues: a history.',
      });
    }
  // A dependence or drug therapy that ended ("HD 2015-2018") is no current status.
  for (const s of codes.filter((c) => c.assertion === 'historical' && codeIn(c.code, /^Z99|^Z79/)))
    if (s.notes.some((n) => n.rule === 'dated-episode')) {
      codes.splice(codes.indexOf(s), 1);
      flagged.push({ ...s, group: 'flagged' });
    }
  codeResolvedThisStay(doc, setting, codes);
  const possibleDx = codes.filter((s) => s.assertion === 'possible' && !codeIn(s.code, /^R/));
  const out: CodeSuggestion[] = [];
  const historyAdds: CodeSuggestion[] = [];
  for (const s of codes) {
    switch (s.assertion) {
      case 'negated':
        addNote(s, { rule: 'negated', message: 'Negated in the note: not reported.' });
        flagged.push(s);
        break;
      case 'hypothetical':
        addNote(s, {
          rule: 'hypothetical',
          message: 'Hypothetical or conditional mention: not reported.',
        });
        flagged.push(s);
        break;
      case 'possible': {
        const sent = sentencesOf(doc, s);
        if (
          codeIn(s.code, /^R/) &&
          !s.evidence.some((e) => /^\s?\?/.test(doc.text.slice(e.end, e.end + 2))) &&
          possibleDx.some((d) => [...sentencesOf(doc, d)].some((k) => sent.has(k)))
        ) {
          // The doubt is about the diagnosis (not a symptom questioned itself: "periumbilical?");
          // the symptoms beside it are documented.
          s.assertion = 'present';
          addNote(s, {
            rule: 'symptom-documented',
            message: 'Symptom documented beside an uncertain diagnosis: reported.',
          });
          out.push(s);
        } else if (setting === 'inpatient' && !uncertainAtDischarge(doc, s)) {
          addNote(s, {
            rule: 'uncertain-inpatient',
            message:
              'Uncertain on admission or during the stay but not at discharge: not coded (Guidelines II.H applies to the diagnosis at discharge).',
          });
          flagged.push(s);
        } else if (setting === 'inpatient') {
          addNote(s, {
            rule: 'uncertain-inpatient',
            message:
              'Uncertain diagnosis ("possible", "probable", "rule out") at discharge: coded as if established (inpatient, Guidelines II.H / III.C).',
          });
          out.push(s);
        } else {
          addNote(s, {
            rule: 'uncertain-outpatient',
            message:
              'Uncertain diagnosis: not coded in the outpatient setting (Guidelines IV.H); code the documented signs and symptoms.',
          });
          flagged.push(s);
        }
        break;
      }
      case 'family': {
        const ev = s.evidence.map((e) => e.text).join(' ');
        // A relative's acute infection is an exposure, not a family history (Z80-Z84 are for
        // conditions that run in families).
        const h = codeIn(s.code, /^Z8[0-4]/)
          ? { code: s.code }
          : codeIn(s.code, /^[AB]|^J0|^J1|^J2[0-2]|^U07/)
            ? undefined
            : historyCodeFor(onto, 'family', s.code, ev);
        if (h && !familyHistoryAddressed(doc, s)) {
          addNote(s, {
            rule: 'family-history',
            message: `Family history of ${s.title || s.code} (${h.code}): the assessment does not address it; add it if it bears on this encounter.`,
            codes: [h.code],
          });
          flagged.push(s);
        } else if (h && h.code !== s.code) {
          historyAdds.push(
            ruleSuggestion(onto, h.code, s.evidence, 'family', Math.max(0.6, s.score), [
              {
                rule: 'family-history',
                message: `Family history of ${s.title || s.code}: reported as ${h.code}.`,
                codes: [s.code],
              },
            ]),
          );
          addNote(s, {
            rule: 'family-history',
            message: `Family member's condition: reported as ${h.code}, not ${s.code}.`,
            codes: [h.code],
          });
          flagged.push(s);
        } else if (h) {
          out.push(s);
        } else {
          addNote(s, {
            rule: 'family-history',
            message: "Family member's condition: not the patient's; no family history code found.",
          });
          flagged.push(s);
        }
        break;
      }
      case 'historical': {
        if (codeIn(s.code, /^Z|^I252/) || s.source === 'rule') {
          out.push(s);
          break;
        }
        // HIV disease never resolves: "hx AIDS" is B20 (Guidelines I.C.1.a.2.a).
        if (codeIn(s.code, /^B20/)) {
          addNote(s, {
            rule: 'historical-chronic',
            message: 'HIV disease: coded whenever documented.',
          });
          out.push(s);
          break;
        }
        const ev = s.evidence.map((e) => e.text).join(' ');
        const h = historyCodeFor(onto, 'personal', s.code, ev);
        if (h) {
          historyAdds.push(
            ruleSuggestion(onto, h.code, s.evidence, 'historical', Math.max(0.6, s.score), [
              {
                rule: 'personal-history',
                message: `Past condition (${s.code}) reported as history ${h.code}.`,
                codes: [s.code],
              },
            ]),
          );
          addNote(s, {
            rule: 'personal-history',
            message: `Past or resolved condition: reported as ${h.code}.`,
            codes: [h.code],
          });
          flagged.push(s);
        } else if (
          setting === 'outpatient' &&
          hasDiagnosticStatement(doc) &&
          !treatedNow(doc.text, s)
        ) {
          // A visit with an assessment reports what it addresses; a bare list is all there is.
          addNote(s, {
            rule: 'historical-chronic',
            message:
              'Listed only in the history: an outpatient visit codes the conditions that affect its care (Guidelines IV.J); add it if this visit treats it.',
          });
          flagged.push(s);
        } else if (isEpisodic(onto, s.code) || saidToHaveEnded(doc, s, thisYear)) {
          addNote(s, {
            rule: 'resolved',
            message: 'Past episode, resolved: not reported, and no history code applies.',
          });
          flagged.push(s);
        } else {
          addNote(s, {
            rule: 'historical-chronic',
            message:
              'Listed as history but chronic: reported as a current condition; confirm it is still treated.',
          });
          out.push(s);
        }
        break;
      }
      default:
        out.push(s);
    }
  }
  // Outpatient: the signs and symptoms written beside an uncertain diagnosis are coded instead.
  // A questioned symptom ("periumbilical?") is no diagnosis to stand in for.
  const uncertainDx = flagged.filter(
    (f) => !codeIn(f.code, /^R/) && f.notes.some((n) => n.rule === 'uncertain-outpatient'),
  );
  for (const dx of uncertainDx) {
    const sent = sentencesOf(doc, dx);
    const bySpan = new Map<number, RuleCandidate>();
    for (const c of input.candidates) {
      const s = c.suggestion;
      if (
        !codeIn(s.code, /^R/) ||
        !s.billable ||
        s.assertion === 'negated' ||
        s.assertion === 'family'
      )
        continue;
      if (!c.sources.some((x) => x === 'index' || x === 'title')) continue;
      if (![...sentencesOf(doc, s)].some((k) => sent.has(k))) continue;
      if (
        out.some(
          (o) =>
            o.code === s.code ||
            o.evidence.some((e) => s.evidence.some((f) => f.start === e.start)),
        )
      )
        continue;
      const k = s.evidence[0]!.start;
      const prev = bySpan.get(k);
      if (!prev || (c.probability ?? 0) > (prev.probability ?? 0)) bySpan.set(k, c);
    }
    for (const c of bySpan.values()) {
      c.suggestion.assertion = 'present';
      addNote(c.suggestion, {
        rule: 'symptom-documented',
        message: `Documented symptom coded in place of the uncertain ${dx.code} (outpatient).`,
        codes: [dx.code],
      });
      out.push(c.suggestion);
    }
  }
  codes = mergeByCode([...out, ...oneHistoryPerMention(doc.text, historyAdds)]);

  for (const r of applyStatedDetail(onto, doc, codes)) flagged.push({ ...r, group: 'flagged' });
  // Substance "use" without a related disorder is not reported (Guidelines I.C.5.b.3).
  for (const s of codes.filter((c) => codeIn(c.code, /^F1[0-9]90$/))) {
    addNote(s, {
      rule: 'substance-use',
      message:
        'Psychoactive substance use is coded only when the provider relates it to a disorder or condition (Guidelines I.C.5.b.3).',
    });
    codes.splice(codes.indexOf(s), 1);
    flagged.push({ ...s, group: 'flagged' });
  }
  // Tobacco: one code for the note's statements (tobacco-codes.ts); one diabetes type.
  applyTobaccoCode(onto, doc, codes);
  for (const r of harmonizeDiabetesType(onto, doc, codes)) flagged.push({ ...r, group: 'flagged' });
  codes = mergeByCode(codes);

  applyBphSymptoms(onto, codes);

  // 4. Symptoms integral to a confirmed diagnosis (delirium with a cause is a disorder first).
  const delirium = applyDeliriumCause(onto, doc, codes);
  if (delirium) codes.push(delirium);
  const explainers = codes.filter((s) => s.assertion === 'present' || s.assertion === 'possible');
  for (const [sym, dx] of findIntegralSymptoms(doc, codes, explainers)) {
    addNote(sym, {
      rule: 'integral-symptom',
      message: `Integral to ${dx.code} (${dx.title}): not coded separately.`,
      codes: [dx.code],
    });
    flagged.push({ ...sym, group: 'flagged' });
    codes.splice(codes.indexOf(sym), 1);
  }

  // 5. Combination codes.
  const flaggedSpans: EvidenceSpan[] = flagged
    .filter((f) => !f.notes.some((n) => n.rule === 'integral-symptom'))
    .flatMap((f) => f.evidence);
  const allowed = (pos: number): boolean =>
    sectionAt(doc, pos) !== 'family_history' &&
    !flaggedSpans.some((e) => pos >= e.start - 1 && pos < e.end);
  const removed: CodeSuggestion[] = applyDiabetesComplications(onto, doc, codes);
  applyCombinationCodes(onto, doc, codes, removed, allowed);
  applyCadWithAngina(onto, doc, codes, removed, allowed);
  removed.push(...applyCopdInfection(onto, codes));
  applySepsisOrganism(onto, doc, codes, removed);
  applyDementiaDisturbance(onto, doc, codes, removed);
  applyStrokeSequelae(onto, doc, codes, removed);
  applyStrokeFacialWeakness(onto, doc, codes);
  applyStrokeVessel(onto, doc, codes, removed);
  applyIbdWithBleeding(onto, doc, codes, removed);
  applyHandedness(onto, doc, codes);
  dropFallBesideInjury(doc, codes, removed);
  applyComplicationsOfCare(onto, doc, codes, removed);
  recodeAfterCare(onto, doc.text, codes);
  codes.push(...specifyPostproceduralDisorders(onto, codes));
  for (const r of removed) flagged.push({ ...r, group: 'flagged' });

  // 6. The most specific code the note supports; the 7th character of each injury.
  refineSpecificity(onto, doc, codes);
  applyLossOfConsciousness(onto, doc, codes);
  applySkinNeoplasmSite(onto, doc, codes);
  applySpineRegion(onto, doc, codes);
  applyMetastasisSites(
    onto,
    doc,
    codes,
    flagged,
    input.candidates.map((c) => c.suggestion),
  );
  applySiteSpecificity(onto, doc, codes);
  applyPressureUlcerStage(onto, doc, codes);
  refineSeventhCharacter(onto, doc, codes);
  refineDuration(onto, doc, codes);
  refineHeartFailureExacerbation(onto, doc, codes);
  for (const r of applyPregnancyCodes(onto, doc, codes, setting))
    flagged.push({ ...r, group: 'flagged' });
  for (const r of applyDeliveryCodes(onto, doc, codes)) flagged.push({ ...r, group: 'flagged' });
  for (const r of applyNewbornBirth(onto, doc, codes, setting))
    flagged.push({ ...r, group: 'flagged' });
  applyNewbornConditions(onto, doc, codes);
  applyIdentifiedCause(onto, doc, codes);
  codes.push(...applyNihssScore(onto, doc, codes));
  codes = mergeByCode(codes);
  dropVagueBesideSpecific(onto, codes, flagged);
  for (const r of resolveExcludes1AcrossMentions(onto, codes))
    flagged.push({ ...r, group: 'flagged' });
  for (const r of dropFracturesOfOsteoporosis(codes)) flagged.push({ ...r, group: 'flagged' });

  // 7. Tabular pairs.
  const added = pairPartners(
    onto,
    codes,
    documentedPool.filter((p) => !flagged.some((f) => f.code === p.code)),
    // Symptoms a note names code by code: any found by the classification's own terms.
    input.candidates
      .filter((c) => c.sources.some((x) => x === 'index' || x === 'title'))
      .map((c) => c.suggestion)
      .filter((p) => !flagged.some((f) => f.code === p.code && f.assertion !== 'present')),
  );
  // A partner comes from the candidates as found: at the specificity the note supports.
  refineSpecificity(onto, doc, added);
  codes.push(...added);
  for (const r of addReceptorStatus(onto, doc, codes)) flagged.push({ ...r, group: 'flagged' });
  // Status codes the conditions' use-additional notes ask for (insulin, oral drugs, dialysis).
  for (const r of dropUnsupportedDrugStatus(doc, codes)) flagged.push({ ...r, group: 'flagged' });
  codes.push(...addDrugStatusCodes(onto, doc, codes));
  const effects = addDrugEffectCodes(onto, doc, codes);
  if (effects.length) {
    // The Table of Drugs names the substance: "unspecified substance" says less.
    for (const s of codes.filter((c) => /\bunspecified (?:substance|drug)/i.test(c.title))) {
      addNote(s, { rule: 'specificity', message: `${effects[0]!.code} names the substance.` });
      codes.splice(codes.indexOf(s), 1);
      flagged.push({ ...s, group: 'flagged' });
    }
    codes.push(...effects);
    specifyDrugInduced(onto, doc, codes, effects);
  }
  applyElevatedBpReading(onto, doc, codes);
  applyBmiCode(onto, doc, codes);
  codes.push(...addEncounterCodes(onto, doc, codes, setting));
  for (const r of resolveExcludes1SameMention(onto, codes))
    flagged.push({ ...r, group: 'flagged' });
  // Partners and status codes added above may restate a condition said more specifically.
  dropVagueBesideSpecific(onto, codes, flagged);
  for (const r of dropVagueCodes(onto, doc, setting, codes))
    flagged.push({ ...r, group: 'flagged' });
  dropUnspecifiedOrganismPneumonia(codes, flagged);
  flagExcludes1(onto, codes);

  dropOrganismInCombination(codes, flagged);
  // "Metastatic breast cancer" is the primary of the breast with metastases elsewhere, not a
  // secondary neoplasm of the breast beside its own primary.
  for (const s of codes.filter((c) => /^C7[7-9]/.test(c.code))) {
    const site = /neoplasm of (.+)$/i.exec(s.title)?.[1]?.toLowerCase();
    const primary =
      site &&
      codes.find((o) => /^C(?:[0-6]|7[0-6])/.test(o.code) && o.title.toLowerCase().includes(site));
    if (!primary) continue;
    addNote(s, {
      rule: 'specificity',
      message: `${primary.code} is the primary of that site; "metastatic" names its spread.`,
      codes: [primary.code],
    });
    codes.splice(codes.indexOf(s), 1);
    flagged.push({ ...s, group: 'flagged' });
  }
  for (const s of [...codes]) {
    const o = codes.find((x) => x !== s && x.assertion === s.assertion && deniesItsNature(s, x));
    if (!o) continue;
    addNote(s, { rule: 'specificity', message: `${o.code} says what it is.`, codes: [o.code] });
    codes.splice(codes.indexOf(s), 1);
    flagged.push({ ...s, group: 'flagged' });
  }

  // A post COVID-19 condition is coded instead of the infection it followed (I.C.1.g.1.m).
  if (codes.some((c) => c.code === 'U09.9'))
    for (const c of codes.filter((x) => x.code === 'U07.1' || x.code === 'Z86.16')) {
      addNote(c, {
        rule: 'post-covid',
        message: 'U09.9 codes the condition after COVID-19.',
        codes: ['U09.9'],
      });
      codes.splice(codes.indexOf(c), 1);
      flagged.push({ ...c, group: 'flagged' });
    }

  // 8. Groups and order.
  const finalCodes = assignGroups(doc, codes);
  for (const f of flagged) f.group = 'flagged';
  return {
    codes: finalCodes,
    flagged: mergeByCode(flagged.filter((f) => !finalCodes.some((c) => c.code === f.code))),
  };
}

/**
 * A family history is reported when it bears on the encounter: the provider names it in the
 * assessment, diagnoses or problem list, or the note has no such statement (a problem list).
 */
function familyHistoryAddressed(doc: RuleDocument, s: CodeSuggestion): boolean {
  return !hasDiagnosticStatement(doc) || inDiagnosticStatement(doc, s);
}

/**
 * An unspecified (or uncomplicated) code beside a specific one of the same category says less
 * about the same condition; so does one whose words are all inside another code's evidence
 * ("shock" after "septic shock", "CKD" inside "CKD 3a").
 */
/**
 * J18.- is pneumonia of unspecified organism: beside a pneumonia whose organism the note names
 * (J12-J17, influenza with pneumonia) it says less ("LLL consolidation" read through the Index
 * as lobar pneumonia, J18.1, beside pneumococcal pneumonia, J13).
 */
function dropUnspecifiedOrganismPneumonia(
  codes: CodeSuggestion[],
  flagged: CodeSuggestion[],
): void {
  const named = codes.find(
    (c) => codeIn(c.code, /^J1[2-7]|^J(?:09X1|10[01]|11[01])/) && c.assertion === 'present',
  );
  if (!named) return;
  for (const s of codes.filter((c) => codeIn(c.code, /^J18/))) {
    addNote(s, {
      rule: 'specificity',
      message: `${named.code} names the pneumonia's organism; "unspecified organism" says less.`,
      codes: [named.code],
    });
    codes.splice(codes.indexOf(s), 1);
    flagged.push({ ...s, group: 'flagged' });
  }
}

/**
 * Two diabetes codes of different subcategories code two complications (Guidelines I.C.4.a:
 * as many codes from E08-E13 as the associated conditions need): E11.319 beside E11.22.
 */
function otherDiabeticComplication(a: CodeSuggestion, b: CodeSuggestion): boolean {
  return (
    codeIn(a.code, /^E(?:0[89]|1[013])/) &&
    codeIn(b.code, /^E(?:0[89]|1[013])/) &&
    a.code.slice(0, 5) !== b.code.slice(0, 5) &&
    !/\.[89]$/.test(a.code)
  );
}

function dropVagueBesideSpecific(
  onto: Ontology,
  codes: CodeSuggestion[],
  flagged: CodeSuggestion[],
): void {
  for (const s of [...codes]) {
    if (!VAGUE_TITLE.test(s.title) && !/\bwithout\b/i.test(s.title)) continue;
    const better =
      codes.find(
        (o) =>
          o !== s &&
          o.code.slice(0, 3) === s.code.slice(0, 3) &&
          !otherDiabeticComplication(s, o) &&
          (vagueness(o.title) < vagueness(s.title) ||
            statesWhatIsDenied(s.title, o.title) ||
            (o.code.length > s.code.length && o.code.startsWith(s.code.slice(0, 5)))) &&
          sameStanding(s, o),
      ) ??
      codes.find(
        (o) =>
          o !== s &&
          (vagueness(o.title) < vagueness(s.title) || saysLess(s.title, o.title)) &&
          o.assertion === s.assertion &&
          !otherDiabeticComplication(s, o) &&
          !paired(o, s) &&
          !tabularPartners(onto, o.code, s.code) &&
          !primaryBesideSecondary(s, o) &&
          (isAFormOf(o.title, s.title) ||
            s.evidence.every((e) => o.evidence.some((f) => saidWithin(e.text, f.text)))),
      ) ??
      codes.find(
        (o) =>
          o !== s &&
          o.assertion === s.assertion &&
          ORGAN_CATCH_ALL.some(([vague, specific]) => vague.test(s.code) && specific.test(o.code)),
      );
    if (!better) continue;
    addNote(s, {
      rule: 'specificity',
      message: `${better.code} codes the same condition more specifically.`,
      codes: [better.code],
    });
    codes.splice(codes.indexOf(s), 1);
    flagged.push({ ...s, group: 'flagged' });
  }
}

/**
 * An organ's catch-all ("Disorder of kidney and ureter, unspecified", "Heart disease,
 * unspecified") beside a specific disease of that organ: the words were that disease's ("acute
 * kidney injury on CKD" read as a kidney disorder too).
 */
const ORGAN_CATCH_ALL: readonly [RegExp, RegExp][] = [
  [/^N28\.9$/, /^N0|^N1[0-9]|^N2[0-7]|^I1[23]/],
  [/^I51\.9$/, /^I0|^I1[13]|^I2|^I3|^I4|^I50/],
];

/**
 * Both codes speak of the condition as it stands now: the same assertion, or a chronic condition
 * the history lists (kept as current) that the assessment names more specifically.
 */
function sameStanding(vague: CodeSuggestion, specific: CodeSuggestion): boolean {
  return (
    vague.assertion === specific.assertion ||
    (vague.assertion === 'historical' && specific.assertion === 'present')
  );
}

/**
 * `specific`'s title names a form of what `vague` leaves unspecified: "Rheumatoid arthritis with
 * rheumatoid factor of multiple sites …" beside "Rheumatoid arthritis, unspecified".
 */
function isAFormOf(specific: string, vague: string): boolean {
  const head = /^(.+?), unspecified$/i.exec(vague)?.[1];
  return head !== undefined && specific.toLowerCase().startsWith(`${head.toLowerCase()} `);
}

/**
 * Two history codes of one neoplasm named twice on one line ("benign brain neoplasm
 * (meningioma)"): the "other" one gives way to the one that names the site.
 */
function oneHistoryPerMention(text: string, adds: CodeSuggestion[]): CodeSuggestion[] {
  const lineOf = (pos: number): number => text.lastIndexOf('\n', pos);
  const shareALine = (a: CodeSuggestion, b: CodeSuggestion): boolean =>
    a.evidence.some((e) => b.evidence.some((f) => lineOf(e.start) === lineOf(f.start)));
  return adds.filter(
    (a) =>
      !/^Z8[56]/.test(a.code) ||
      !/\bother\b/i.test(a.title) ||
      !adds.some(
        (b) =>
          b.code !== a.code &&
          b.code.slice(0, 5) === a.code.slice(0, 5) &&
          !/\bother\b/i.test(b.title) &&
          shareALine(a, b),
      ),
  );
}

/**
 * A primary malignancy named as such ("Breast cancer" inside "Breast cancer, left, with bone
 * mets") is never the vague form of a secondary one: they are two neoplasms. One read from the
 * metastasis's own words ("brain met", "[secondary] malignant neoplasm of brain") is not.
 */
function primaryBesideSecondary(s: CodeSuggestion, o: CodeSuggestion): boolean {
  return (
    codeIn(s.code, /^C(?:[0-6]|7[0-6])/) &&
    codeIn(o.code, /^C7[7-9]/) &&
    s.evidence.every(
      (e) =>
        /\b(?:cancer|(?:adeno)?carcinoma|sarcoma|lymphoma|melanoma)\b/i.test(e.text) &&
        !/\bmet(?:s|astas[ie]s|astatic)?\b|\bsecondary\b/i.test(e.text),
    )
  );
}

/** `a` says "without X" where `b` says "with X" (R65.20 beside R65.21): `b` states what `a` denies. */
function statesWhatIsDenied(a: string, b: string): boolean {
  for (const m of a.matchAll(/\bwithout (?:mention of )?(?:current |acute )?([a-z]+)/gi))
    if (new RegExp(`\\bwith (?:current |acute )?(?:\\w+ )?${m[1]}`, 'i').test(b)) return true;
  return false;
}

/**
 * An organism code (B95-B97, "… as the cause of diseases classified elsewhere") beside a code
 * whose title already names the organism (J21.0 "… due to respiratory syncytial virus") and only
 * where that code's words are: the combination says it.
 */
function dropOrganismInCombination(codes: CodeSuggestion[], flagged: CodeSuggestion[]): void {
  for (const b of codes.filter((c) => /^B9[5-7]/.test(c.code))) {
    const organism = b.title
      .replace(/ as the cause of diseases classified elsewhere$/i, '')
      .replace(/^(?:unspecified|other) /i, '')
      .toLowerCase();
    const near = (e: EvidenceSpan, o: CodeSuggestion): boolean =>
      o.evidence.some((f) => e.start >= f.start - 40 && e.end <= f.end + 40);
    // Each mention of the organism is the combination's, or names no other condition ("RSV PCR
    // positive" in the results).
    const by = codes.find(
      (o) =>
        o !== b &&
        !/^B9[5-7]/.test(o.code) &&
        o.title.toLowerCase().includes(organism) &&
        b.evidence.every((e) => near(e, o) || !codes.some((c) => c !== b && c !== o && near(e, c))),
    );
    if (!by) continue;
    addNote(b, {
      rule: 'combination',
      message: `${by.code} names the organism.`,
      codes: [by.code],
    });
    codes.splice(codes.indexOf(b), 1);
    flagged.push({ ...b, group: 'flagged' });
  }
}

/**
 * "Noninfective colitis" beside an infectious colitis, "nontoxic goiter" beside thyrotoxicosis
 * with goiter: the first denies what the second documents of the same condition.
 */
function deniesItsNature(s: CodeSuggestion, o: CodeSuggestion): boolean {
  const m = /^(?:unspecified )?non-?(infective|toxic|traumatic)\b(.*)$/i.exec(s.title);
  if (!m) return false;
  const positive =
    m[1]!.toLowerCase() === 'infective'
      ? /^[AB]/.test(o.code)
      : m[1]!.toLowerCase() === 'toxic'
        ? /toxic/i.test(o.title)
        : /^[ST]/.test(o.code);
  const heads = m[2]!.toLowerCase().match(/[a-z]{5,}/g) ?? [];
  return positive && heads.some((h) => o.title.toLowerCase().includes(h));
}

/** One code's notes name the other: a pair the Tabular asks for (I11.0 + I50.9, D63.1 + N18.9). */
function paired(a: CodeSuggestion, b: CodeSuggestion): boolean {
  return (
    a.notes.some((n) => n.codes?.includes(b.code)) || b.notes.some((n) => n.codes?.includes(a.code))
  );
}

/** `short`'s words end `long`'s words ("shock" in "Septic shock", "CKD" in "CKD", "pneumonia"). */
function saidWithin(short: string, long: string): boolean {
  const a = short.toLowerCase().trim();
  const b = long.toLowerCase();
  return (
    a.length > 1 &&
    new RegExp(`(?:^|\\W)${a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:$|\\W)`).test(b)
  );
}

const VAGUE_TITLE =
  /\bunspecified\b|\bnot specified as\b|, uncomplicated$|\bwithout complications$/i;

/** How little a title says: 2 unspecified, 1 uncomplicated (no complication stated), 0 specific. */
function vagueness(title: string): number {
  return /\bunspecified\b|\bnot specified as\b/i.test(title) ? 2 : VAGUE_TITLE.test(title) ? 1 : 0;
}

/** The latest year the note writes (its date of service, as a rule), or undefined. */
function latestYear(text: string): number | undefined {
  let max: number | undefined;
  for (const m of text.matchAll(/\b(?:19|20)\d{2}\b/g)) max = Math.max(max ?? 0, Number(m[0]));
  return max;
}

/** A year earlier than the note's own right after a mention ("inferior STEMI 2022", "PE (2019)"). */
function datedBefore(text: string, end: number, thisYear: number | undefined): boolean {
  if (thisYear === undefined) return false;
  const m =
    /^[ ,(]{0,3}(?:in |on |dx |diagnosed )?(?:\d{1,2}\/)?((?:19|20)\d{2})\b(?:\s*[-–]\s*((?:19|20)\d{2})\b)?/i.exec(
      text.slice(end, end + 24),
    );
  return m !== null && Number(m[2] ?? m[1]) < thisYear;
}

/** "dx 2019 when hospitalized w/ Pneumocystis pneumonia": the episode of a past stay. */
function datedStayBefore(text: string, start: number, thisYear: number | undefined): boolean {
  if (thisYear === undefined) return false;
  const m =
    /\b((?:19|20)\d{2})\b[^.;\n]{0,30}\b(?:hospitali[sz]ed|admitted|treated)\s+(?:w\/|with|for)\s*$/i.exec(
      text.slice(Math.max(0, start - 70), start),
    );
  return m !== null && Number(m[1]) < thisYear;
}

/**
 * An uncertain diagnosis counts as established only where it is uncertain at discharge: with a
 * discharge diagnoses section, only a mention there ("Dx on admission: r/o ACS" with "NSTEMI" at
 * discharge is not coded as ACS).
 */
function uncertainAtDischarge(doc: RuleDocument, s: CodeSuggestion): boolean {
  if (!doc.sections.some((sec) => sec.category === 'discharge_diagnoses')) return true;
  return s.evidence.some((e) => sectionAt(doc, e.start) === 'discharge_diagnoses');
}

/** Listed as resolved ("Resolved: plantar fasciitis (2023)") or dated in an earlier year. */
function saidToHaveEnded(
  doc: RuleDocument,
  s: CodeSuggestion,
  thisYear: number | undefined,
): boolean {
  return s.evidence.every((e) => {
    const sec = doc.sections.find(
      (x) => e.start >= x.start && e.start < Math.max(x.end, x.start + 1),
    );
    const title = sec ? doc.text.slice(sec.start, sec.start + 24) : '';
    const after = doc.text.slice(e.end, e.end + 24);
    return (
      /^\s*(?:resolved|inactive|past problems)/i.test(title) ||
      /^[^.;\n]{0,12}\b(?:resolved|healed|previously)\b/i.test(after) ||
      treatedByOperation(doc.text, e) ||
      datedBefore(doc.text, e.end, thisYear) ||
      /^[ ,]*\((?:19|20)\d{2}\)/.test(after)
    );
  });
}

/**
 * What the note states that makes a code more specific or combines two: the food of an
 * anaphylaxis, the cause of a hypothyroidism, the obesity class, the infarct's artery, a stone
 * with hydronephrosis, gallstones with cholecystitis, a use disorder with intoxication. Returns
 * the codes folded into another.
 */
function applyStatedDetail(
  onto: Ontology,
  doc: RuleDocument,
  codes: CodeSuggestion[],
): CodeSuggestion[] {
  applyAnaphylaxisFood(onto, doc, codes);
  applyThyroidCause(onto, doc, codes);
  applyObesityClass(onto, doc, codes);
  applyInfarctArtery(onto, doc, codes);
  return [
    ...applyCalculusHydronephrosis(onto, codes),
    ...applyCholecystitisAcuity(onto, doc, codes),
    ...applySubstanceIntoxication(onto, doc, codes),
  ];
}

/**
 * A history item that says the patient is treated for it now ("Hypothyroidism on
 * levothyroxine", "OSA on CPAP"): the visit's care includes it (Guidelines IV.J).
 */
function treatedNow(text: string, s: CodeSuggestion): boolean {
  return s.evidence.some((e) =>
    /^[^.;,\n]{0,12}\b(?:on|taking|maintained on|controlled (?:on|with))\s+(?!no\b|off\b)[a-z]/i.test(
      text.slice(e.end, e.end + 40),
    ),
  );
}

/**
 * A past condition an operation took away: "cataract surgery", "inguinal hernia repair 2015",
 * "BPH s/p TURP", "flutter s/p CTI ablation", "s/p toe amputation for osteomyelitis". (Not a
 * chronic disease an operation treats but leaves: "CAD s/p PCI" stays.)
 */
function treatedByOperation(text: string, e: EvidenceSpan): boolean {
  const after = text.slice(e.end, e.end + 40);
  const before = text.slice(Math.max(0, e.start - 60), e.start);
  return (
    OPERATION_AFTER.test(after) || /\b(?:s\/p|status post)\b[^.;\n]{0,40}\bfor\s*$/i.test(before)
  );
}
const OPERATION_AFTER =
  /^[ ,]{0,2}(?:\(?(?:s\/p|status post)\s+(?:[\w-]+\s+){0,2}?)?(?:surgery|repair(?:ed)?|extraction|removal|excision|resection|ablation|amputation|turp|\w+ectomy)\b/i;

/** A period that ended in an earlier year right after a mention ("HD 2015-2018"). */
function endedBefore(text: string, end: number, thisYear: number | undefined): boolean {
  const m = /^[ ,(]{0,3}(?:(?:19|20)\d{2})\s*[-–]\s*((?:19|20)\d{2})\b/.exec(
    text.slice(end, end + 16),
  );
  return thisYear !== undefined && m !== null && Number(m[1]) < thisYear;
}

/** Conditions that end: a past episode of one is not a current condition. */
function isEpisodic(onto: Ontology, code: string): boolean {
  const title = onto.title(code) ?? '';
  return (
    /\bacute\b|\binfection\b|\bfracture\b|\binjury\b|\bpoisoning\b|\bpregnan/i.test(title) ||
    codeIn(code, /^[ABORSTVWXY]|^J0|^J1|^J2[0-2]|^N39|^K35|^K8[01]|^I2[126]|^I6[0-3]|^U07/)
  );
}

/**
 * Drops candidates that another kept candidate already says better: a learned phrase overlapping
 * a classification term ("left knee" → knee pain inside "left knee osteoarthritis"), or a
 * mention whose every span lies inside a longer mention's span, unless the Tabular pairs them.
 */
function dropShadowed(
  kept: RuleCandidate[],
  documented: (c: RuleCandidate) => boolean,
): RuleCandidate[] {
  const inside = (a: EvidenceSpan, b: EvidenceSpan): boolean =>
    a.start >= b.start && a.end <= b.end && b.end - b.start > a.end - a.start;
  const overlaps = (a: EvidenceSpan, b: EvidenceSpan): boolean =>
    a.start < b.end && b.start < a.end;
  const learnedOnly = (c: RuleCandidate): boolean =>
    c.sources.length > 0 && c.sources.every((x) => x === 'learned');
  return kept.filter((a) => {
    const as = a.suggestion;
    for (const b of kept) {
      if (b === a) continue;
      const bs = b.suggestion;
      if (
        learnedOnly(a) &&
        !learnedOnly(b) &&
        as.evidence.every((e) => bs.evidence.some((f) => overlaps(e, f))) &&
        bs.evidence.some((f) => !as.evidence.some((e) => e.start === f.start && e.end === f.end))
      ) {
        return false;
      }
      if (
        b.requiredWords > a.requiredWords &&
        as.assertion === bs.assertion &&
        documented(b) &&
        as.evidence.every((e) => bs.evidence.some((f) => inside(e, f))) &&
        !partnered(as.code, bs)
      ) {
        return false;
      }
    }
    return true;
  });
}

/** A longer mention whose code has a code-first / use-additional note naming the shorter one's category. */
function partnered(code: string, longer: CodeSuggestion): boolean {
  // N18 inside "anemia in chronic kidney disease", E11 inside "diabetic CKD": both reported.
  const pairs: [RegExp, RegExp][] = [
    [/^N18/, /^D631|^E(?:0[89]|1[0-3])22|^I1[23]/],
    [/^I50/, /^I1[1-3]/],
    [/^E(?:0[89]|1[0-3])/, /^(?!E(?:0[89]|1[0-3]))/],
    [/^B9[5-7]/, /^./],
    // "Breast cancer, left, with bone mets": the primary inside a secondary's words stays; the
    // secondary of the same site then gives way to it (below).
    [/^C(?:[0-6]|7[0-6])/, /^C7[7-9]/],
  ];
  return pairs.some(([a, b]) => codeIn(code, a) && codeIn(longer.code, b));
}

/** Z99.81 where the note says the patient uses oxygen at home (src/engine/oxygen-dependence.ts). */
function addHomeOxygen(
  onto: Ontology,
  doc: RuleDocument,
  setting: CareSetting,
  codes: CodeSuggestion[],
): void {
  const spans = findHomeOxygen(doc, setting).map((e) => ({
    ...e,
    text: doc.text.slice(e.start, e.end),
  }));
  if (!spans.length) return;
  const existing = codes.find((c) => c.code === 'Z99.81');
  if (existing) existing.evidence = dedupeSpans([...existing.evidence, ...spans]);
  else
    codes.push(
      ruleSuggestion(onto, 'Z99.81', spans, 'historical', 0.85, [
        {
          rule: 'oxygen-dependence',
          message: 'The patient uses oxygen at home: dependence on supplemental oxygen Z99.81.',
        },
      ]),
    );
}

function findProcedures(doc: RuleDocument): ReturnType<typeof findStatusProcedures> {
  const out: ReturnType<typeof findStatusProcedures> = [];
  for (const s of doc.sentences) {
    const section = sectionAt(doc, s.start);
    out.push(
      ...findStatusProcedures(doc.text.slice(s.start, s.end), s.start, {
        surgicalHistory: section === 'past_surgical_history',
        thisStay: section === 'hospital_course' || section === 'procedures',
        problemList: section === 'problem_list',
      }),
    );
  }
  return out;
}

function mergeByCode(list: CodeSuggestion[]): CodeSuggestion[] {
  const byCode = new Map<string, CodeSuggestion>();
  for (const s of list) {
    const prev = byCode.get(s.code);
    if (!prev) {
      byCode.set(s.code, s);
      continue;
    }
    prev.evidence = dedupeSpans([...prev.evidence, ...s.evidence]);
    prev.score = Math.max(prev.score, s.score);
    for (const n of s.notes) addNote(prev, n);
  }
  return [...byCode.values()];
}
