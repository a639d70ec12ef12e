/**
 * The one panel driver of the e2e harness: reads and drives the panel inside its CLOSED shadow
 * root from a test, through CDP only (page JavaScript cannot reach it, but
 * `DOM.getDocument({pierce: true})` returns shadow trees): a snapshot of the codes and text,
 * nodes found by attribute, click, focus, and a function evaluated on the shadow root itself.
 * It reads what both builds render (`<marginalia-panel>`, `data-code`, `data-flagged`), plus the
 * test build's timing attributes when present.
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
  shadowRootType?: string;
}

export interface PanelNode {
  backendNodeId: number;
  nodeName: string;
  attributes: Record<string, string>;
  text: string;
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

function* walk(node: CdpNode): Generator<CdpNode> {
  yield node;
  for (const child of [...(node.shadowRoots ?? []), ...(node.children ?? [])]) yield* walk(child);
  if (node.contentDocument) yield* walk(node.contentDocument);
}

function attributesOf(node: CdpNode): Record<string, string> {
  const out: Record<string, string> = {};
  const list = node.attributes ?? [];
  for (let i = 0; i < list.length; i += 2) out[list[i]!] = list[i + 1] ?? '';
  return out;
}

function textOf(node: CdpNode): string {
  const parts: string[] = [];
  for (const inner of walk(node))
    if (inner.nodeType === 3 && inner.nodeValue) parts.push(inner.nodeValue);
  return parts.join('');
}

async function panelHost(page: Page): Promise<CdpNode | undefined> {
  const session = await sessionFor(page);
  const { root } = (await session.send('DOM.getDocument', { depth: -1, pierce: true })) as {
    root: CdpNode;
  };
  return [...walk(root)].find((node) => node.nodeName === 'MARGINALIA-PANEL');
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
  /** Test build: the page clock (performance.now()) when the whole shown result reached the DOM. */
  shownAt: number | null;
  /** Test build: the page clock when the shown result's first codes reached the DOM. */
  firstCodesAt: number | null;
}

const NO_PANEL: PanelSnapshot = {
  isMounted: false,
  terminology: null,
  codes: [],
  text: '',
  shownAt: null,
  firstCodesAt: null,
};

function numberOrNull(value: string | undefined): number | null {
  return value === undefined ? null : Number(value);
}

/** What the panel shows now: its codes (with the flagged assertion), terminology and text. */
export async function readPanel(page: Page): Promise<PanelSnapshot> {
  const host = await panelHost(page);
  if (!host) return NO_PANEL;
  const snapshot: PanelSnapshot = { ...NO_PANEL, isMounted: true, codes: [] };
  const text: string[] = [];
  for (const node of walk(host)) {
    if (node.nodeType === 3 && node.nodeValue) text.push(node.nodeValue);
    if (node.nodeType !== 1) continue;
    const attributes = attributesOf(node);
    const code = attributes['data-code'];
    if (code !== undefined)
      snapshot.codes.push({
        code,
        flagged: attributes['data-flagged'] ?? null,
        backendNodeId: node.backendNodeId,
      });
    snapshot.terminology ??= attributes['data-terminology'] ?? null;
    snapshot.shownAt = numberOrNull(attributes['data-shown-at']) ?? snapshot.shownAt;
    snapshot.firstCodesAt =
      numberOrNull(attributes['data-first-codes-at']) ?? snapshot.firstCodesAt;
  }
  return { ...snapshot, text: text.join(' ') };
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
  const got = last?.isMounted ? `a panel saying "${last.text.slice(0, 200)}"` : 'no panel';
  throw new Error(`Expected the panel to show results within ${timeoutMs} ms, got ${got}.`);
}

/** Elements inside the panel whose attributes satisfy `match`. */
export async function findPanelNodes(
  page: Page,
  match: (attributes: Record<string, string>, nodeName: string) => boolean,
): Promise<PanelNode[]> {
  const host = await panelHost(page);
  if (!host) return [];
  const found: PanelNode[] = [];
  for (const node of walk(host)) {
    if (node.nodeType !== 1) continue;
    const attributes = attributesOf(node);
    if (match(attributes, node.nodeName))
      found.push({
        backendNodeId: node.backendNodeId,
        nodeName: node.nodeName,
        attributes,
        text: textOf(node),
      });
  }
  return found;
}

/** Waits until `match` finds at least one node (or `count`), returns them. */
export async function waitForPanelNodes(
  page: Page,
  match: (attributes: Record<string, string>, nodeName: string) => boolean,
  {
    timeoutMs = 15_000,
    what = 'panel nodes',
    atLeast = 1,
  }: { timeoutMs?: number; what?: string; atLeast?: number } = {},
): Promise<PanelNode[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const nodes = await findPanelNodes(page, match);
    if (nodes.length >= atLeast) return nodes;
    if (Date.now() > deadline)
      throw new Error(
        `Expected ${what} in the panel within ${timeoutMs} ms, found ${nodes.length}.`,
      );
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function callOnNode<T>(
  page: Page,
  backendNodeId: number,
  functionDeclaration: string,
  args: unknown[] = [],
): Promise<T> {
  const session = await sessionFor(page);
  const { object } = (await session.send('DOM.resolveNode', { backendNodeId })) as {
    object: { objectId: string };
  };
  const { result, exceptionDetails } = (await session.send('Runtime.callFunctionOn', {
    objectId: object.objectId,
    functionDeclaration,
    arguments: args.map((value) => ({ value })),
    returnByValue: true,
    awaitPromise: true,
  })) as { result: { value: T }; exceptionDetails?: { text: string } };
  if (exceptionDetails) throw new Error(`Panel call failed: ${exceptionDetails.text}`);
  return result.value;
}

export async function clickNode(page: Page, node: Pick<PanelNode, 'backendNodeId'>): Promise<void> {
  await callOnNode(page, node.backendNodeId, 'function () { this.click(); }');
}

export async function focusNode(page: Page, node: PanelNode): Promise<void> {
  const session = await sessionFor(page);
  await session.send('DOM.focus', { backendNodeId: node.backendNodeId });
}

/** Runs `functionDeclaration` with `this` = the panel's closed ShadowRoot. */
export async function callOnShadowRoot<T>(
  page: Page,
  functionDeclaration: string,
  args: unknown[] = [],
): Promise<T> {
  const host = await panelHost(page);
  const root = host?.shadowRoots?.[0];
  if (!root) throw new Error('Expected the panel host with a shadow root, found none.');
  return callOnNode<T>(page, root.backendNodeId, functionDeclaration, args);
}

/** Sets a <select>'s value and fires `change`, as a user choice would. */
export async function chooseOption(page: Page, node: PanelNode, value: string): Promise<void> {
  await callOnNode(
    page,
    node.backendNodeId,
    'function (v) { this.value = v; this.dispatchEvent(new Event("change", { bubbles: true })); }',
    [value],
  );
}
