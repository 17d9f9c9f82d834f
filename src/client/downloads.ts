// The corner links to the PDFs: out of sight while the talk is presented (a projector shows
// no links), in sight for a reader who moves the pointer, taps, or tabs to them. In
// fullscreen, which is how a talk is presented, they stay hidden.
const SHOWN_FOR_MS = 3000;

export function revealDownloadsOnPointer(doc: Document): void {
  const nav = doc.querySelector<HTMLElement>('.deck-downloads');
  if (!nav) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const show = () => {
    if (doc.fullscreenElement) return;
    nav.classList.add('shown');
    clearTimeout(timer);
    timer = setTimeout(() => nav.classList.remove('shown'), SHOWN_FOR_MS);
  };
  doc.addEventListener('pointermove', show, { passive: true });
  doc.addEventListener('pointerdown', show, { passive: true });
  doc.addEventListener('fullscreenchange', () => {
    if (doc.fullscreenElement) nav.classList.remove('shown');
  });
}
