// What `present` serves besides the talk's own files: the script that makes every audience
// browser follow the presenter, and the presenter's control page (for a phone). Plain strings:
// small, and they must work from the built folder without a bundle.

/** Runs in every audience browser: follows the presenter's slide, read-only. */
export const FOLLOW_SCRIPT = `(() => {
  const follow = () => {
    Reveal.configure({ keyboard: false, controls: false, touch: false, overview: false });
    // EventSource reconnects by itself after a phone or laptop sleeps; the first message is the current slide.
    const events = new EventSource('/__present/events');
    events.onmessage = (e) => {
      const s = JSON.parse(e.data);
      // The talk was built again: load the new page (it starts on the presenter's slide).
      if (s.reload) return location.reload();
      Reveal.slide(s.h, s.v, s.f);
    };
  };
  if (window.Reveal && Reveal.isReady()) follow();
  else window.addEventListener('load', () => Reveal.isReady() ? follow() : Reveal.on('ready', follow));
})();
`;

/** The presenter's page: next and previous, where the talk is, what comes next, the notes and a clock. */
export function controlPage(title: string, token: string): string {
  const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} (presenter)</title>
<style>
body { margin: 0; font: 17px/1.5 system-ui, sans-serif; background: #17181c; color: #eee; display: flex; flex-direction: column; min-height: 100vh; }
header { display: flex; justify-content: space-between; padding: 10px 14px; background: #24262d; font-variant-numeric: tabular-nums; }
main { flex: 1; padding: 12px 14px; overflow: auto; }
h1 { font-size: 20px; margin: 0 0 4px; } .next { color: #aaa; margin: 0 0 12px; } .notes { white-space: pre-wrap; }
nav { display: grid; grid-template-columns: 1fr 2fr; gap: 10px; padding: 10px; }
button { font: inherit; font-size: 22px; padding: 22px 0; border: 0; border-radius: 12px; background: #3a3d46; color: #fff; }
button.next-button { background: #b3261e; } .off { color: #f88; }
</style></head><body>
<header><span id="where">…</span><span id="clock">0:00</span><span id="link">connecting</span></header>
<main><h1 id="title"></h1><p class="next" id="upcoming"></p><div class="notes" id="notes"></div></main>
<nav><button id="prev">◀ Back</button><button id="next" class="next-button">Next ▶</button></nav>
<script>
const token = ${JSON.stringify(token)};
const $ = (id) => document.getElementById(id);
const started = Date.now();
setInterval(() => { const s = Math.floor((Date.now() - started) / 1000); $('clock').textContent = Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0'); }, 1000);
const go = (to) => fetch('/__present/go', { method: 'POST', headers: { 'content-type': 'application/json', 'x-present-token': token }, body: JSON.stringify({ to }) });
$('next').onclick = () => go('next');
$('prev').onclick = () => go('prev');
document.addEventListener('keydown', (e) => { if (['ArrowRight', ' ', 'PageDown'].includes(e.key)) go('next'); if (['ArrowLeft', 'PageUp'].includes(e.key)) go('prev'); });
const events = new EventSource('/__present/events?token=' + encodeURIComponent(token));
events.onopen = () => { $('link').textContent = 'live'; $('link').className = ''; };
events.onerror = () => { $('link').textContent = 'reconnecting'; $('link').className = 'off'; };
events.onmessage = (e) => {
  const s = JSON.parse(e.data);
  $('where').textContent = (s.index + 1) + ' / ' + s.total;
  $('title').textContent = s.title || ('Slide ' + (s.index + 1));
  $('upcoming').textContent = s.next ? 'Next: ' + s.next : 'The last slide';
  $('notes').textContent = s.notes || '';
};
</script></body></html>`;
}
