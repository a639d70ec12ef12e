/**
 * Reads the panel from outside its CLOSED shadow root: page JavaScript cannot, but CDP
 * `DOM.getDocument({pierce: true})` returns shadow trees. No test hook is compiled in.
 */
import type { CDPSession, Page } from 'puppeteer-core';

interface CdpNode {
  backendNodeId: number;
  nodeType: number;
  nodeName: string;
  nodeValue?: string;
  attributes?: string[];
  children?: CdpNode[];
  shadowRoots?: CdpNode[];
  contentDocument?: CdpNode;
}

export interface PanelCode {
  code: string;
  /** The assertion when the code is in the flagged group, else null. */
  flagged: string | null;
  backendNodeId: number;
}

export interface PanelSnapshot {
  isMounted: boolean;
  /** Terminology label from the footer, present once results are shown. */
  terminology: string | null;
  codes: PanelCode[];
  /** All text in the panel (status messages, titles, evidence). */
  text: string;
  /** The page clock (performance.now()) when the whole shown result reached the DOM, else null. */
  shownAt: number | null;
  /** The page clock when the shown result's first codes reached the DOM, else null. */
  firstCodesAt: number | null;
}

function attribute(node: CdpNode, name: string): string | null {
  const list = node.attributes ?? [];
  for (let i = 0; i < list.length; i += 2) if (list[i] === name) return list[i + 1] ?? '';
  return null;
}

function* walk(node: CdpNode): Generator<CdpNode> {
  yield node;
  for (const child of [...(node.shadowRoots ?? []), ...(node.children ?? [])]) yield* walk(child);
  if (node.contentDocument) yield* walk(node.contentDocument);
}

const sessions = new WeakMap<Page, CDPSession>();

async function sessionFor(page: Page): Promise<CDPSession> {
  let session = sessions.get(page);
  if (!session) {
    session = await page.createCDPSession();
    sessions.set(page, session);
  }
  return session;
}

export async function readPanel(page: Page): Promise<PanelSnapshot> {
  const session = await sessionFor(page);
  const { root } = (await session.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
  const host = [...walk(root)].find((node) => node.nodeName === 'MARGINALIA-PANEL');
  if (!host) return { isMounted: false, terminology: null, codes: [], text: '', shownAt: null, firstCodesAt: null };
  const codes: PanelCode[] = [];
  let terminology: string | null = null;
  let shownAt: number | null = null;
  let firstCodesAt: number | null = null;
  const text: string[] = [];
  for (const node of walk(host)) {
    if (node.nodeType === 3 && node.nodeValue) text.push(node.nodeValue);
    if (node.nodeType !== 1) continue;
    const code = attribute(node, 'data-code');
    if (code !== null) codes.push({ code, flagged: attribute(node, 'data-flagged'), backendNodeId: node.backendNodeId });
    terminology ??= attribute(node, 'data-terminology');
    const shown = attribute(node, 'data-shown-at');
    if (shown !== null) shownAt = Number(shown);
    const first = attribute(node, 'data-first-codes-at');
    if (first !== null) firstCodesAt = Number(first);
  }
  return { isMounted: true, terminology, codes, text: text.join(' '), shownAt, firstCodesAt };
}

/** Polls until the panel shows a result (its footer names the terminology) or an error. */
export async function waitForPanelResult(page: Page, timeoutMs = 60_000): Promise<PanelSnapshot> {
  const deadline = Date.now() + timeoutMs;
  let last: PanelSnapshot | undefined;
  while (Date.now() < deadline) {
    last = await readPanel(page);
    if (last.terminology !== null || /Couldn’t code this page/.test(last.text)) return last;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(
    `Expected the panel to show results within ${timeoutMs} ms, got ${last?.isMounted ? `a panel saying "${last.text.slice(0, 200)}"` : 'no panel'}.`,
  );
}

/** Clicks an element found by {@link readPanel} (e.g. a code button). */
export async function clickPanelNode(page: Page, backendNodeId: number): Promise<void> {
  const session = await sessionFor(page);
  const { object } = (await session.send('DOM.resolveNode', { backendNodeId })) as { object: { objectId: string } };
  await session.send('Runtime.callFunctionOn', {
    objectId: object.objectId,
    functionDeclaration: 'function () { this.click(); }',
  });
}
