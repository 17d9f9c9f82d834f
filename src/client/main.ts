// Runs in the browser: starts reveal.js with the deck's config (a JSON block the build
// writes into the page), so one bundle serves every talk and works from file://.
import Reveal from 'reveal.js';
import Notes from 'reveal.js/plugin/notes';
import Search from 'reveal.js/plugin/search';
import Zoom from 'reveal.js/plugin/zoom';

declare global {
  interface Window {
    Reveal?: typeof Reveal;
  }
}

const configElement = document.getElementById('kamishibai-config');
const config = configElement ? (JSON.parse(configElement.textContent ?? '{}') as Record<string, unknown>) : {};

window.Reveal = Reveal;
void Reveal.initialize({ ...config, plugins: [Notes, Search, Zoom] });
