/**
 * What changed between two releases, code by code: what the team lead reads before switching
 * the coders to a new release (options page, `marginalia diff OLD NEW`).
 */
import type { TerminologyPack } from './pack-format.js';
import { toDotted } from './fold-text.js';

export interface DiffCode {
  /** Dotted code. */
  code: string;
  title: string;
  billable: boolean;
}

export interface RetitledCode {
  code: string;
  oldTitle: string;
  newTitle: string;
  billable: boolean;
}

export interface BillableChange {
  code: string;
  title: string;
  /** Billable in the old release. */
  wasBillable: boolean;
  /** Billable in the new release (a header that lost its children, or one that gained some). */
  isBillable: boolean;
}

export interface TerminologyDiff {
  /** Old and new release labels, e.g. "ICD-10-CM 2025-april". */
  from: string;
  to: string;
  /** In the new release's tabular order. */
  added: DiffCode[];
  /** In the old release's tabular order. */
  deleted: DiffCode[];
  retitled: RetitledCode[];
  billableChanged: BillableChange[];
  counts: {
    oldCodes: number;
    newCodes: number;
    oldBillable: number;
    newBillable: number;
    added: number;
    deleted: number;
    retitled: number;
    billableChanged: number;
    /** Added and deleted billable codes: the figures of the official addenda. */
    addedBillable: number;
    deletedBillable: number;
  };
}

/**
 * Compares the code lists of two packs: codes added and deleted, titles changed, and billable
 * flags changed on codes both releases have.
 *
 * @example
 * const d = diffTerminologyPacks(fy2025, fy2026);
 * d.added.filter((c) => c.billable).length; // new billable codes
 */
export function diffTerminologyPacks(
  oldPack: TerminologyPack,
  newPack: TerminologyPack,
): TerminologyDiff {
  const oldAt = new Map<string, number>();
  oldPack.codes.forEach((c, i) => oldAt.set(c, i));
  const newAt = new Map<string, number>();
  newPack.codes.forEach((c, i) => newAt.set(c, i));
  const added: DiffCode[] = [];
  const retitled: RetitledCode[] = [];
  const billableChanged: BillableChange[] = [];
  newPack.codes.forEach((c, i) => {
    const title = newPack.titles[i]!;
    const billable = newPack.billable[i] === '1';
    const o = oldAt.get(c);
    if (o === undefined) {
      added.push({ code: toDotted(c), title, billable });
      return;
    }
    const oldTitle = oldPack.titles[o]!;
    if (oldTitle !== title)
      retitled.push({ code: toDotted(c), oldTitle, newTitle: title, billable });
    const wasBillable = oldPack.billable[o] === '1';
    if (wasBillable !== billable)
      billableChanged.push({ code: toDotted(c), title, wasBillable, isBillable: billable });
  });
  const deleted: DiffCode[] = [];
  oldPack.codes.forEach((c, i) => {
    if (!newAt.has(c))
      deleted.push({
        code: toDotted(c),
        title: oldPack.titles[i]!,
        billable: oldPack.billable[i] === '1',
      });
  });
  const countBillable = (p: TerminologyPack): number => {
    let n = 0;
    for (const b of p.billable) if (b === '1') n++;
    return n;
  };
  return {
    from: `${oldPack.manifest.classification} ${oldPack.manifest.version}`,
    to: `${newPack.manifest.classification} ${newPack.manifest.version}`,
    added,
    deleted,
    retitled,
    billableChanged,
    counts: {
      oldCodes: oldPack.codes.length,
      newCodes: newPack.codes.length,
      oldBillable: countBillable(oldPack),
      newBillable: countBillable(newPack),
      added: added.length,
      deleted: deleted.length,
      retitled: retitled.length,
      billableChanged: billableChanged.length,
      addedBillable: added.filter((c) => c.billable).length,
      deletedBillable: deleted.filter((c) => c.billable).length,
    },
  };
}

/** The diff as text lines, for the CLI and a plain-text export (`limit` lines per section). */
export function formatTerminologyDiff(diff: TerminologyDiff, limit = Infinity): string[] {
  const c = diff.counts;
  const lines = [
    `${diff.from} -> ${diff.to}`,
    `codes ${c.oldCodes} -> ${c.newCodes}, billable ${c.oldBillable} -> ${c.newBillable}`,
    `added ${c.added} (${c.addedBillable} billable), deleted ${c.deleted} (${c.deletedBillable} billable), retitled ${c.retitled}, billable flag changed ${c.billableChanged}`,
  ];
  const section = <T>(name: string, list: T[], line: (x: T) => string): void => {
    if (!list.length) return;
    lines.push(`# ${name} (${list.length})`);
    for (const x of list.slice(0, limit)) lines.push(line(x));
    if (list.length > limit) lines.push(`... ${list.length - limit} more`);
  };
  const flag = (b: boolean): string => (b ? 'billable' : 'header');
  section('added', diff.added, (x) => `+ ${x.code}\t${flag(x.billable)}\t${x.title}`);
  section('deleted', diff.deleted, (x) => `- ${x.code}\t${flag(x.billable)}\t${x.title}`);
  section('retitled', diff.retitled, (x) => `~ ${x.code}\t${x.oldTitle}\t=> ${x.newTitle}`);
  section(
    'billable flag changed',
    diff.billableChanged,
    (x) => `* ${x.code}\t${flag(x.wasBillable)} -> ${flag(x.isBillable)}\t${x.title}`,
  );
  return lines;
}
