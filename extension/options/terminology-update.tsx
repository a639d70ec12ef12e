/**
 * Keeping the terminology current: choose the official release files (the CMS zip, or the
 * order .txt with any Tabular/Index .xml/.csv), see what changes against the release in use,
 * then switch. The offscreen document builds and checks the pack; the version in use stays
 * until the new one has loaded. Earlier versions stay stored and selectable (roll back).
 */
import { useEffect, useState } from 'preact/hooks';
import { sendToBackground } from '../shared/messaging.js';
import type { TerminologyReleasePreview, TerminologyVersionInfo } from '../shared/protocol.js';
import { putReleaseUpload } from '../shared/release-uploads.js';

type Step =
  | { kind: 'idle' }
  | { kind: 'busy'; what: string }
  | { kind: 'preview'; preview: TerminologyReleasePreview }
  | { kind: 'done'; text: string }
  | { kind: 'failed'; text: string };

const VERSION_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

/** "icd10cm-order-2026.txt" → "2026"; April updates → "2026-april". */
export function guessReleaseVersion(names: readonly string[]): string {
  for (const name of names) {
    const year = /(?:^|\D)(20\d\d)(?:\D|$)/.exec(name)?.[1];
    if (year) return /april/i.test(name) ? `${year}-april` : year;
  }
  return '';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : 'unknown error';
}

export function TerminologyUpdate() {
  const [versions, setVersions] = useState<TerminologyVersionInfo[]>([]);
  const [files, setFiles] = useState<File[]>([]);
  const [version, setVersion] = useState('');
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const reload = (): Promise<void> =>
    sendToBackground('listTerminologyVersions', {}).then(setVersions, () => undefined);
  useEffect(() => void reload(), []);
  const active = versions.find((v) => v.active);

  const choose = (event: Event): void => {
    const chosen = [...((event.target as HTMLInputElement).files ?? [])];
    setFiles(chosen);
    setVersion(guessReleaseVersion(chosen.map((f) => f.name)));
    setStep({ kind: 'idle' });
  };
  const preview = async (): Promise<void> => {
    if (!VERSION_PATTERN.test(version)) {
      setStep({
        kind: 'failed',
        text: 'Give the release a label of letters, digits, “.”, “_” or “-”, e.g. 2026.',
      });
      return;
    }
    setStep({ kind: 'busy', what: 'Reading the release and comparing it with the one in use…' });
    try {
      const uploadId = await putReleaseUpload(files);
      setStep({
        kind: 'preview',
        preview: await sendToBackground('previewTerminologyRelease', { uploadId, version }),
      });
    } catch (error) {
      setStep({ kind: 'failed', text: `Could not read the release: ${messageOf(error)}` });
    }
  };
  const remove = async (target: string): Promise<void> => {
    setStep({ kind: 'busy', what: `Removing ${target} from this browser…` });
    try {
      await sendToBackground('deleteTerminologyVersion', { version: target });
      await reload();
      setStep({ kind: 'done', text: `Removed ICD-10-CM ${target} from this browser.` });
    } catch (error) {
      setStep({ kind: 'failed', text: `Could not remove ${target}: ${messageOf(error)}` });
    }
  };
  const switchTo = async (target: string): Promise<void> => {
    setStep({ kind: 'busy', what: `Switching to ${target} (building its term dictionary)…` });
    try {
      const status = await sendToBackground('switchTerminology', { version: target });
      await reload();
      setStep({
        kind: 'done',
        text: `Now using ICD-10-CM ${status.version} (loaded in ${Math.round(status.loadMs)} ms).`,
      });
    } catch (error) {
      setStep({ kind: 'failed', text: `Kept the current version: ${messageOf(error)}` });
    }
  };

  return (
    <section aria-labelledby="terminology-heading" data-section="terminology">
      <h2 id="terminology-heading">Terminology</h2>
      <p class="hint">
        In use:{' '}
        <strong data-active-version={active?.version ?? ''}>
          {active ? `ICD-10-CM ${active.version}` : '…'}
        </strong>
        . To update, choose the official release files (the CMS “Code Descriptions in Tabular Order”
        zip, or its order .txt, with the Tabular and Index .xml if you have them). Nothing is
        downloaded.
      </p>
      <div class="row">
        <input
          id="release-files"
          type="file"
          multiple
          accept=".zip,.txt,.xml,.csv"
          onChange={choose}
          aria-label="Release files"
        />
      </div>
      {files.length > 0 ? (
        <div class="row">
          <label for="release-version">Version label</label>
          <input
            id="release-version"
            type="text"
            spellcheck={false}
            autoComplete="off"
            value={version}
            onInput={(e) => setVersion((e.target as HTMLInputElement).value.trim())}
          />
          <button
            type="button"
            id="release-preview"
            onClick={() => void preview()}
            disabled={step.kind === 'busy'}
          >
            Compare
          </button>
        </div>
      ) : null}
      {step.kind === 'busy' ? (
        <p role="status" class="hint" data-release-status="busy">
          {step.what}
        </p>
      ) : null}
      {step.kind === 'failed' ? (
        <p role="alert" class="error" data-release-status="failed">
          {step.text}
        </p>
      ) : null}
      {step.kind === 'done' ? (
        <p role="status" class="hint" data-release-status="done">
          {step.text}
        </p>
      ) : null}
      {step.kind === 'preview' ? (
        <ReleasePreview
          preview={step.preview}
          onSwitch={() => void switchTo(step.preview.version)}
        />
      ) : null}
      {versions.length > 1 ? (
        <>
          <h3>Stored versions</h3>
          <ul aria-label="Stored terminology versions">
            {versions.map((v) => (
              <li key={v.version} data-version={v.version}>
                <code>{v.version}</code>
                {v.packaged ? ' (packaged)' : ''}
                {v.byteLength !== undefined
                  ? ` · ${(v.byteLength / 2 ** 20).toFixed(1)} MiB stored`
                  : ''}{' '}
                {v.active ? (
                  <strong>in use</strong>
                ) : (
                  <button
                    type="button"
                    data-use-version={v.version}
                    onClick={() => void switchTo(v.version)}
                    disabled={step.kind === 'busy'}
                  >
                    Use this version
                  </button>
                )}
                {!v.active && !v.packaged ? (
                  <>
                    {' '}
                    <button
                      type="button"
                      data-delete-version={v.version}
                      onClick={() => void remove(v.version)}
                      disabled={step.kind === 'busy'}
                    >
                      Remove
                    </button>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function ReleasePreview({
  preview,
  onSwitch,
}: {
  preview: TerminologyReleasePreview;
  onSwitch(): void;
}) {
  const { counts } = preview;
  return (
    <div class="release-preview" data-release-preview={preview.version}>
      <p>
        {preview.from} → <strong>{preview.to}</strong>: {counts.newCodes.toLocaleString()} codes (
        <span data-count="added">{counts.added}</span> added,{' '}
        <span data-count="deleted">{counts.deleted}</span> deleted,{' '}
        <span data-count="retitled">{counts.retitled}</span> retitled, {counts.billableChanged}{' '}
        billable changes). Read in {(preview.buildMs / 1000).toFixed(1)} s.
      </p>
      {preview.added.length ? (
        <p class="hint">
          Added: {preview.added.map((c) => `${c.code} ${c.title}`).join('; ')}
          {counts.added > preview.added.length ? '; …' : ''}
        </p>
      ) : null}
      {preview.deleted.length ? (
        <p class="hint">
          Deleted: {preview.deleted.map((c) => `${c.code} ${c.title}`).join('; ')}
          {counts.deleted > preview.deleted.length ? '; …' : ''}
        </p>
      ) : null}
      {preview.retitled.length ? (
        <ul class="hint" aria-label="Retitled codes">
          {preview.retitled.map((c) => (
            <li key={c.code} data-retitled={c.code}>
              <code>{c.code}</code> “{c.oldTitle}” → “{c.newTitle}”
            </li>
          ))}
        </ul>
      ) : null}
      {preview.warnings.length ? (
        <ul class="warnings" aria-label="Warnings">
          {preview.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      ) : null}
      <button type="button" id="release-switch" onClick={onSwitch}>
        Switch to {preview.version}
      </button>
    </div>
  );
}
