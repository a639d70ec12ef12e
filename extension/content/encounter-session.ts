/**
 * The panel's side of the coder's encounter: loads the active encounter when the panel opens,
 * starts and closes one, adds the open note's accepted codes (built locally by
 * encounter-entry.ts), and passes the coder's principal and POA choices to the background.
 * Errors are shown in the panel as what was expected; no note text is logged.
 */
import type { CareSetting } from '../../src/engine/coding-types.js';
import type { PoaIndicator } from '../../src/encounter/encounter-types.js';
import type { EncounterPanelProps } from '../panel/encounter-panel.js';
import { logErrorOnce } from '../shared/logger.js';
import { sendToBackground } from '../shared/messaging.js';
import type { EncounterView } from '../shared/protocol.js';
import { buildEncounterEntry, type NoteForEncounter } from './encounter-entry.js';

export class EncounterSession {
  private view: EncounterView | null = null;
  private busy = false;
  private error: string | undefined;

  constructor(
    private readonly onChange: () => void,
    /** The note open now, once coded; undefined before. */
    private readonly currentNote: () => NoteForEncounter | undefined,
  ) {}

  /**
   * Reads the active encounter (another tab may have changed it). Every open of the panel
   * loads it: the panel renders again only when it changed.
   */
  load(): void {
    sendToBackground('getEncounter', {}).then(
      (view) => {
        if (this.error === undefined && JSON.stringify(view) === JSON.stringify(this.view)) return;
        this.error = undefined;
        this.view = view;
        this.onChange();
      },
      (error: unknown) => {
        logErrorOnce('load the encounter', error);
        this.error = `Couldn’t load the encounter: ${error instanceof Error ? error.message : 'unknown error'}`;
        this.onChange();
      },
    );
  }

  props(): EncounterPanelProps {
    const note = this.currentNote();
    const noteId = note?.noteKey.slice(0, 16);
    return {
      view: this.view,
      acceptedCount: note?.review.accepted.length ?? 0,
      noteInEncounter: !!noteId && !!this.view?.encounter.notes.some((n) => n.note.id === noteId),
      defaultSetting: 'inpatient',
      busy: this.busy,
      error: this.error,
      onStart: (name: string, setting: CareSetting) =>
        void this.run('start an encounter', () =>
          sendToBackground('startEncounter', { name, setting }),
        ),
      onAddNote: () => this.addNote(),
      onSetPrincipal: (code: string | null) =>
        void this.run('choose the principal diagnosis', () =>
          sendToBackground('setEncounterChoices', { principal: code }),
        ),
      onConfirmPoa: (code: string, poa: PoaIndicator) =>
        void this.run('confirm POA', () =>
          sendToBackground('setEncounterChoices', { confirmedPoa: { [code]: poa } }),
        ),
      onClose: () =>
        void this.run(
          'close the encounter',
          async () => (await sendToBackground('closeEncounter', {}), null),
        ),
    };
  }

  private addNote(): void {
    const note = this.currentNote();
    const encounter = this.view?.encounter;
    if (!note || !encounter) return;
    const entry = buildEncounterEntry(note, encounter, new Date());
    void this.run('add the note to the encounter', () =>
      sendToBackground('addNoteToEncounter', { entry }),
    );
  }

  private async run(what: string, work: () => Promise<EncounterView | null>): Promise<void> {
    this.busy = true;
    this.error = undefined;
    this.onChange();
    try {
      this.view = await work();
    } catch (error) {
      logErrorOnce(what, error);
      this.error = `Couldn’t ${what}: ${error instanceof Error ? error.message : 'unknown error'}`;
    } finally {
      this.busy = false;
      this.onChange();
    }
  }
}
