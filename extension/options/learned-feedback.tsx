/**
 * "What Marginalia learned": the feedback records (term → code, decision, count) with undo per
 * record and "Clear all", export as a PHI-free JSON file and import of such a file (merged).
 */
import { useEffect, useState } from 'preact/hooks';
import {
  createFeedbackFile,
  parseFeedbackFile,
  serializeFeedbackFile,
  FeedbackFileError,
  type FeedbackRecord,
} from '../../src/feedback/index.js';
import { sendToBackground } from '../shared/messaging.js';

const DECISION_WORDS: Record<FeedbackRecord['decision'], string> = {
  accept: 'accepted',
  reject: 'rejected',
  replace: 'replaced',
};

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : 'unknown error';
}

export function LearnedFeedback({ keepFeedback }: { keepFeedback: boolean }) {
  const [records, setRecords] = useState<FeedbackRecord[] | undefined>();
  const [terminology, setTerminology] = useState('');
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string } | undefined>();
  const reload = (): Promise<void> =>
    sendToBackground('listFeedback', {}).then(
      (value) => {
        setRecords(value.records);
        setTerminology(value.terminology);
      },
      (error: unknown) =>
        setStatus({ kind: 'error', text: `Could not read the feedback: ${messageOf(error)}` }),
    );
  useEffect(() => void reload(), []);

  const forget = (record: FeedbackRecord): void => {
    sendToBackground('deleteFeedback', { records: [record] }).then(
      () =>
        reload().then(() =>
          setStatus({ kind: 'ok', text: `Forgot “${record.term}” → ${record.code}.` }),
        ),
      (error: unknown) => setStatus({ kind: 'error', text: messageOf(error) }),
    );
  };
  const clearAll = (): void => {
    sendToBackground('clearFeedback', {}).then(
      () => reload().then(() => setStatus({ kind: 'ok', text: 'All feedback cleared.' })),
      (error: unknown) => setStatus({ kind: 'error', text: messageOf(error) }),
    );
  };
  const exportFile = (): void => {
    const file = createFeedbackFile(records ?? [], terminology ? { terminology } : {});
    const blob = new Blob([serializeFeedbackFile(file)], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = `marginalia-feedback-${file.exported}.json`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setStatus({
      kind: 'ok',
      text: `Exported ${file.records.length} records (terms and codes only).`,
    });
  };
  const importFile = async (event: Event): Promise<void> => {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    try {
      const parsed = parseFeedbackFile(await file.text());
      const { imported } = await sendToBackground('importFeedback', { records: parsed.records });
      await reload();
      setStatus({ kind: 'ok', text: `Imported ${imported} records from ${file.name}.` });
    } catch (error) {
      setStatus({
        kind: 'error',
        text:
          error instanceof FeedbackFileError
            ? `Not imported: ${error.message}`
            : `Not imported: ${messageOf(error)}`,
      });
    }
  };

  return (
    <section aria-labelledby="learned-heading" data-section="learned">
      <h2 id="learned-heading">What Marginalia learned</h2>
      <p class="hint">
        Short terms and codes from your accept, reject and replace decisions, kept on this device.
        No note text is stored.
        {keepFeedback
          ? ''
          : ' Feedback is turned off: nothing new is learned and nothing is applied.'}
      </p>
      {records === undefined ? (
        <p class="hint">Reading…</p>
      ) : records.length === 0 ? (
        <p class="hint" data-feedback-empty>
          Nothing learned yet.
        </p>
      ) : (
        <table class="learned" aria-label="Learned feedback">
          <thead>
            <tr>
              <th scope="col">Term</th>
              <th scope="col">Code</th>
              <th scope="col">Decision</th>
              <th scope="col">Times</th>
              <th scope="col">
                <span class="visually-hidden">Undo</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {records.map((r) => (
              <tr
                key={`${r.decision}-${r.term}-${r.code}-${r.replacement ?? ''}`}
                data-feedback-code={r.code}
                data-feedback-decision={r.decision}
              >
                <td>{r.term}</td>
                <td>
                  <code>{r.code}</code>
                  {r.replacement ? (
                    <>
                      {' → '}
                      <code>{r.replacement}</code>
                    </>
                  ) : null}
                </td>
                <td>{DECISION_WORDS[r.decision]}</td>
                <td>{r.count}</td>
                <td>
                  <button
                    type="button"
                    onClick={() => forget(r)}
                    aria-label={`Forget ${r.term} ${r.code}`}
                  >
                    Undo
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div class="row">
        <button type="button" id="feedback-export" onClick={exportFile} disabled={!records?.length}>
          Export…
        </button>
        <label class="button-like">
          Import…{' '}
          <input
            id="feedback-import"
            type="file"
            accept=".json,application/json"
            onChange={(event) => void importFile(event)}
          />
        </label>
        <button type="button" id="feedback-clear" onClick={clearAll} disabled={!records?.length}>
          Clear all
        </button>
      </div>
      {status ? (
        <p
          role="status"
          class={status.kind === 'error' ? 'error' : 'hint'}
          data-feedback-status={status.kind}
        >
          {status.text}
        </p>
      ) : null}
    </section>
  );
}
