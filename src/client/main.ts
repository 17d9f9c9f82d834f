// Runs in the browser: starts reveal.js with the deck's config (a JSON block the build
// writes into the page), so one bundle serves every talk and works from file://.
import Reveal from 'reveal.js';
import Notes from 'reveal.js/plugin/notes';
import Search from 'reveal.js/plugin/search';
import Zoom from 'reveal.js/plugin/zoom';
import { revealDownloadsOnPointer } from './downloads.js';
import { fitSlides } from './fit.js';

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

// Slides marked `<!-- fit -->` zoom their content out to fit (reveal.js fits .r-fit-text itself).
Reveal.on('ready', () => fitSlides(document));

// The speaker view (reveal.js's notes plugin) is a window the plugin writes itself, in
// Helvetica: give its notes the deck's fonts, language and phrase-aware line breaking, so a
// laptop without the deck's fonts draws them as the deck does.
const openWindow = window.open.bind(window);
window.open = (...args: Parameters<typeof window.open>) => {
  const opened = openWindow(...args);
  if (opened && String(args[1] ?? '').includes('Notes')) {
    const dress = () => {
      const doc = opened.document;
      if (!doc.head || doc.getElementById('kamishibai-speaker')) return;
      doc.documentElement.lang = document.documentElement.lang;
      const fonts = doc.createElement('link');
      fonts.rel = 'stylesheet';
      fonts.href = new URL('assets/fonts.css', document.baseURI).href;
      const style = doc.createElement('style');
      style.id = 'kamishibai-speaker';
      style.textContent =
        '.speaker-controls-notes .value { font-family: var(--deck-font), sans-serif; line-break: strict; word-break: auto-phrase; text-spacing-trim: trim-start; }';
      doc.head.append(fonts, style);
    };
    // The plugin writes the page right after opening it.
    setTimeout(dress, 0);
    setTimeout(dress, 500);
  }
  return opened;
};
