// The speaker view is a window reveal.js's notes plugin writes itself, in Helvetica, with the
// notes in 40 % of its width under a large clock: at the size it opens (1100 x 700) a note of
// 200 Japanese characters ran out of the window on most slides of our talk. Here it gets the deck's
// fonts, language and phrase-aware line breaks; the plugin's "wide" layout (notes the full
// width under both slides) unless the speaker picked another; a compact clock; and notes set
// as large as fits the pane, never under NOTES_MIN_PX, so a note is read without scrolling.

const NOTES_MAX_PX = 26;
const NOTES_MIN_PX = 15;

const STYLE = `
.speaker-controls-notes .value { font-family: var(--deck-font), sans-serif; line-height: 1.45; line-break: strict; word-break: auto-phrase; text-spacing-trim: trim-start; }
body[data-speaker-layout="wide"] #speaker-controls { top: 45%; height: 55%; font-size: 18px; }
.speaker-controls-time { padding: 6px 16px 8px; margin-bottom: 4px; }
.speaker-controls-time .timer, .speaker-controls-time .clock,
.speaker-controls-time .pacing .hours-value, .speaker-controls-time .pacing .minutes-value, .speaker-controls-time .pacing .seconds-value { font-size: 1.4em; }
.speaker-controls-notes { padding: 4px 16px; }
`;

export function dressSpeakerView(): void {
  const openWindow = window.open.bind(window);
  window.open = (...args: Parameters<typeof window.open>) => {
    const speakerView = String(args[1] ?? '').includes('Notes');
    if (speakerView) preferWideLayout();
    const opened = openWindow(...args);
    if (opened && speakerView) {
      // The plugin writes the page right after opening it.
      setTimeout(() => dress(opened), 0);
      setTimeout(() => dress(opened), 500);
    }
    return opened;
  };
}

function dress(opened: Window) {
  const doc = opened.document;
  if (!doc.head || doc.getElementById('kamishibai-speaker')) return;
  doc.documentElement.lang = document.documentElement.lang;
  const fonts = doc.createElement('link');
  fonts.rel = 'stylesheet';
  fonts.href = new URL('assets/fonts.css', document.baseURI).href;
  const style = doc.createElement('style');
  style.id = 'kamishibai-speaker';
  style.textContent = STYLE;
  doc.head.append(fonts, style);
  const notes = doc.querySelector<HTMLElement>('.speaker-controls-notes .value');
  const pane = doc.getElementById('speaker-controls');
  if (!notes || !pane) return;
  const fit = () => fitNotes(notes, pane);
  // New notes on every slide change; a resized window or a new layout changes the room.
  new MutationObserver(fit).observe(notes, { childList: true, characterData: true, subtree: true });
  new (opened as Window & typeof globalThis).ResizeObserver(fit).observe(pane);
  void doc.fonts.ready.then(fit);
  fit();
}

/** The largest notes size, NOTES_MIN_PX to NOTES_MAX_PX, at which the pane does not scroll. */
function fitNotes(notes: HTMLElement, pane: HTMLElement) {
  let low = NOTES_MIN_PX;
  let high = NOTES_MAX_PX;
  const fits = (px: number) => {
    notes.style.fontSize = `${px}px`;
    return pane.scrollHeight <= pane.clientHeight;
  };
  if (fits(high)) return;
  // Binary search on whole pixels: at most five layouts a slide change.
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (fits(mid)) low = mid;
    else high = mid;
  }
  notes.style.fontSize = `${low}px`;
}

function preferWideLayout() {
  try {
    if (!localStorage.getItem('reveal-speaker-layout')) localStorage.setItem('reveal-speaker-layout', 'wide');
  } catch {
    // No storage (a locked-down browser): the plugin's default layout.
  }
}
