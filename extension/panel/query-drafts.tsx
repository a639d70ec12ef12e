/**
 * Documentation query drafts for the note open now (src/encounter/documentation-queries.ts):
 * folded, one per condition whose specific form the note does not document; the coder reads
 * and copies the draft into the EHR's query tool. Nothing is sent from here.
 */
import { useRef, useState } from 'preact/hooks';
import type { DocumentationQuery } from '../../src/encounter/documentation-queries.js';
import { copyText } from './copy-text.js';
import { Icon } from './icons.js';

function QueryDraft({ query }: { query: DocumentationQuery }) {
  const [message, setMessage] = useState('');
  const ref = useRef<HTMLDivElement>(null);
  const copy = async (): Promise<void> => {
    const ok = ref.current ? await copyText(query.draft, ref.current) : false;
    setMessage(ok ? 'Copied the query draft.' : 'Copy was blocked; select the draft above.');
  };
  return (
    <details class="preview query-draft" data-query-family={query.family}>
      <summary>
        Query: {query.topic}{' '}
        <span class="muted">
          ({query.indicators.length} indicator{query.indicators.length === 1 ? '' : 's'})
        </span>
      </summary>
      <div ref={ref}>
        <pre class="export-preview" tabIndex={0} aria-label={`Query draft about ${query.topic}`}>
          {query.draft}
        </pre>
        <button type="button" class="button" onClick={() => void copy()}>
          <Icon name="copy" /> Copy draft
        </button>
        <span class="muted small" role="status">
          {' '}
          {message}
        </span>
      </div>
    </details>
  );
}

export function QueryDrafts({ queries }: { queries: readonly DocumentationQuery[] }) {
  if (queries.length === 0) return null;
  return (
    <section class="group documentation-queries" aria-labelledby="queries-heading">
      <h2 id="queries-heading">
        Documentation queries <span class="count">{queries.length}</span>
      </h2>
      <p class="muted small">
        The note supports only a less specific code where the specific form matters. Drafts follow
        the AHIMA/ACDIS query practice: indicators quoted from the note, every reasonable answer, no
        leading.
      </p>
      {queries.map((query) => (
        <QueryDraft key={query.family} query={query} />
      ))}
    </section>
  );
}
