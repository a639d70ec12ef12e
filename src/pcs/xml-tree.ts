/**
 * A small element tree over the streaming reader, for the ICD-10-PCS release files: their
 * elements hold either child elements or plain text (no mixed content), so a tree is simpler
 * to walk than events.
 */
import { readXmlEvents } from '../ontology/read-xml.js';

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Text directly inside the element (trimmed, pieces joined by one space). */
  text: string;
}

/** Parses `xml` into its root element; `fileLabel` names the file in errors. */
export function readXmlTree(xml: string, fileLabel: string): XmlElement {
  const root: XmlElement = { name: '#document', attrs: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  for (const ev of readXmlEvents(xml, fileLabel)) {
    const top = stack[stack.length - 1]!;
    if (ev.kind === 'text') top.text = top.text ? `${top.text} ${ev.text.trim()}` : ev.text.trim();
    else if (ev.kind === 'open') {
      const el: XmlElement = { name: ev.name, attrs: ev.attrs, children: [], text: '' };
      top.children.push(el);
      stack.push(el); // a self-closing tag is followed by its close event
    } else {
      if (top.name !== ev.name)
        throw new Error(`${fileLabel}: expected </${top.name}>, found </${ev.name}>.`);
      stack.pop();
    }
  }
  const doc = root.children[0];
  if (!doc || stack.length !== 1)
    throw new Error(
      `${fileLabel}: expected one well-formed root element, found ${root.children.length} roots and ${stack.length - 1} unclosed elements.`,
    );
  return doc;
}

/** Child elements named `name`. */
export function childrenNamed(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}

/** The text of the first child named `name`, or '' when there is none. */
export function childText(el: XmlElement, name: string): string {
  return el.children.find((c) => c.name === name)?.text ?? '';
}

/** The `<version>` of a release file as a fiscal year; throws when it is not a year. */
export function fiscalYearOf(doc: XmlElement, fileLabel: string): number {
  const text = childText(doc, 'version');
  const year = Number(text);
  if (!/^\d{4}$/.test(text))
    throw new Error(
      `${fileLabel}: expected <version> to hold a fiscal year such as 2026, found ${JSON.stringify(text)}.`,
    );
  return year;
}
