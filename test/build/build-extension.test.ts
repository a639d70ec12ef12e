// Conventions as tests: every path the (test build's) manifest and the HTML pages name is produced by a
// build entry, a copied file or a generated icon; the service worker and content script are
// classic scripts (IIFE), the pages ESM.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXTENSION_ENTRIES } from '../../build/extension/bundle-entries.mjs';
import {
  EXTENSION_STATIC_FILES,
  MANIFEST_OUTPUT,
} from '../../build/extension/copy-static-files.mjs';
import { drawIconPng, ICON_SIZES } from '../../build/extension/draw-icons.mjs';
import { toTestManifest } from '../../build/extension/test-manifest.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');
const manifest = toTestManifest(JSON.parse(readFileSync(path.join(ROOT, 'manifest.json'), 'utf8')));
const outputs = new Set([
  MANIFEST_OUTPUT,
  ...EXTENSION_ENTRIES.map((entry) => entry.output),
  ...EXTENSION_STATIC_FILES.map((file) => file.output),
  ...ICON_SIZES.map((size) => `icons/icon-${size}.png`),
]);

function manifestPaths(): string[] {
  return [
    manifest.background.service_worker,
    ...manifest.content_scripts.flatMap((script: { js: string[] }) => script.js),
    manifest.options_ui.page,
    ...Object.values(manifest.icons as Record<string, string>),
    ...Object.values(manifest.action.default_icon as Record<string, string>),
  ];
}

describe('build-extension', () => {
  it('produces every file the manifest names', () => {
    for (const file of manifestPaths()) expect(outputs, file).toContain(file);
  });

  it('produces every script and stylesheet the pages load', () => {
    for (const page of EXTENSION_STATIC_FILES.filter((file) => file.output.endsWith('.html'))) {
      const html = readFileSync(path.join(ROOT, page.source), 'utf8');
      for (const [, ref] of html.matchAll(/(?:src|href)="([^"]+)"/g))
        expect(outputs, `${page.output} → ${ref}`).toContain(ref);
    }
  });

  it('builds the worker and content script as IIFE and the pages as ESM', () => {
    const format = Object.fromEntries(
      EXTENSION_ENTRIES.map((entry) => [entry.output, entry.format]),
    );
    expect(format[manifest.background.service_worker]).toBe('iife');
    expect(format['content.js']).toBe('iife');
    expect(format['offscreen.js']).toBe('esm');
  });

  it('asks for the least permissions and exposes nothing to web pages', () => {
    expect([...manifest.permissions].sort()).toEqual([
      'activeTab',
      'contextMenus',
      'offscreen',
      'scripting',
      'storage',
    ]);
    expect(manifest.host_permissions).toBeUndefined();
    expect(manifest.web_accessible_resources).toBeUndefined();
    expect(manifest.content_security_policy.extension_pages).toBe(
      "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'; connect-src 'self'",
    );
  });

  it('draws valid PNG icons', () => {
    const png = drawIconPng(16);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.readUInt32BE(16)).toBe(16);
  });
});
