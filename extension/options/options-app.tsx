/** Options: care setting and coding scope. Full settings (packs, sites, feedback) come later. */
import { useEffect, useState } from 'preact/hooks';
import type { CodingSettings } from '../shared/protocol.js';
import { DEFAULT_CODING_SETTINGS, loadCodingSettings, saveCodingSettings } from '../shared/settings-store.js';

export function OptionsApp() {
  const [settings, setSettings] = useState<CodingSettings>(DEFAULT_CODING_SETTINGS);
  const [saved, setSaved] = useState<'idle' | 'saved' | 'failed'>('idle');
  useEffect(() => {
    loadCodingSettings().then(setSettings, () => setSaved('failed'));
  }, []);
  const update = (next: CodingSettings): void => {
    setSettings(next);
    saveCodingSettings(next).then(
      () => setSaved('saved'),
      () => setSaved('failed'),
    );
  };
  return (
    <main>
      <h1>Marginalia options</h1>
      <form onSubmit={(event) => event.preventDefault()}>
        <fieldset>
          <legend>Care setting</legend>
          <p class="hint">Uncertain diagnoses are coded as established for inpatients, as symptoms for outpatients.</p>
          {(['outpatient', 'inpatient'] as const).map((value) => (
            <label key={value}>
              <input
                type="radio"
                name="setting"
                value={value}
                checked={settings.setting === value}
                onChange={() => update({ ...settings, setting: value })}
              />{' '}
              {value === 'inpatient' ? 'Inpatient' : 'Outpatient'}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Scope</legend>
          <label>
            <input
              type="radio"
              name="scope"
              value="reportable"
              checked={settings.scope === 'reportable'}
              onChange={() => update({ ...settings, scope: 'reportable' })}
            />{' '}
            Reportable codes (what a coder should report)
          </label>
          <label>
            <input
              type="radio"
              name="scope"
              value="mentions"
              checked={settings.scope === 'mentions'}
              onChange={() => update({ ...settings, scope: 'mentions' })}
            />{' '}
            Every condition mentioned
          </label>
        </fieldset>
      </form>
      <p role="status">{saved === 'saved' ? 'Saved.' : saved === 'failed' ? 'Could not save the settings.' : ''}</p>
    </main>
  );
}
