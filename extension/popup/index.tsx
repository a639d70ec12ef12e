import { render } from 'preact';
import { PANEL_CSS } from '../panel/panel-styles.js';
import { LookupApp } from './lookup-app.js';

// The same look as the panel's lookup box (the panel's stylesheet; its :host rules do not apply here).
const style = document.createElement('style');
style.textContent = `${PANEL_CSS}\n.popup-panel { height: auto; min-height: 100vh; border: 0; box-shadow: none; padding: 0 0 8px; }\n.popup-panel h1 { padding: 12px 12px 0; }\n.popup-panel > p, .popup-panel > footer { padding: 0 12px; }`;
document.head.append(style);

const root = document.getElementById('root');
if (!root) throw new Error('Expected #root in popup.html, got none.');
render(<LookupApp />, root);
