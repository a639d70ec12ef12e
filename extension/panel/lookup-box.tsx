/**
 * Search-as-you-type over the whole classification (codes, titles, inclusion terms, Index
 * paths, abbreviations), through the offscreen document's `Ontology.search`. Debounced; a new
 * keystroke cancels the previous request (its answer is dropped).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CodeBrief, CodeDetail, CodeSearchHit } from '../shared/protocol.js';
import { CodeBrowser } from './code-browser.js';
import { ProcedureBuilder } from './procedure-builder.js';
import { Icon } from './icons.js';

export const SEARCH_DEBOUNCE_MS = 150;

export interface LookupBoxProps {
  searchCodes(query: string, signal: AbortSignal): Promise<CodeSearchHit[]>;
  lookupCode(code: string): Promise<CodeDetail | null>;
  onAdd(code: CodeBrief & { system?: 'ICD-10-PCS' }): void;
  /** Codes already accepted, marked in the results. */
  acceptedCodes: ReadonlySet<string>;
  inputRef?: { current: HTMLInputElement | null };
  /** The action on a result: "Add" in the panel, "Copy" in the popup. */
  addLabel?: string;
}

const VIA_LABELS: Record<string, string> = {
  index: 'Index',
  inclusion: 'Inclusion term',
  title: 'Title',
  code: 'Code',
  'icd9-gem': 'GEM',
};

export function LookupBox(props: LookupBoxProps) {
  const { searchCodes, lookupCode, onAdd, acceptedCodes, addLabel = 'Add' } = props;
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<CodeSearchHit[]>([]);
  const [status, setStatus] = useState<'idle' | 'searching' | 'done' | 'failed'>('idle');
  const [browsing, setBrowsing] = useState<string | undefined>();
  const ownRef = useRef<HTMLInputElement | null>(null);
  const inputRef = props.inputRef ?? ownRef;
  useEffect(() => {
    const trimmed = query.trim();
    if (trimmed.length < 2) {
      setHits([]);
      setStatus('idle');
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setStatus('searching');
      searchCodes(trimmed, controller.signal).then(
        (found) => {
          if (controller.signal.aborted) return;
          setHits(found);
          setStatus('done');
        },
        () => !controller.signal.aborted && setStatus('failed'),
      );
    }, SEARCH_DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query]);
  const resultsId = 'lookup-results';
  return (
    <div class="lookup">
      <form role="search" aria-label="Code lookup" onSubmit={(event) => event.preventDefault()}>
        <label class="visually-hidden" for="lookup-input">
          Look up ICD-10-CM codes
        </label>
        <div class="search-field">
          <Icon name="search" />
          <input
            id="lookup-input"
            ref={inputRef}
            type="search"
            autoComplete="off"
            spellcheck={false}
            placeholder="Look up: “dm2 w ckd 3b”, “R50.9”"
            value={query}
            aria-controls={query.trim().length >= 2 ? resultsId : undefined}
            aria-describedby="lookup-status"
            onInput={(event) => {
              setQuery((event.target as HTMLInputElement).value);
              setBrowsing(undefined);
            }}
            onKeyDown={(event) => {
              if (event.key === 'Escape' && query) {
                event.preventDefault();
                setQuery('');
              } else if (event.key === 'ArrowDown') {
                const first = (
                  event.currentTarget.getRootNode() as ShadowRoot
                ).querySelector<HTMLElement>(`#${resultsId} button`);
                if (first) {
                  event.preventDefault();
                  first.focus();
                }
              }
            }}
          />
        </div>
      </form>
      <p id="lookup-status" class="visually-hidden" role="status">
        {status === 'searching'
          ? 'Searching…'
          : status === 'done'
            ? `${hits.length} results`
            : status === 'failed'
              ? 'Search failed'
              : ''}
      </p>
      {query.trim().length >= 2 ? (
        <div class="lookup-results-wrap">
          {status === 'done' && hits.length === 0 ? (
            <p class="muted small">No codes match “{query.trim()}”.</p>
          ) : null}
          {status === 'failed' ? (
            <p class="muted small" role="alert">
              Search failed; the engine may still be loading.
            </p>
          ) : null}
          <ul id={resultsId} class="hits" aria-label="Lookup results">
            {hits.map((hit) => (
              <li key={hit.code} class="hit" data-hit-code={hit.code}>
                <button
                  type="button"
                  class="hit-main"
                  aria-expanded={browsing === hit.code}
                  aria-label={`${hit.code} ${hit.title}: ${hit.procedure ? 'open the procedure builder' : 'show hierarchy'}`}
                  onClick={() => setBrowsing(browsing === hit.code ? undefined : hit.code)}
                >
                  <span class="code">{hit.code}</span>
                  <span class="hit-title">{hit.title}</span>
                  {hit.via && hit.via !== 'title' && hit.via !== 'code' && hit.matched ? (
                    <span class="hit-matched">
                      {VIA_LABELS[hit.via] ?? hit.via}: {hit.matched}
                    </span>
                  ) : null}
                </button>
                {hit.billable ? (
                  <button
                    type="button"
                    class="chip-button"
                    data-add-code={hit.code}
                    aria-label={
                      acceptedCodes.has(hit.code)
                        ? `${hit.code} accepted`
                        : `${addLabel} ${hit.code}`
                    }
                    disabled={acceptedCodes.has(hit.code)}
                    onClick={() =>
                      onAdd(
                        hit.procedure
                          ? {
                              code: hit.code,
                              title: hit.title,
                              billable: true,
                              system: 'ICD-10-PCS',
                            }
                          : hit,
                      )
                    }
                  >
                    {acceptedCodes.has(hit.code) ? 'Added' : addLabel}
                  </button>
                ) : (
                  <span class="tag">{hit.procedure ? 'partial code' : 'header'}</span>
                )}
                {browsing === hit.code && hit.procedure ? (
                  <ProcedureBuilder
                    tables={hit.procedure.tables}
                    definitions={hit.procedure.definitions}
                    initialCode={hit.code}
                    onAccept={(code, title) =>
                      onAdd({ code, title, billable: true, system: 'ICD-10-PCS' })
                    }
                    onClose={() => setBrowsing(undefined)}
                  />
                ) : browsing === hit.code ? (
                  <CodeBrowser
                    code={hit.code}
                    chooseLabel={addLabel}
                    lookupCode={lookupCode}
                    onChoose={(code) => onAdd(code)}
                    onClose={() => setBrowsing(undefined)}
                  />
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
