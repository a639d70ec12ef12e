/** Quick lookup: searches the whole classification as you type (full version later). */
import { useEffect, useState } from 'preact/hooks';
import { sendToBackground } from '../shared/messaging.js';
import type { CodeSearchHit } from '../shared/protocol.js';

export function LookupApp() {
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<CodeSearchHit[]>([]);
  const [version, setVersion] = useState('');
  const [error, setError] = useState('');
  useEffect(() => {
    sendToBackground('getTerminologyStatus', {}).then(
      (status) => setVersion(status.version),
      (failure: unknown) => setError(failure instanceof Error ? failure.message : 'Terminology unavailable.'),
    );
  }, []);
  useEffect(() => {
    const trimmed = query.trim();
    if (trimmed.length < 2) {
      setHits([]);
      return;
    }
    let isCurrent = true;
    const timer = setTimeout(() => {
      sendToBackground('searchCodes', { query: trimmed, limit: 25 }).then(
        (found) => isCurrent && setHits(found),
        (failure: unknown) => isCurrent && setError(failure instanceof Error ? failure.message : 'Search failed.'),
      );
    }, 150);
    return () => {
      isCurrent = false;
      clearTimeout(timer);
    };
  }, [query]);
  return (
    <main>
      <h1>Code lookup</h1>
      <label for="query">Search ICD-10-CM</label>
      <input
        id="query"
        type="search"
        autoFocus
        autoComplete="off"
        placeholder="e.g. dm2 w ckd, R50.9"
        value={query}
        onInput={(event) => setQuery((event.target as HTMLInputElement).value)}
      />
      {error ? <p role="alert">{error}</p> : null}
      <ul class="hits" aria-live="polite">
        {hits.map((hit) => (
          <li key={hit.code} data-code={hit.code}>
            <strong>{hit.code}</strong> {hit.title}
            {hit.billable ? null : <em> (header)</em>}
          </li>
        ))}
      </ul>
      <footer>{version ? `ICD-10-CM ${version}` : ''}</footer>
    </main>
  );
}
