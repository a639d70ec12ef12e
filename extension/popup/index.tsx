import { render } from 'preact';
import { LookupApp } from './lookup-app.js';

const root = document.getElementById('root');
if (!root) throw new Error('Expected #root in popup.html, got none.');
render(<LookupApp />, root);
