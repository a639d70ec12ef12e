/**
 * Reads everything the extension keeps at rest, from one of its own pages: every IndexedDB
 * database of the extension origin (every store, every key and value, Blobs read as text),
 * chrome.storage local/session/sync, localStorage, Cache Storage and the origin private file
 * system. Returns, per item, where it is, its key, its size and whether any of `needles`
 * (e.g. the PHI sentinel) occurs in it. Values themselves never come back (the terminology
 * pack alone is 15 MB).
 */
import type { Browser } from 'puppeteer-core';

export interface StoredItem {
  /** e.g. "indexeddb marginalia/terminology-packs", "storage.sync", "localStorage". */
  area: string;
  key: string;
  /** Characters of the serialized value (Blobs and buffers as text). */
  size: number;
  /** Needles found in the key or the value. */
  matches: string[];
}

export interface StorageDump {
  items: StoredItem[];
  /** IndexedDB databases seen (name@version). */
  databases: string[];
}

/** Runs inside an extension page. Kept self-contained: it is serialized by puppeteer. */
async function dumpInPage(needles: string[]): Promise<StorageDump> {
  const items: StoredItem[] = [];
  const lowered = needles.map((n) => n.toLowerCase());
  const matchesOf = (text: string): string[] => {
    const lower = text.toLowerCase();
    return needles.filter((_, i) => lower.includes(lowered[i]!));
  };
  const serialize = async (value: unknown, depth = 0): Promise<string> => {
    if (depth > 20) return '';
    if (value instanceof Blob) return value.text();
    if (value instanceof ArrayBuffer) return new TextDecoder().decode(value);
    if (ArrayBuffer.isView(value)) return new TextDecoder().decode(value as ArrayBufferView);
    if (typeof value === 'string') return value;
    if (Array.isArray(value))
      return (await Promise.all(value.map((v) => serialize(v, depth + 1)))).join('\u0001');
    if (value instanceof Map) return serialize([...value.entries()], depth + 1);
    if (value instanceof Set) return serialize([...value], depth + 1);
    if (typeof value === 'object' && value !== null) {
      const parts: string[] = [];
      for (const [k, v] of Object.entries(value)) parts.push(k, await serialize(v, depth + 1));
      return parts.join('\u0001');
    }
    return String(value);
  };
  const record = async (area: string, key: unknown, value: unknown): Promise<void> => {
    const keyText = typeof key === 'string' ? key : (JSON.stringify(key) ?? String(key));
    const valueText = await serialize(value);
    items.push({
      area,
      key: keyText.slice(0, 200),
      size: valueText.length,
      matches: matchesOf(`${keyText}\u0001${valueText}`),
    });
  };

  const databases: string[] = [];
  for (const info of await indexedDB.databases()) {
    if (!info.name) continue;
    databases.push(`${info.name}@${info.version}`);
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(info.name!);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    for (const storeName of db.objectStoreNames) {
      const [keys, values] = await new Promise<[IDBValidKey[], unknown[]]>((resolve, reject) => {
        const store = db.transaction(storeName).objectStore(storeName);
        const keysRequest = store.getAllKeys();
        const valuesRequest = store.getAll();
        valuesRequest.onsuccess = () => resolve([keysRequest.result, valuesRequest.result]);
        valuesRequest.onerror = () => reject(valuesRequest.error);
      });
      if (keys.length === 0)
        items.push({
          area: `indexeddb ${info.name}/${storeName}`,
          key: '(empty store)',
          size: 0,
          matches: [],
        });
      for (let i = 0; i < keys.length; i++)
        await record(`indexeddb ${info.name}/${storeName}`, keys[i], values[i]);
      // Index names can carry data too (they do not here, but keep the dump honest).
      await record(`indexeddb ${info.name}/${storeName} (schema)`, storeName, [
        ...db.transaction(storeName).objectStore(storeName).indexNames,
      ]);
    }
    db.close();
  }

  const areas = ['local', 'session', 'sync'] as const;
  for (const areaName of areas) {
    const area = (
      chrome.storage as unknown as Record<string, chrome.storage.StorageArea | undefined>
    )[areaName];
    if (!area) continue;
    const all = await area.get(null);
    for (const [key, value] of Object.entries(all)) await record(`storage.${areaName}`, key, value);
  }
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i)!;
    await record('localStorage', key, localStorage.getItem(key));
  }
  for (const cacheName of await caches.keys()) {
    const cache = await caches.open(cacheName);
    for (const request of await cache.keys()) {
      const response = await cache.match(request);
      await record(`cache ${cacheName}`, request.url, response ? await response.text() : '');
    }
  }
  const walkOpfs = async (dir: FileSystemDirectoryHandle, prefix: string): Promise<void> => {
    for await (const [name, handle] of (
      dir as unknown as { entries(): AsyncIterable<[string, FileSystemHandle]> }
    ).entries()) {
      if (handle.kind === 'file')
        await record('opfs', `${prefix}${name}`, await (handle as FileSystemFileHandle).getFile());
      else await walkOpfs(handle as FileSystemDirectoryHandle, `${prefix}${name}/`);
    }
  };
  try {
    await walkOpfs(await navigator.storage.getDirectory(), '');
  } catch {
    // OPFS unavailable in this context: nothing can be stored there either.
  }
  return { items, databases };
}

/**
 * Opens the extension's options page (a plain extension page: it starts no engine) and dumps
 * the extension origin's storage from there.
 */
export async function dumpExtensionStorage(
  browser: Browser,
  extensionId: string,
  needles: string[],
): Promise<StorageDump> {
  const page = await browser.newPage();
  try {
    // A page opened while the extension restarts is briefly blocked: retry a little.
    const deadline = Date.now() + 3_000;
    for (;;) {
      try {
        await page.goto(`chrome-extension://${extensionId}/options.html`, { waitUntil: 'load' });
        break;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
    return await page.evaluate(dumpInPage, needles);
  } finally {
    // Closing a page whose extension was unloaded can hang: do not wait long for it.
    await Promise.race([
      page.close().catch(() => undefined),
      new Promise((resolve) => setTimeout(resolve, 2_000)),
    ]);
  }
}
