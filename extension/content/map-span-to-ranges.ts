/**
 * Turns an evidence span (offsets into the extracted text) back into DOM positions: Ranges over
 * the Text nodes it covers, and field selections for text that came from a textarea or input.
 */
import type { ExtractedNote, TextSegment } from './extracted-note.js';

export interface FieldSelection {
  field: HTMLTextAreaElement | HTMLInputElement;
  start: number;
  end: number;
}

export interface MappedSpan {
  ranges: Range[];
  fields: FieldSelection[];
}

/** Index of the first segment whose end is past `offset` (binary search). */
function firstSegmentEndingAfter(segments: readonly TextSegment[], offset: number): number {
  let low = 0;
  let high = segments.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (segments[mid]!.end <= offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

function isTextNode(source: TextSegment['source']): source is Text {
  return source.nodeType === 3;
}

export function mapSpanToRanges(note: ExtractedNote, start: number, end: number): MappedSpan {
  if (!(
    Number.isInteger(start) &&
    Number.isInteger(end) &&
    start >= 0 &&
    start <= end &&
    end <= note.text.length
  )) {
    throw new RangeError(`Expected a span within 0..${note.text.length}, got ${start}..${end}.`);
  }
  const mapped: MappedSpan = { ranges: [], fields: [] };
  /** The Range being grown over consecutive Text-node pieces of one tree (document or shadow root). */
  let open: { range: Range; root: Node } | undefined;
  for (let i = firstSegmentEndingAfter(note.segments, start); i < note.segments.length; i++) {
    const segment = note.segments[i]!;
    if (segment.start >= end) break;
    const from = Math.max(start, segment.start) - segment.start + segment.sourceOffset;
    const to = Math.min(end, segment.end) - segment.start + segment.sourceOffset;
    const { source } = segment;
    if (!isTextNode(source)) {
      open = undefined;
      mapped.fields.push({ field: source, start: from, end: to });
      continue;
    }
    if (!source.isConnected || to > source.data.length) continue; // the page changed under us
    // A Range cannot leave its tree: text read through a slot or a shadow root starts a new one.
    const root = source.getRootNode();
    if (open && open.root === root && open.range.comparePoint(source, to) >= 0) {
      open.range.setEnd(source, to);
    } else {
      const range = source.ownerDocument.createRange();
      range.setStart(source, from);
      range.setEnd(source, to);
      mapped.ranges.push(range);
      open = { range, root };
    }
  }
  return mapped;
}
