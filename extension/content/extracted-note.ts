/**
 * The text the content script read from the page, with a map from every character that came
 * from the page back to its DOM position. Evidence offsets returned by the core index this
 * `text`, so highlights point at exactly the characters the core saw.
 */

/** A run of `text` copied verbatim from one Text node or one form field's value. */
export interface TextSegment {
  /** Offset of the run's first character in the extracted text. */
  start: number;
  /** Offset just past the run's last character. */
  end: number;
  /** Where the run came from. */
  source: Text | HTMLTextAreaElement | HTMLInputElement;
  /** Offset of the run's first character inside the node's data (or the field's value). */
  sourceOffset: number;
}

export interface ExtractedNote {
  text: string;
  /** Sorted by `start`, non-overlapping. Characters not covered are separators we inserted. */
  segments: TextSegment[];
  /** What was read: the note regions of the page, the live selection, or a detached copy. */
  origin: 'page' | 'selection' | 'detached';
}

/** Appends text runs and separators while keeping the segment map. */
export class NoteTextBuilder {
  private readonly parts: string[] = [];
  private readonly segments: TextSegment[] = [];
  private length = 0;
  /** The last two characters, enough to avoid stacking separators. */
  private tail = '';

  appendSource(source: TextSegment['source'], value: string, sourceOffset = 0): void {
    if (value.length === 0) return;
    this.segments.push({
      start: this.length,
      end: this.length + value.length,
      source,
      sourceOffset,
    });
    this.push(value);
  }

  /** Ends the current line unless the text is empty or already ends one. */
  appendLineBreak(): void {
    if (this.length > 0 && !this.tail.endsWith('\n')) this.push('\n');
  }

  /** Separates regions (note blocks, fields, frames) with a blank line. */
  appendParagraphBreak(): void {
    if (this.length === 0) return;
    this.appendLineBreak();
    if (this.tail !== '\n\n') this.push('\n');
  }

  appendSeparator(value: string): void {
    if (this.length > 0) this.push(value);
  }

  build(origin: ExtractedNote['origin']): ExtractedNote {
    return { text: this.parts.join(''), segments: this.segments, origin };
  }

  private push(value: string): void {
    this.parts.push(value);
    this.length += value.length;
    this.tail = (this.tail + value).slice(-2);
  }
}
