import { render } from 'preact';
import { OptionsApp } from './options-app.js';

const root = document.getElementById('root');
if (!root) throw new Error('Expected #root in options.html, got none.');
render(<OptionsApp />, root);
