/**
 * The offscreen answers for learning from the coder (feedback records in IndexedDB) and for
 * keeping the terminology current (release import, switch, roll back). Registered next to the
 * coding handlers in `index.ts`; the background has already checked the sender and settings.
 */
import {
  deleteFeedbackRecords,
  importFeedbackFile,
  parseFeedbackFile,
  recordFeedback,
  undoFeedback,
  FEEDBACK_FILE_FORMAT,
  FEEDBACK_FILE_VERSION,
  type FeedbackRecord,
} from '../../src/feedback/index.js';
import { toDotted } from '../../src/ontology/fold-text.js';
import type { MessageHandlers } from '../shared/messaging.js';
import type {
  FeedbackMessages,
  TerminologyMessages,
  TerminologyVersionInfo,
} from '../shared/protocol.js';
import { takeReleaseUpload } from '../shared/release-uploads.js';
import type { CoderHost, FeedbackSource } from './coder-host.js';
import { IdbFeedbackStore, openFeedbackDb } from './idb-feedback-store.js';
import { parseTerminologyPack, TerminologyUnavailableError } from './load-coder.js';
import {
  deleteStoredPack,
  listStoredPackVersions,
  openPackDb,
  readStoredPack,
  writeStoredPack,
} from './pack-store.js';
import { buildRelease, ReleaseFilesError } from './release-import.js';

/** The IndexedDB feedback store with a read cache; `revision` changes on every write. */
export class CachedFeedbackStore implements FeedbackSource {
  private opening: Promise<IdbFeedbackStore> | undefined;
  private cache: Promise<FeedbackRecord[]> | undefined;
  revision = 0;

  constructor(
    private readonly open: () => Promise<IdbFeedbackStore> = async () =>
      new IdbFeedbackStore(await openFeedbackDb()),
  ) {}

  store(): Promise<IdbFeedbackStore> {
    this.opening ??= this.open().catch((error: unknown) => {
      this.opening = undefined;
      throw error;
    });
    return this.opening;
  }

  records(): Promise<FeedbackRecord[]> {
    this.cache ??= this.store()
      .then((store) => store.getAll())
      .catch((error: unknown) => {
        this.cache = undefined;
        throw error;
      });
    return this.cache;
  }

  /** Runs a write and invalidates the cache (also when the write fails half-way). */
  async write<T>(work: (store: IdbFeedbackStore) => Promise<T>): Promise<T> {
    const store = await this.store();
    try {
      return await work(store);
    } finally {
      this.cache = undefined;
      this.revision++;
    }
  }
}

const byTermThenCode = (a: FeedbackRecord, b: FeedbackRecord): number =>
  a.term.localeCompare(b.term) ||
  a.code.localeCompare(b.code) ||
  a.decision.localeCompare(b.decision);

export function createFeedbackHandlers(
  feedback: CachedFeedbackStore,
  host: CoderHost,
): MessageHandlers<FeedbackMessages> {
  return {
    async recordFeedback({ event, undo }) {
      if (event.terms.length === 0) return { recorded: false };
      await feedback.write((store) =>
        undo ? undoFeedback(store, event) : recordFeedback(store, event),
      );
      return { recorded: true };
    },
    async forgetFeedback({ code, terms }) {
      const dotted = toDotted(code);
      const records = (await feedback.records()).filter(
        (r) => r.code === dotted && r.decision !== 'accept' && terms.includes(r.term),
      );
      if (records.length) await feedback.write((store) => deleteFeedbackRecords(store, records));
      return { forgotten: records.length };
    },
    async listFeedback() {
      const [records, loaded] = await Promise.all([feedback.records(), host.get()]);
      return { records: [...records].sort(byTermThenCode), terminology: loaded.ontology.label };
    },
    async deleteFeedback({ records }) {
      await feedback.write((store) => deleteFeedbackRecords(store, records));
      return { deleted: records.length };
    },
    async clearFeedback() {
      await feedback.write((store) => store.clear());
      return { cleared: true };
    },
    async importFeedback({ records }) {
      // The same checks as a file: stored-form terms, dotted codes, counts.
      const file = parseFeedbackFile({
        format: FEEDBACK_FILE_FORMAT,
        formatVersion: FEEDBACK_FILE_VERSION,
        exported: new Date().toISOString().slice(0, 10),
        records,
      });
      return feedback.write((store) => importFeedbackFile(store, file));
    },
  };
}

export function createTerminologyHandlers(host: CoderHost): MessageHandlers<TerminologyMessages> {
  /** The last previewed release, waiting for "Switch" (one at a time: packs are large). */
  let pending: { version: string; json: Blob; classification: string } | undefined;
  return {
    async previewTerminologyRelease({ uploadId, version }) {
      const upload = await takeReleaseUpload(uploadId);
      if (!upload)
        throw new ReleaseFilesError(
          'Expected the uploaded release files, found none (choose the files again).',
        );
      const loaded = await host.get();
      const db = await openPackDb();
      try {
        const stored = await readStoredPack(db, loaded.status.version);
        if (!stored)
          throw new TerminologyUnavailableError(
            `Expected the terminology in use (${loaded.status.version}) in IndexedDB, got none.`,
          );
        const base = parseTerminologyPack(await stored.json.text(), loaded.status.version);
        pending = undefined;
        const { pack, preview } = await buildRelease(upload, version, base);
        pending = {
          version: pack.manifest.version,
          json: new Blob([JSON.stringify(pack)], { type: 'application/json' }),
          classification: pack.manifest.classification,
        };
        return preview;
      } finally {
        db.close();
      }
    },
    async switchTerminology({ version }) {
      if (pending?.version === version) {
        const db = await openPackDb();
        try {
          await writeStoredPack(db, {
            version,
            classification: pending.classification,
            installedAt: Date.now(),
            byteLength: pending.json.size,
            json: pending.json,
          });
        } finally {
          db.close();
        }
        pending = undefined;
      }
      return host.switchTo(version);
    },
    async listTerminologyVersions() {
      const loaded = await host.get();
      const db = await openPackDb();
      try {
        const versions = new Set([loaded.packagedVersion, ...(await listStoredPackVersions(db))]);
        const out: TerminologyVersionInfo[] = [];
        for (const version of versions) {
          const stored = await readStoredPack(db, version);
          out.push({
            version,
            active: version === loaded.status.version,
            packaged: version === loaded.packagedVersion,
            ...(stored ? { installedAt: stored.installedAt, byteLength: stored.byteLength } : {}),
          });
        }
        return out.sort((a, b) => b.version.localeCompare(a.version));
      } finally {
        db.close();
      }
    },
    async deleteTerminologyVersion({ version }) {
      const loaded = await host.get();
      if (version === loaded.status.version) {
        throw new TerminologyUnavailableError(
          `Expected a version that is not in use, got ${version} (in use). Switch to another version first.`,
        );
      }
      if (version === loaded.packagedVersion) {
        throw new TerminologyUnavailableError(
          `Expected an imported version, got ${version} (packaged with the extension; it is reinstalled from the package anyway).`,
        );
      }
      const db = await openPackDb();
      try {
        if (!(await readStoredPack(db, version)))
          throw new TerminologyUnavailableError(
            `Expected the stored terminology ${version} in IndexedDB, got none.`,
          );
        await deleteStoredPack(db, version);
      } finally {
        db.close();
      }
      if (pending?.version === version) pending = undefined;
      return { deleted: true };
    },
  };
}
