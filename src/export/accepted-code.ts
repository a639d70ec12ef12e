/**
 * The coder's accepted list as the exporters and checks see it: codes and titles only, never
 * note text.
 */
import type { Assertion } from '../engine/coding-types.js';

export interface AcceptedCode {
  /** Dotted ICD-10-CM code, e.g. "E11.22". */
  code: string;
  title: string;
  /** How the note asserts it; drives the FHIR verification status. Default "present". */
  assertion?: Assertion;
  /** "principal", "secondary", "history"… as the panel grouped it. */
  group?: string;
  /** The classification; absent means ICD-10-CM (a diagnosis). ICD-10-PCS codes export as procedures. */
  system?: 'ICD-10-CM' | 'ICD-10-PCS';
}
