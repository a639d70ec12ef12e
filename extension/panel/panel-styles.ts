/** The panel's stylesheet, scoped to its shadow root. `:host{all:initial}` keeps page CSS out. */
export const PANEL_CSS = `
:host {
  all: initial !important;
  position: fixed !important;
  top: 0 !important;
  right: 0 !important;
  width: min(380px, 100vw) !important;
  height: 100vh !important;
  z-index: 2147483647 !important;
  display: block !important;
}
:host([hidden]) { display: none !important; }
* { box-sizing: border-box; }
.panel-root { height: 100%; }
.panel {
  --bg: #ffffff; --fg: #1b1f24; --muted: #57606a; --line: #d0d7de; --accent: #0b6e6e;
  --active: #fff4c2; --flag: #8a4b00; --focus: #0969da;
  display: flex; flex-direction: column; height: 100%;
  background: var(--bg); color: var(--fg);
  border-left: 1px solid var(--line); box-shadow: -4px 0 16px rgba(0,0,0,.12);
  font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
}
@media (prefers-color-scheme: dark) {
  .panel { --bg: #161b22; --fg: #e6edf3; --muted: #9da7b3; --line: #30363d; --accent: #4fd1c5;
    --active: #3d3514; --flag: #f0b35a; --focus: #58a6ff; }
}
.header { display: flex; align-items: center; justify-content: space-between; padding: 8px 12px;
  border-bottom: 1px solid var(--line); }
h1 { font-size: 15px; margin: 0; color: var(--accent); }
h2 { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); margin: 12px 0 4px; }
button { font: inherit; color: inherit; }
button:focus-visible, summary:focus-visible { outline: 2px solid var(--focus); outline-offset: 1px; }
.close { background: none; border: none; font-size: 20px; line-height: 1; cursor: pointer; padding: 2px 6px; }
.body { flex: 1; overflow-y: auto; padding: 4px 12px 12px; }
.status { color: var(--muted); }
.error { color: var(--flag); }
.code-list { list-style: none; margin: 0; padding: 0; }
.code-item { border-bottom: 1px solid var(--line); padding: 6px 0; }
.code-item.is-active { background: var(--active); }
.code-button { display: block; width: 100%; text-align: left; background: none; border: none;
  padding: 2px 4px; cursor: pointer; border-radius: 4px; }
.code-line { display: flex; justify-content: space-between; gap: 8px; }
.code { font-weight: 700; font-family: ui-monospace, "SFMono-Regular", Menlo, monospace; }
.confidence { color: var(--muted); font-variant-numeric: tabular-nums; }
.title { display: block; }
.assertion { display: inline-block; margin-top: 2px; margin-right: 4px; font-size: 12px; color: var(--flag); }
.evidence, .rule-notes { list-style: none; margin: 2px 0 0; padding: 0 4px; font-size: 12px; color: var(--muted);
  overflow-wrap: anywhere; }
.flagged summary { cursor: pointer; margin: 12px 0 4px; font-size: 12px; text-transform: uppercase;
  letter-spacing: .04em; color: var(--muted); }
.footer { padding: 6px 12px; border-top: 1px solid var(--line); font-size: 11px; color: var(--muted); }
.overlay-layer { position: fixed; inset: 0; pointer-events: none; }
.evidence-box { position: fixed; background: rgba(255, 214, 10, .45); border-radius: 2px; }
`;
