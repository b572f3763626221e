import { render } from 'preact';
import { App } from './app.js';
import { interceptLinks } from './router.js';
import './styles/base.css';
import './styles/layout.css';
import './styles/search.css';
import './styles/story.css';
import './styles/print.css';

const root = document.getElementById('app');
if (!root) throw new Error('index.html has no #app element');
interceptLinks(document.body);
render(<App />, root);
