// Runs in the browser: starts reveal.js with the deck's config (a JSON block the build
// writes into the page), so one bundle serves every talk and works from file://.
import Reveal from 'reveal.js';
import Notes from 'reveal.js/plugin/notes';
import Search from 'reveal.js/plugin/search';
import Zoom from 'reveal.js/plugin/zoom';
import { revealDownloadsOnPointer } from './downloads.js';
import { fitCode, fitSlides } from './fit.js';
import { dressSpeakerView } from './speaker-view.js';

declare global {
  interface Window {
    Reveal?: typeof Reveal;
  }
}

const configElement = document.getElementById('kamishibai-config');
const config = configElement ? (JSON.parse(configElement.textContent ?? '{}') as Record<string, unknown>) : {};

window.Reveal = Reveal;
void Reveal.initialize({ ...config, plugins: [Notes, Search, Zoom] });

// A slide with data-paginate="false" (Marp's paginate directive) shows no slide number.
const showNumber = () => {
  const number = document.querySelector<HTMLElement>('.reveal .slide-number');
  if (number) number.style.visibility = Reveal.getCurrentSlide()?.getAttribute('data-paginate') === 'false' ? 'hidden' : '';
};
Reveal.on('ready', showNumber);
Reveal.on('slidechanged', showNumber);

revealDownloadsOnPointer(document);

// Slides marked `<!-- fit -->` zoom their content out to fit (reveal.js fits .r-fit-text
// itself); code wider than its slide under a Marp theme that auto-scales it, each slide when
// it is laid out (a hidden one when it is shown).
Reveal.on('ready', () => {
  fitSlides(document);
  fitCode(document);
});
Reveal.on('slidechanged', () => fitCode(document));

dressSpeakerView();
