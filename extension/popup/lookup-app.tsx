/**
 * Quick lookup (the toolbar button's context menu): the panel's own lookup box, so both search
 * the whole classification the same way (Ontology.search in the offscreen document), with the
 * same hierarchy browser. Codes "added" here are copied to the clipboard.
 */
import { useEffect, useState } from 'preact/hooks';
import { LookupBox } from '../panel/lookup-box.js';
import { sendToBackground } from '../shared/messaging.js';

export function LookupApp() {
  const [version, setVersion] = useState('');
  const [error, setError] = useState('');
  const [message, setMessage] = useState('');
  useEffect(() => {
    sendToBackground('getTerminologyStatus', {}).then(
      (status) => setVersion(status.version),
      (failure: unknown) =>
        setError(failure instanceof Error ? failure.message : 'Terminology unavailable.'),
    );
  }, []);
  return (
    <main class="panel popup-panel" aria-label="Code lookup">
      <h1>Code lookup</h1>
      <LookupBox
        searchCodes={async (query, signal) => {
          if (signal.aborted) return [];
          const hits = await sendToBackground('searchCodes', { query, limit: 25 });
          return signal.aborted ? [] : hits;
        }}
        lookupCode={(code) => sendToBackground('lookupCode', { code })}
        acceptedCodes={new Set()}
        addLabel="Copy"
        onAdd={(code) =>
          void navigator.clipboard.writeText(`${code.code}\t${code.title}`).then(
            () => setMessage(`Copied ${code.code}.`),
            () => setMessage(`${code.code} ${code.title}`),
          )
        }
      />
      {error ? <p role="alert">{error}</p> : null}
      <p role="status" class="hint">
        {message}
      </p>
      <footer class="hint">{version ? `ICD-10-CM ${version}` : ''}</footer>
    </main>
  );
}
