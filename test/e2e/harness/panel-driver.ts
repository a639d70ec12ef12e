/**
 * Drives the panel inside its CLOSED shadow root from a test, through CDP only: find nodes by
 * attribute, click, focus, read text, and evaluate a function on the shadow root itself.
 * Nothing is compiled into the extension for this.
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
  for (const inner of walk(node)) if (inner.nodeType === 3 && inner.nodeValue) parts.push(inner.nodeValue);
  return parts.join('');
}

async function panelHost(page: Page): Promise<CdpNode | undefined> {
  const session = await sessionFor(page);
  const { root } = (await session.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
  return [...walk(root)].find((node) => node.nodeName === 'MARGINALIA-PANEL');
}

/** Elements inside the panel whose attributes satisfy `match`. */
export async function findPanelNodes(page: Page, match: (attributes: Record<string, string>, nodeName: string) => boolean): Promise<PanelNode[]> {
  const host = await panelHost(page);
  if (!host) return [];
  const found: PanelNode[] = [];
  for (const node of walk(host)) {
    if (node.nodeType !== 1) continue;
    const attributes = attributesOf(node);
    if (match(attributes, node.nodeName)) found.push({ backendNodeId: node.backendNodeId, nodeName: node.nodeName, attributes, text: textOf(node) });
  }
  return found;
}

/** Waits until `match` finds at least one node (or `count`), returns them. */
export async function waitForPanelNodes(
  page: Page,
  match: (attributes: Record<string, string>, nodeName: string) => boolean,
  { timeoutMs = 15_000, what = 'panel nodes', atLeast = 1 }: { timeoutMs?: number; what?: string; atLeast?: number } = {},
): Promise<PanelNode[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const nodes = await findPanelNodes(page, match);
    if (nodes.length >= atLeast) return nodes;
    if (Date.now() > deadline) throw new Error(`Expected ${what} in the panel within ${timeoutMs} ms, found ${nodes.length}.`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function callOnNode<T>(page: Page, backendNodeId: number, functionDeclaration: string, args: unknown[] = []): Promise<T> {
  const session = await sessionFor(page);
  const { object } = (await session.send('DOM.resolveNode', { backendNodeId })) as { object: { objectId: string } };
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

export async function clickNode(page: Page, node: PanelNode): Promise<void> {
  await callOnNode(page, node.backendNodeId, 'function () { this.click(); }');
}

export async function focusNode(page: Page, node: PanelNode): Promise<void> {
  const session = await sessionFor(page);
  await session.send('DOM.focus', { backendNodeId: node.backendNodeId });
}

/** Runs `functionDeclaration` with `this` = the panel's closed ShadowRoot. */
export async function callOnShadowRoot<T>(page: Page, functionDeclaration: string, args: unknown[] = []): Promise<T> {
  const host = await panelHost(page);
  const root = host?.shadowRoots?.[0];
  if (!root) throw new Error('Expected the panel host with a shadow root, found none.');
  return callOnNode<T>(page, root.backendNodeId, functionDeclaration, args);
}

/** Sets a <select>'s value and fires `change`, as a user choice would. */
export async function chooseOption(page: Page, node: PanelNode, value: string): Promise<void> {
  await callOnNode(page, node.backendNodeId, 'function (v) { this.value = v; this.dispatchEvent(new Event("change", { bubbles: true })); }', [value]);
}
