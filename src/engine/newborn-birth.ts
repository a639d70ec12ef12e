/**
 * The newborn's birth record (Official Guidelines I.C.16): the Z38 code the Index gives a liveborn
 * infant, made as specific as the note says (born in hospital, by cesarean, twins; the Index:
 * "Infant, liveborn, born in hospital, by cesarean" Z38.01); none when the infant came from
 * another hospital (Z38 is assigned once, by the birth facility). A mother's gestational
 * diabetes makes the infant-of-a-diabetic-mother syndrome P70.0, not P70.1; its hypoglycemia is
 * part of the syndrome, and a newborn's hypoglycemia is otherwise P70.4, not E16.2.
 */
import type { Ontology } from '../ontology/ontology.js';
import type { CareSetting, CodeSuggestion } from './coding-types.js';
import { addNote, codeIn, ruleSuggestion, span, type RuleDocument } from './rule-text.js';

const CESAREAN = /\b(?:c-?section|cesarean|caesarean|c\/s|ltcs)\b/i;
const TWINS = /\btwins?\b/i;
const BORN_OUTSIDE =
  /\b(?:born (?:at home|en route|in the car|outside(?: the)? hospital)|home birth|precipitous delivery at home|bba)\b/i;
const TRANSFERRED_IN = /\b(?:transferred from|transfer from|outside hospital|osh)\b/i;
/** Words that open an infant's own record (its title and first lines), and a mother's. */
const NEWBORN_HEAD = /\b(?:newborn|neonat\w*|nicu|nursery|baby (?:boy|girl))\b/i;
const MOTHER_HEAD = /\b(?:obstetric\w*|l&d|labor and delivery|postpartum|antepartum)\b/i;
const BORN = /\bborn\b[^.\n]{0,80}/i;
/** The stay of the birth itself, not an infant's later admission ("born at term" in its history). */
const BIRTH_STAY =
  /\b(?:newborn (?:nursery|admission|h&p|history and physical|discharge summary)|nursery (?:admission|course)|well[- ]baby nursery|birth (?:hospitalization|stay)|(?:dol|day of life)\s*#?[0-3]\b|\d+ hours? of life)\b/i;
const GESTATIONAL_DIABETES = /\b(?:gestational diabetes|gdm\w*|igdm)\b/i;

function birthCode(text: string): string {
  const twin = TWINS.test(text);
  if (BORN_OUTSIDE.test(text)) return twin ? 'Z38.4' : 'Z38.1';
  const cesarean = CESAREAN.test(text);
  if (twin) return cesarean ? 'Z38.31' : 'Z38.30';
  return cesarean ? 'Z38.01' : 'Z38.00';
}

/** Whether the note is an infant's own record: its opening lines name a newborn. */
export function isNewbornRecord(text: string): boolean {
  const head = text.split('\n', 2).join('\n').slice(0, 300);
  return NEWBORN_HEAD.test(head) && !MOTHER_HEAD.test(head);
}

/** Refines the newborn's codes in place; returns the codes it dropped. */
export function applyNewbornBirth(
  onto: Ontology,
  doc: RuleDocument,
  codes: CodeSuggestion[],
  setting: CareSetting,
): CodeSuggestion[] {
  const dropped: CodeSuggestion[] = [];
  const drop = (c: CodeSuggestion, message: string): void => {
    codes.splice(codes.indexOf(c), 1);
    addNote(c, { rule: 'newborn', message });
    dropped.push(c);
  };
  const birth = codes.find((c) => c.assertion === 'present' && codeIn(c.code, /^Z38/));
  if (!birth) addBirthRecord(onto, doc, codes, setting);
  else if (TRANSFERRED_IN.test(doc.text))
    drop(birth, 'Transferred in: Z38 belongs to the birth facility (Guidelines I.C.16).');
  else retitle(onto, birth, birthCode(doc.text), 'Place and manner of birth from the note.');
  if (birth || isNewbornRecord(doc.text)) applyMaternalDiabetes(onto, doc, codes, drop);
  return dropped;
}

/** P70.0 for a mother's gestational diabetes; a newborn's hypoglycemia is the syndrome's or P70.4. */
function applyMaternalDiabetes(
  onto: Ontology,
  doc: RuleDocument,
  codes: CodeSuggestion[],
  drop: (c: CodeSuggestion, message: string) => void,
): void {
  const idm = codes.find((c) => c.code === 'P70.1');
  if (idm && GESTATIONAL_DIABETES.test(doc.text))
    retitle(onto, idm, 'P70.0', 'The mother had gestational diabetes: P70.0.');
  const syndrome = codes.some((c) => codeIn(c.code, /^P70[01]/));
  for (const c of codes.filter((x) => x.code === 'E16.2' && x.assertion === 'present')) {
    if (syndrome) drop(c, 'Part of the infant-of-a-diabetic-mother syndrome (P70.0/P70.1).');
    else retitle(onto, c, 'P70.4', "A newborn's hypoglycemia is P70.4.");
  }
}

/** The infant's record of its birth stay gets its Z38 code when the Index gave none. */
function addBirthRecord(
  onto: Ontology,
  doc: RuleDocument,
  codes: CodeSuggestion[],
  setting: CareSetting,
): void {
  const born = BORN.exec(doc.text);
  if (setting !== 'inpatient' || !born || !BIRTH_STAY.test(doc.text)) return;
  if (TRANSFERRED_IN.test(doc.text)) return;
  const code = birthCode(doc.text);
  codes.push(
    ruleSuggestion(
      onto,
      code,
      [span(doc.text, born.index, born.index + born[0].length)],
      'present',
      0.8,
      [{ rule: 'newborn', message: `The infant's birth record: ${code} (Guidelines I.C.16).` }],
    ),
  );
}

function retitle(onto: Ontology, s: CodeSuggestion, code: string, message: string): void {
  if (s.code === code || !onto.isBillable(code)) return;
  addNote(s, { rule: 'newborn', message: `${message} ${code} in place of ${s.code}.` });
  s.code = code;
  s.title = onto.title(code) ?? s.title;
}
