/** The panel's stylesheet, scoped to its shadow root. `:host{all:initial}` keeps page CSS out. */
export const PANEL_CSS = `
:host {
  all: initial !important;
  position: fixed !important;
  top: 0 !important;
  right: 0 !important;
  width: min(400px, 100vw) !important;
  height: 100vh !important;
  z-index: 2147483647 !important;
  display: block !important;
}
:host([hidden]) { display: none !important; }
* { box-sizing: border-box; }
.panel-root { height: 100%; }
.panel-root[hidden], .rail[hidden], .resize-grip[hidden] { display: none; }
.resize-grip { position: absolute; top: 0; bottom: 0; left: -3px; width: 7px; cursor: ew-resize; z-index: 2; touch-action: none; }
.resize-grip:hover, .resize-grip:focus-visible { background: color-mix(in srgb, #0969da 35%, transparent); outline: none; }
.rail { height: 100%; display: flex; flex-direction: column; align-items: center; padding-top: 10px; background: #ffffff;
  border-left: 1px solid #d1d9e0; box-shadow: -4px 0 12px rgba(31, 35, 40, .12); }
.rail-expand { width: 32px; height: 32px; display: inline-flex; align-items: center; justify-content: center; border-radius: 6px;
  border: 1px solid transparent; background: none; cursor: pointer; }
.rail-expand:hover { border-color: #d1d9e0; background: #f6f8fa; }
.rail .logo { width: 18px; height: 18px; border-radius: 5px; background:
  linear-gradient(90deg, transparent 62%, #ffffff 62% 72%, transparent 72%), #0a6c6c; }
@media (prefers-color-scheme: dark) {
  .rail { background: #0f1419; border-left-color: #2f3843; }
  .rail-expand:hover { border-color: #2f3843; background: #161c23; }
}
.panel {
  --bg: #ffffff; --bg-soft: #f6f8fa; --bg-raised: #ffffff; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0;
  --accent: #0a6c6c; --accent-fg: #ffffff; --accent-soft: #e3f3f1; --active: #fff8c5; --active-line: #d4a72c;
  --ok: #1a7f37; --ok-soft: #dafbe1; --danger: #c21f2b; --danger-soft: #ffebe9; --warn: #8a4600; --warn-soft: #fff1d6;
  --info: #0757ba; --info-soft: #ddf4ff; --focus: #0969da; --shadow: rgba(31, 35, 40, .14);
  display: flex; flex-direction: column; height: 100%; outline: none;
  background: var(--bg); color: var(--fg);
  border-left: 1px solid var(--line); box-shadow: -8px 0 24px var(--shadow);
  font: 13.5px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  -webkit-font-smoothing: antialiased;
}
@media (prefers-color-scheme: dark) {
  .panel {
    --bg: #0f1419; --bg-soft: #161c23; --bg-raised: #1b222b; --fg: #e6edf3; --muted: #a3adb8; --line: #2f3843;
    --accent: #5cc8bc; --accent-fg: #06201d; --accent-soft: #12302d; --active: #3a3212; --active-line: #d4a72c;
    --ok: #56d364; --ok-soft: #12301b; --danger: #ff8182; --danger-soft: #3b1418; --warn: #f0b35a; --warn-soft: #33260f;
    --info: #79c0ff; --info-soft: #0f2741; --focus: #58a6ff; --shadow: rgba(0, 0, 0, .5);
  }
}
button, input, select { font: inherit; color: inherit; }
button { cursor: pointer; }
button:disabled { cursor: default; opacity: .45; }
:focus-visible { outline: 2px solid var(--focus); outline-offset: 1px; border-radius: 4px; }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
.icon { display: block; flex: none; }
kbd { font: 600 11px/1 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; padding: 2px 5px; border-radius: 4px;
  border: 1px solid var(--line); border-bottom-width: 2px; background: var(--bg-soft); color: var(--fg); }
.muted { color: var(--muted); }
.small { font-size: 12px; }
.code { font: 600 13px/1.3 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; letter-spacing: .01em; }

/* header */
.header { display: flex; align-items: center; justify-content: space-between; gap: 8px; padding: 10px 12px 10px 14px;
  border-bottom: 1px solid var(--line); background: var(--bg); }
.brand { display: flex; align-items: center; gap: 8px; }
.logo { width: 18px; height: 18px; border-radius: 5px; background:
  linear-gradient(90deg, transparent 62%, var(--accent-fg) 62% 72%, transparent 72%), var(--accent); }
h1 { font-size: 15px; font-weight: 650; margin: 0; letter-spacing: .01em; color: var(--fg); }
.header-actions { display: flex; gap: 2px; }
.icon-button { display: inline-flex; align-items: center; justify-content: center; width: 28px; height: 28px; padding: 0;
  border: 1px solid transparent; border-radius: 6px; background: none; color: var(--muted); }
.icon-button:hover:not(:disabled) { background: var(--bg-soft); color: var(--fg); border-color: var(--line); }

/* lookup */
.lookup { padding: 10px 12px; border-bottom: 1px solid var(--line); background: var(--bg-soft); }
.lookup form { margin: 0; }
.search-field { display: flex; align-items: center; gap: 6px; padding: 0 8px; border: 1px solid var(--line); border-radius: 8px;
  background: var(--bg-raised); color: var(--muted); }
.search-field:focus-within { border-color: var(--focus); box-shadow: 0 0 0 3px color-mix(in srgb, var(--focus) 25%, transparent); }
.search-field input { flex: 1; min-width: 0; border: 0; background: none; padding: 7px 0; outline: none; color: var(--fg); }
.search-field input::placeholder { color: var(--muted); }
.lookup-results-wrap { max-height: 45vh; overflow-y: auto; margin-top: 6px; }
.hits { list-style: none; margin: 0; padding: 0; }
.hit { display: grid; grid-template-columns: 1fr auto; align-items: start; gap: 6px; padding: 4px 0; border-bottom: 1px solid var(--line); }
.hit:last-child { border-bottom: 0; }
.hit-main { text-align: left; background: none; border: 0; padding: 3px 4px; border-radius: 6px; display: grid; gap: 1px; min-width: 0; }
.hit-main:hover { background: var(--bg-raised); }
.hit-title { overflow-wrap: anywhere; }
.hit-matched { font-size: 11.5px; color: var(--muted); overflow-wrap: anywhere; }
.hit .browser { grid-column: 1 / -1; }

/* body */
.body { flex: 1; overflow-y: auto; padding: 4px 12px 16px; scrollbar-width: thin; }
.status { color: var(--muted); padding: 12px 2px; }
.status p { margin: 8px 0 0; }
.error-box { color: var(--danger); background: var(--danger-soft); border-radius: 8px; padding: 10px 12px; margin-top: 12px; }
.error { color: var(--danger); }
.progress-wrap { padding-top: 4px; }
.progress { position: relative; height: 6px; border-radius: 99px; background: var(--bg-soft); border: 1px solid var(--line); overflow: hidden; }
.progress-fill { position: absolute; inset: 0 auto 0 0; background: var(--accent); border-radius: 99px; transition: width .3s ease; }
.progress.indeterminate .progress-fill { width: 35%; animation: slide 1.1s ease-in-out infinite; }
@keyframes slide { from { left: -35%; } to { left: 100%; } }
@media (prefers-reduced-motion: reduce) { .progress.indeterminate .progress-fill { animation: none; width: 100%; opacity: .5; } }

h2 { display: flex; align-items: center; gap: 6px; font-size: 11.5px; font-weight: 650; text-transform: uppercase;
  letter-spacing: .06em; color: var(--muted); margin: 14px 0 4px; }
.count { display: inline-block; min-width: 18px; padding: 0 6px; border-radius: 99px; background: var(--bg-soft);
  border: 1px solid var(--line); font-size: 11px; line-height: 16px; text-align: center; color: var(--fg); letter-spacing: 0; }
.section-head { display: flex; align-items: center; gap: 8px; }
.section-head h2 { flex: 1; }

/* accepted */
.accepted { margin: 10px 0 4px; padding: 2px 10px 10px; border: 1px solid var(--line); border-radius: 10px; background: var(--bg-soft); }
.accepted h2 { margin-top: 10px; }
.accepted-list { list-style: none; margin: 4px 0 8px; padding: 0; }
.accepted-item { padding: 6px 0; border-top: 1px solid var(--line); }
.accepted-item:first-child { border-top: 0; }
.accepted-row { display: flex; align-items: flex-start; gap: 8px; }
.seq { flex: none; width: 20px; height: 20px; border-radius: 50%; background: var(--accent); color: var(--accent-fg);
  font-size: 11px; font-weight: 700; display: inline-flex; align-items: center; justify-content: center; margin-top: 1px; }
.accepted-text { flex: 1; min-width: 0; overflow-wrap: anywhere; }
.row-actions { display: flex; gap: 0; }
.row-actions .icon-button { width: 24px; height: 24px; }
.export { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
.export select { flex: 1 1 140px; min-width: 0; padding: 5px 6px; border: 1px solid var(--line); border-radius: 6px; background: var(--bg-raised); }
.button { display: inline-flex; align-items: center; gap: 5px; padding: 5px 10px; border-radius: 6px; border: 1px solid var(--line);
  background: var(--bg-raised); font-weight: 550; }
.button:hover:not(:disabled) { border-color: var(--muted); }
.button.primary { background: var(--accent); color: var(--accent-fg); border-color: var(--accent); }
.text-button { background: none; border: 0; padding: 2px 4px; color: var(--accent); font-weight: 600; font-size: 12px; }
.text-button:hover { text-decoration: underline; }
.preview summary { cursor: pointer; font-size: 12px; color: var(--muted); margin-top: 6px; }
.export-preview { max-height: 200px; overflow: auto; margin: 6px 0 0; padding: 8px; border-radius: 6px; border: 1px solid var(--line);
  background: var(--bg-raised); font: 11.5px/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; white-space: pre-wrap; overflow-wrap: anywhere; }

/* encounter */
.encounter-start { display: flex; flex-wrap: wrap; gap: 6px; margin: 4px 0 2px; }
.encounter-setting { display: inline-flex; align-items: center; gap: 8px; }
.encounter-start input[type="text"], .poa-row select { padding: 5px 6px; border: 1px solid var(--line); border-radius: 6px; background: var(--bg-raised); }
.encounter-start input[type="text"] { flex: 1 1 150px; min-width: 0; }
.encounter .supported-by { margin: 2px 0 0 28px; }
.encounter .poa-row { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; margin: 4px 0 0 28px; }
.encounter .satisfied { margin: 3px 0 0 28px; color: var(--ok); }
.encounter .principal-reason { margin: 6px 0 0; }
.documentation-queries .query-draft { margin: 4px 0; }

/* suggestions */
.code-list { list-style: none; margin: 0; padding: 0; }
.code-item { position: relative; padding: 6px 0 8px; border-bottom: 1px solid var(--line); }
.code-item.is-active { background: var(--active); box-shadow: inset 3px 0 0 var(--active-line); border-radius: 6px; }
.code-row { display: flex; align-items: flex-start; gap: 4px; }
.code-button { flex: 1; min-width: 0; display: block; text-align: left; background: none; border: 0; padding: 3px 6px; border-radius: 6px; }
.code-button:hover { background: var(--bg-soft); }
.code-item.is-active .code-button:hover { background: transparent; }
.code-line { display: flex; align-items: center; gap: 8px; }
.code-line .code { color: var(--fg); }
.title { display: block; margin-top: 1px; overflow-wrap: anywhere; }
.confidence { margin-left: auto; display: inline-flex; align-items: center; gap: 6px; color: var(--muted); font-size: 12px;
  font-variant-numeric: tabular-nums; }
.meter { width: 36px; height: 4px; border-radius: 99px; background: var(--line); overflow: hidden; }
.meter-fill { display: block; height: 100%; background: var(--accent); border-radius: 99px; }
.tags { display: flex; flex-wrap: wrap; gap: 4px; margin-top: 3px; }
.tag { display: inline-block; padding: 0 6px; border-radius: 99px; font-size: 11px; line-height: 17px; font-weight: 600;
  background: var(--bg-soft); color: var(--muted); border: 1px solid var(--line); white-space: nowrap; }
.tag.warn { background: var(--warn-soft); color: var(--warn); border-color: transparent; }
.tag.ok { background: var(--ok-soft); color: var(--ok); border-color: transparent; }
.tag.danger { background: var(--danger-soft); color: var(--danger); border-color: transparent; }
.status-tag { font-size: 11px; font-weight: 700; padding: 0 6px; border-radius: 99px; line-height: 17px; }
.status-accepted, .status-replaced { background: var(--ok-soft); color: var(--ok); }
.status-rejected { background: var(--danger-soft); color: var(--danger); }
.decision-rejected .title, .decision-rejected .code-line .code { text-decoration: line-through; color: var(--muted); }
.decision-replaced .title { color: var(--muted); }
.actions { display: flex; flex-direction: row; gap: 2px; padding-top: 2px; }
.act { display: inline-flex; align-items: center; justify-content: center; width: 28px; height: 28px; padding: 0; border-radius: 6px;
  border: 1px solid var(--line); background: var(--bg-raised); color: var(--muted); }
.act:hover:not(:disabled) { color: var(--fg); border-color: var(--muted); }
.act-accept[aria-pressed="true"] { background: var(--ok); border-color: var(--ok); color: var(--bg); }
.act-reject[aria-pressed="true"] { background: var(--danger); border-color: var(--danger); color: var(--bg); }
.act-browse[aria-expanded="true"] { background: var(--accent-soft); border-color: var(--accent); color: var(--accent); }
.evidence { list-style: none; margin: 2px 0 0; padding: 0 6px; font-size: 12px; color: var(--muted); overflow-wrap: anywhere; }
.evidence li { display: inline; }
.evidence li + li::before { content: " · "; }
.rule-notes { list-style: none; margin: 4px 0 0; padding: 0 6px; display: grid; gap: 3px; font-size: 12px; overflow-wrap: anywhere; }
.rule { padding: 3px 6px; border-radius: 6px; background: var(--info-soft); color: var(--fg); }
.rule-tag { font-weight: 700; font-size: 10.5px; text-transform: uppercase; letter-spacing: .04em; color: var(--info); margin-right: 2px; }
.rule-excludes1 { background: var(--danger-soft); }
.rule-excludes1 .rule-tag { color: var(--danger); }
.rule-seventh-character, .rule-unspecified-laterality, .rule-specificity, .rule-unspecified, .rule-unknown-code { background: var(--warn-soft); }
.rule-seventh-character .rule-tag, .rule-unspecified-laterality .rule-tag, .rule-specificity .rule-tag, .rule-unspecified .rule-tag,
.rule-unknown-code .rule-tag { color: var(--warn); }
.flagged summary { cursor: pointer; display: flex; align-items: center; gap: 6px; margin: 14px 0 4px; font-size: 11.5px; font-weight: 650;
  text-transform: uppercase; letter-spacing: .06em; color: var(--muted); }
.flagged .code-item { opacity: .92; }

/* hierarchy browser */
.browser { margin: 6px 0 0 6px; padding: 8px 10px; border: 1px solid var(--line); border-left: 3px solid var(--accent);
  border-radius: 8px; background: var(--bg-raised); font-size: 12.5px; }
.browser-head { display: flex; align-items: center; gap: 4px; }
.browser-heading { flex: 1; font-size: 11px; font-weight: 700; letter-spacing: .06em; text-transform: uppercase; color: var(--muted); }
.crumbs { font-size: 11.5px; color: var(--muted); margin: 4px 0; overflow-wrap: anywhere; }
.crumbs strong { color: var(--fg); }
.link { background: none; border: 0; padding: 0; color: var(--accent); text-decoration: underline; }
.browser-current { margin: 2px 0 6px; display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
.browser-group h4 { margin: 8px 0 2px; font-size: 11px; font-weight: 700; letter-spacing: .05em; text-transform: uppercase; color: var(--muted); }
.browser-list { list-style: none; margin: 0; padding: 0; max-height: 220px; overflow-y: auto; }
.browser-row { display: flex; align-items: flex-start; gap: 6px; padding: 2px 0; }
.browser-open { flex: 1; min-width: 0; text-align: left; background: none; border: 0; padding: 3px 4px; border-radius: 5px;
  display: flex; gap: 6px; align-items: baseline; }
.browser-open:hover { background: var(--bg-soft); }
.browser-title { flex: 1; min-width: 0; overflow-wrap: anywhere; }
.chip-button { flex: none; padding: 2px 9px; border-radius: 99px; border: 1px solid var(--accent); background: var(--accent-soft);
  color: var(--accent); font-size: 12px; font-weight: 650; }
.chip-button:hover:not(:disabled) { background: var(--accent); color: var(--accent-fg); }
.browser-notes summary { cursor: pointer; color: var(--muted); font-size: 12px; margin-top: 6px; }
.browser-notes ul { list-style: none; padding: 0; margin: 4px 0 0; display: grid; gap: 3px; }

/* help */
.help { margin: 10px 0; padding: 4px 10px 10px; border: 1px solid var(--line); border-radius: 10px; background: var(--bg-soft); }
.shortcuts { margin: 6px 0; display: grid; gap: 4px; }
.shortcut { display: grid; grid-template-columns: 110px 1fr; gap: 8px; align-items: baseline; }
.shortcut dt { white-space: nowrap; }
.shortcut dd { margin: 0; }

/* footer */
.footer { display: flex; flex-wrap: wrap; gap: 4px 10px; padding: 7px 14px; border-top: 1px solid var(--line); font-size: 11px;
  color: var(--muted); background: var(--bg); }
.offline { margin-left: auto; color: var(--ok); font-weight: 650; }

/* page overlays (fallback highlighter, hover card) */
.overlay-layer { position: fixed; inset: 0; pointer-events: none; }
.evidence-box { position: fixed; background: rgba(255, 214, 10, .45); border-radius: 2px; }
.hover-card { position: fixed; z-index: 1; max-width: 320px; pointer-events: none; padding: 8px 10px; border-radius: 8px;
  background: #1f2328; color: #f6f8fa; box-shadow: 0 8px 24px rgba(0,0,0,.25);
  font: 12.5px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
.hover-card[hidden] { display: none; }
.hover-card ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 3px; }
.hover-card .code { font-size: 12.5px; color: #7ee2d5; margin-right: 6px; }
.hover-card .hover-status { color: #a5d6a7; font-weight: 700; font-size: 11px; margin-left: 4px; }

.footer .notice {
  flex-basis: 100%;
  color: var(--warn-fg, #8a4b00);
  font-weight: 600;
}
/* ICD-10-PCS procedure builder: one labelled select per axis, its definition below. */
.procedure-builder { margin: 6px 0 4px; padding: 8px; border: 1px solid var(--line); border-radius: 6px; background: var(--bg-raised); }
.procedure-builder .builder-axis { display: flex; flex-direction: column; gap: 2px; margin: 6px 0; }
.procedure-builder select { width: 100%; min-width: 0; padding: 5px 6px; border: 1px solid var(--line); border-radius: 6px; background: var(--bg-raised); }
.procedure-builder .axis-definition { margin: 0; font-size: 0.85em; opacity: 0.85; }
`;
