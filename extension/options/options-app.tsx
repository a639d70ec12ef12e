/**
 * Options: care setting, coding scope, whether feedback is kept, and the EHR sites the panel
 * runs on. A setting fixed by enterprise policy (chrome.storage.managed) is shown locked.
 * Adding a site asks Chrome for that origin's host permission (from the click, as Chrome
 * requires); the background then registers the content script for it.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import {
  DEFAULT_SETTINGS,
  loadEffectiveSettings,
  normalizeEhrOrigin,
  originToMatchPattern,
  saveCodingSettings,
  saveSiteSettings,
  type EffectiveSettings,
  type ExtensionSettings,
} from '../shared/settings-store.js';
import { LearnedFeedback } from './learned-feedback.js';
import { TerminologyUpdate } from './terminology-update.js';

type SaveState =
  { kind: 'idle' } | { kind: 'saved'; what: string } | { kind: 'failed'; why: string };

/** A section rendered (and so loaded) only once opened. */
function Folded({
  id,
  summary,
  children,
}: {
  id: string;
  summary: string;
  children: ComponentChildren;
}) {
  const [open, setOpen] = useState(false);
  return (
    <details
      id={`${id}-details`}
      onToggle={(event) => setOpen((event.currentTarget as HTMLDetailsElement).open)}
    >
      <summary>{summary}</summary>
      {open ? children : null}
    </details>
  );
}

function Locked({ locked }: { locked: boolean | undefined }) {
  return locked ? <span class="locked">Set by your organization</span> : null;
}

export function OptionsApp() {
  const [effective, setEffective] = useState<EffectiveSettings>({
    settings: DEFAULT_SETTINGS,
    locked: {},
  });
  const [saved, setSaved] = useState<SaveState>({ kind: 'idle' });
  const [siteInput, setSiteInput] = useState('');
  const reload = (): Promise<void> =>
    loadEffectiveSettings().then(setEffective, () =>
      setSaved({ kind: 'failed', why: 'Could not read the settings.' }),
    );
  useEffect(() => {
    void reload();
    const onChanged = (): void => void reload();
    chrome.storage.onChanged.addListener(onChanged);
    return () => chrome.storage.onChanged.removeListener(onChanged);
  }, []);
  const { settings, locked } = effective;

  const saveCoding = (next: ExtensionSettings): void => {
    setEffective({ settings: next, locked });
    saveCodingSettings({ setting: next.setting, scope: next.scope }).then(
      () => setSaved({ kind: 'saved', what: 'Saved.' }),
      () => setSaved({ kind: 'failed', why: 'Could not save the settings.' }),
    );
  };
  const saveSites = (next: ExtensionSettings, what: string): Promise<void> => {
    setEffective({ settings: next, locked });
    return saveSiteSettings(next).then(
      () => setSaved({ kind: 'saved', what }),
      () => setSaved({ kind: 'failed', why: 'Could not save the settings.' }),
    );
  };

  const addSite = (event: Event): void => {
    event.preventDefault();
    const origin = normalizeEhrOrigin(siteInput);
    if (!origin) {
      setSaved({
        kind: 'failed',
        why: `“${siteInput}” is not a web address such as https://ehr.example.org.`,
      });
      return;
    }
    // permissions.request must run in the click's task (a user gesture): no await before it.
    chrome.permissions.request({ origins: [originToMatchPattern(origin)] }).then(
      (granted) => {
        if (!granted) {
          setSaved({ kind: 'failed', why: `Access to ${origin} was not granted.` });
          return;
        }
        setSiteInput('');
        void saveSites(
          { ...settings, ehrSites: [...new Set([...settings.ehrSites, origin])] },
          `Marginalia will run on ${origin}.`,
        );
      },
      (error: unknown) =>
        setSaved({
          kind: 'failed',
          why: error instanceof Error ? error.message : 'Permission request failed.',
        }),
    );
  };

  const removeSite = (origin: string): void => {
    void saveSites(
      { ...settings, ehrSites: settings.ehrSites.filter((site) => site !== origin) },
      `Removed ${origin}.`,
    ).then(() =>
      chrome.permissions.remove({ origins: [originToMatchPattern(origin)] }).catch(() => false),
    );
  };

  return (
    <main>
      <h1>Marginalia options</h1>
      <p class="hint">Everything runs on this device. Nothing is sent anywhere.</p>
      <form onSubmit={(event) => event.preventDefault()}>
        <fieldset disabled={locked.setting}>
          <legend>
            Care setting <Locked locked={locked.setting} />
          </legend>
          <p class="hint">
            Uncertain diagnoses are coded as established for inpatients, as symptoms for
            outpatients.
          </p>
          {(['outpatient', 'inpatient'] as const).map((value) => (
            <label key={value}>
              <input
                type="radio"
                name="setting"
                value={value}
                checked={settings.setting === value}
                onChange={() => saveCoding({ ...settings, setting: value })}
              />{' '}
              {value === 'inpatient' ? 'Inpatient' : 'Outpatient'}
            </label>
          ))}
        </fieldset>
        <fieldset disabled={locked.scope}>
          <legend>
            Scope <Locked locked={locked.scope} />
          </legend>
          <label>
            <input
              type="radio"
              name="scope"
              value="reportable"
              checked={settings.scope === 'reportable'}
              onChange={() => saveCoding({ ...settings, scope: 'reportable' })}
            />{' '}
            Reportable codes (what a coder should report)
          </label>
          <label>
            <input
              type="radio"
              name="scope"
              value="mentions"
              checked={settings.scope === 'mentions'}
              onChange={() => saveCoding({ ...settings, scope: 'mentions' })}
            />{' '}
            Every condition mentioned
          </label>
        </fieldset>
        <fieldset disabled={locked.keepFeedback}>
          <legend>
            Feedback <Locked locked={locked.keepFeedback} />
          </legend>
          <label>
            <input
              type="checkbox"
              name="keepFeedback"
              checked={settings.keepFeedback}
              onChange={(event) =>
                void saveSites(
                  { ...settings, keepFeedback: (event.target as HTMLInputElement).checked },
                  'Saved.',
                )
              }
            />{' '}
            Keep what I teach Marginalia (synonyms, rejected suggestions) on this device
          </label>
        </fieldset>
      </form>
      <form onSubmit={addSite}>
        <fieldset disabled={locked.ehrSites}>
          <legend>
            EHR sites <Locked locked={locked.ehrSites} />
          </legend>
          <p class="hint">
            The panel is available on these sites without pressing the toolbar button. Chrome asks
            you to allow each site.
          </p>
          <ul class="sites" aria-label="EHR sites">
            {settings.ehrSites.length === 0 ? <li class="hint">No sites yet.</li> : null}
            {settings.ehrSites.map((origin) => (
              <li key={origin} data-site={origin}>
                <code>{origin}</code>{' '}
                {locked.ehrSites ? null : (
                  <button
                    type="button"
                    onClick={() => removeSite(origin)}
                    aria-label={`Remove ${origin}`}
                  >
                    Remove
                  </button>
                )}
              </li>
            ))}
          </ul>
          <label for="site-input">Add a site</label>
          <div class="row">
            <input
              id="site-input"
              type="url"
              spellcheck={false}
              autoComplete="off"
              placeholder="https://ehr.example.org"
              value={siteInput}
              onInput={(event) => setSiteInput((event.target as HTMLInputElement).value)}
            />
            <button type="submit" id="add-site">
              Allow and add
            </button>
          </div>
        </fieldset>
      </form>
      <p role="status" class={saved.kind === 'failed' ? 'error' : 'hint'}>
        {saved.kind === 'saved' ? saved.what : saved.kind === 'failed' ? saved.why : ''}
      </p>
      {/* Folded: opening one starts the engine (the offscreen document); a plain visit does not. */}
      <Folded id="learned" summary="What Marginalia learned">
        <LearnedFeedback keepFeedback={settings.keepFeedback} />
      </Folded>
      <Folded id="terminology" summary="Terminology version and updates">
        <TerminologyUpdate />
      </Folded>
    </main>
  );
}
