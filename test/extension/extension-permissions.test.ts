/**
 * The extension's attack surface, pinned: the manifest asks for the least that works and
 * exposes nothing to web pages or other extensions, and the built bundles carry no remote
 * code and no way to reach a remote host (SECURITY.md, "Verifying the claims").
 *
 * The bundle checks read dist/extension, which `npm test` builds first.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const DIST = path.join(ROOT, 'dist', 'extension');
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'manifest.json'), 'utf8')) as Record<
  string,
  unknown
>;

const PERMISSION_ALLOWLIST = ['activeTab', 'contextMenus', 'offscreen', 'scripting', 'storage'];
const CSP = "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'; connect-src 'self'";

describe('manifest', () => {
  it('asks only for the allowlisted permissions', () => {
    expect([...(manifest.permissions as string[])].sort()).toEqual(PERMISSION_ALLOWLIST);
  });

  it('grants no host at install: hosts are optional permissions only', () => {
    expect(manifest.host_permissions).toBeUndefined();
    for (const pattern of manifest.optional_host_permissions as string[])
      expect(pattern).toMatch(/^(https?|\*):\/\/[^/]+\/\*$/);
  });

  it('declares no content script: it is injected under activeTab or a grant (the test build adds the loopback fixtures)', () => {
    expect(manifest).not.toHaveProperty('content_scripts');
  });

  it('has the strict CSP: own scripts, wasm compilation, and connections to its own files only', () => {
    expect(manifest.content_security_policy).toEqual({ extension_pages: CSP });
  });

  it('is not reachable from web pages or other extensions', () => {
    expect(manifest).not.toHaveProperty('externally_connectable');
    expect(manifest).not.toHaveProperty('web_accessible_resources');
    expect(manifest).not.toHaveProperty('sandbox');
    expect(manifest).not.toHaveProperty('update_url');
    expect(JSON.stringify(manifest)).not.toContain('<all_urls>');
  });

  it('runs the background as a module-free service worker (no persistent page)', () => {
    expect(manifest.background).toEqual({ service_worker: 'background.js' });
  });

  it('is the manifest that was built', () => {
    expect(existsSync(path.join(DIST, 'manifest.json')), 'run `npm run build` first').toBe(true);
    expect(JSON.parse(readFileSync(path.join(DIST, 'manifest.json'), 'utf8'))).toEqual(manifest);
  });
});

/** Every script file of the built extension, relative to dist/extension. */
function listScripts(dir = DIST, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const relative = `${prefix}${entry.name}`;
    if (entry.isDirectory()) return listScripts(path.join(dir, entry.name), `${relative}/`);
    return /\.(m?js)$/.test(entry.name) ? [relative] : [];
  });
}

/**
 * URL literals that are identifiers, never requested: XML namespaces (preact), FHIR code
 * system URIs (the accepted-list export), the options page's example site and the scheme it
 * prefixes to a typed host name, and a link in a library comment string.
 */
const NON_FETCHED_URL_PREFIXES = [
  'http://www.w3.org/',
  'http://terminology.hl7.org/CodeSystem/',
  'http://hl7.org/fhir/',
  // The ICD-10-PCS code system URI that FHIR Procedure codings name (an identifier, never requested).
  'http://www.cms.gov/Medicare/Coding/ICD10',
  'https://ehr.example.org',
  'https://$',
  'https://github.com/microsoft/TypeScript-DOM-lib-generator/',
  // ONNX Runtime's error message when threads are asked for without cross-origin isolation.
  'https://web.dev/cross-origin-isolation-guide/',
];

/**
 * ONNX Runtime's Emscripten glue (copied, not bundled) loads its own .wasm with fetch/XHR from
 * `env.wasm.wasmPaths`, which the offscreen document sets to chrome.runtime.getURL('ort/'),
 * and starts its pthread workers from its own module URL. Those are the only call sites whose
 * argument is not visibly a packaged path.
 */
const ORT_GLUE = /^ort\/ort-wasm[\w-]*\.mjs$/;
/**
 * The offscreen document bundles ONNX Runtime's JavaScript (model-runtime/ort-model-runner.ts):
 * it fetches its wasm from env.wasm.wasmPaths (set to chrome.runtime.getURL('ort/')) and talks to
 * its own pthread workers through worker.onmessage. Those patterns, and nothing else, are
 * allowed there.
 */
// fetch(wasmUrl, {credentials}) for its wasm, and fetch(url) for a model given by URL (the
// runner passes the model as bytes, so that path never runs).
const ORT_BUNDLED_FETCH = /^fetch\s*\(\s*\w+\s*(?:,\s*\{\s*credentials:\s*"same-origin"|$)/;
const ORT_BUNDLED_IN = new Set(['offscreen.js']);
/**
 * Dedicated workers the offscreen document starts (code-embeddings-worker.js, from
 * offscreen/device-code-embeddings.ts, which talks to it through worker.onmessage): a dedicated
 * worker's message events come only from the document that created it, not from pages.
 */
const DEDICATED_WORKERS = new Set(['code-embeddings-worker.js']);

describe('built bundles', () => {
  const scripts = existsSync(DIST) ? listScripts() : [];
  const read = (file: string): string => readFileSync(path.join(DIST, file), 'utf8');

  it('exist (run `npm run build` first)', () => {
    expect(scripts).toEqual(
      expect.arrayContaining(['background.js', 'content.js', 'offscreen.js']),
    );
  });

  it('contain no eval, new Function, string timers or importScripts (the CSP would refuse them anyway)', () => {
    for (const file of scripts) {
      const code = read(file);
      expect(code.match(/(?<![\w$.])eval\s*\(/g), `${file}: eval(`).toBeNull();
      expect(code.match(/(?<![\w$.])(new\s+)?Function\s*\(/g), `${file}: Function(`).toBeNull();
      expect(
        code.match(/(?<![\w$.])set(Timeout|Interval)\s*\(\s*["'`]/g),
        `${file}: string timer`,
      ).toBeNull();
      expect(code.match(/(?<![\w$.])importScripts\s*\(/g), `${file}: importScripts(`).toBeNull();
    }
  });

  it('name no remote URL except identifiers that are never requested', () => {
    for (const file of scripts) {
      const urls = read(file).match(/https?:\/\/[^\s"'`)<>\\]+/g) ?? [];
      const remote = urls.filter(
        (url) => !NON_FETCHED_URL_PREFIXES.some((prefix) => url.startsWith(prefix)),
      );
      expect(remote, file).toEqual([]);
    }
  });

  it('fetch only packaged files (chrome.runtime.getURL), except ORT loading its own wasm', () => {
    for (const file of scripts) {
      if (ORT_GLUE.test(file)) continue;
      const calls = read(file).match(/(?<![\w$.])fetch\s*\([^)]{0,40}/g) ?? [];
      for (const call of calls) {
        if (ORT_BUNDLED_IN.has(file) && ORT_BUNDLED_FETCH.test(call)) continue;
        expect(call, file).toMatch(/^fetch\s*\(\s*chrome\.runtime\.getURL\(/);
      }
    }
  });

  it('open no sockets, beacons or event streams, and XHR only in the ORT glue', () => {
    for (const file of scripts) {
      const code = read(file);
      expect(
        code.match(/\b(WebSocket|EventSource|sendBeacon|RTCPeerConnection)\b/g),
        file,
      ).toBeNull();
      if (!ORT_GLUE.test(file)) expect(code.match(/\bXMLHttpRequest\b/g), file).toBeNull();
    }
  });

  it('listen to no other extension and no page message (window.postMessage)', () => {
    for (const file of scripts) {
      const code = read(file);
      expect(
        code.match(/onMessageExternal|onConnectExternal|onConnect\b|runtime\.connect\(/g),
        file,
      ).toBeNull();
      // ORT's glue talks to its own pthread workers through worker.onmessage: not a page channel.
      if (ORT_GLUE.test(file) || DEDICATED_WORKERS.has(file)) continue;
      expect(code.match(/addEventListener\(\s*["']message["']/g), file).toBeNull();
      if (!ORT_BUNDLED_IN.has(file)) expect(code.match(/\bonmessage\s*=/g), file).toBeNull();
    }
  });
});

describe('sources', () => {
  /** Only extension/shared/messaging.ts touches runtime/tabs messaging (extension/README.md, shared/). */
  it('send and receive runtime messages only through extension/shared/messaging.ts', () => {
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (
          /\.tsx?$/.test(entry.name) &&
          !full.endsWith(path.join('shared', 'messaging.ts'))
        ) {
          const code = readFileSync(full, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
          if (
            /runtime\.(sendMessage|onMessage|connect|onConnect)|tabs\.sendMessage|onMessageExternal/.test(
              code,
            )
          ) {
            offenders.push(path.relative(ROOT, full));
          }
        }
      }
    };
    walk(path.join(ROOT, 'extension'));
    expect(offenders).toEqual([]);
  });

  /** Note text is rendered as text: no HTML sinks anywhere in the extension's sources. */
  it('use no HTML sinks (innerHTML, insertAdjacentHTML, document.write, dangerouslySetInnerHTML)', () => {
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (/\.tsx?$/.test(entry.name)) {
          const code = readFileSync(full, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
          if (
            /\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write|dangerouslySetInnerHTML|createContextualFragment|DOMParser/.test(
              code,
            )
          ) {
            offenders.push(path.relative(ROOT, full));
          }
        }
      }
    };
    walk(path.join(ROOT, 'extension'));
    expect(offenders).toEqual([]);
  });

  /** Every context's listener has its sender policy (the predicates are in extension/shared/messaging.ts). */
  it('give every message listener its sender policy: offscreen and content accept only the background', () => {
    const policies: Record<string, string[]> = {};
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (
          /\.tsx?$/.test(entry.name) &&
          !full.endsWith(path.join('shared', 'messaging.ts'))
        ) {
          // Whitespace collapsed: a formatter may break a policy over lines.
          const code = readFileSync(full, 'utf8').replace(/\s+/g, ' ');
          for (const match of code.matchAll(
            /listenForMessages<\w+>\('(\w+)',[\s\S]*?isAllowedSender: ([^,}]+)/g,
          )) {
            (policies[match[1]!] ??= []).push(match[2]!.trim());
          }
        }
      }
    };
    walk(path.join(ROOT, 'extension'));
    expect(Object.keys(policies).sort()).toEqual(['background', 'content', 'offscreen']);
    expect(policies.offscreen).toEqual(['isBackgroundSender']);
    for (const policy of policies.content!) expect(policy).toMatch(/^isBackground(Sender)?$/);
    for (const policy of policies.background!) {
      expect(policy).toBe(
        '(sender) => isOwnContentScriptSender(sender) || isOwnExtensionPageSender(sender)',
      );
    }
  });
});
