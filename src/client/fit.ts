// Fitting, the same in the live deck and on the print page (print.ts runs these in the page):
// - a heading marked `<!-- fit -->` (Marp) or `.r-fit-text` (reveal.js) is set in the size
//   that makes it fill the slide's width, between 24 px and 80 % of the slide's height, as
//   reveal.js does it live;
// - a slide marked `<!-- fit -->` on a line of its own (`section.fit`) has its content zoomed
//   out until it fits the frame; the zoom is kept in data-fit-scale for the check;
// - a code block wider than its slide, under a Marp theme that auto-scales code (Marp's own,
//   `@auto-scaling true` or `code`: section.marp-fit-code), is zoomed out to fit, as Marp does.
// Self-contained functions: page.evaluate() sends their source to the page.

export function fitTexts(root: ParentNode, slideHeight: number): void {
  for (const el of root.querySelectorAll<HTMLElement>('.r-fit-text')) {
    // The width the heading's content may take: its parent's, less its own padding and
    // borders (a theme's padded heading, teaching-fr), as Marp fits its heading's content
    // box; not the heading's own width, which a centring flex column shrinks to its text.
    const parent = el.parentElement;
    if (!parent) continue;
    const [own, outer] = [getComputedStyle(el), getComputedStyle(parent)];
    const inner = (s: CSSStyleDeclaration) => parseFloat(s.paddingLeft) + parseFloat(s.paddingRight);
    const edges = (s: CSSStyleDeclaration) => inner(s) + parseFloat(s.borderLeftWidth) + parseFloat(s.borderRightWidth);
    const available = parent.clientWidth - inner(outer) - edges(own);
    el.style.display = 'inline-block';
    el.style.whiteSpace = 'nowrap';
    // The text's own width: in a flex column (the slide body) the element itself is stretched to the full width.
    const range = document.createRange();
    range.selectNodeContents(el);
    const width = range.getBoundingClientRect().width;
    if (width <= 0 || available <= 0) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    el.style.fontSize = `${Math.max(24, Math.min(slideHeight * 0.8, (size * available) / width))}px`;
  }
}

export function fitSlides(root: ParentNode): void {
  for (const section of root.querySelectorAll<HTMLElement>('section.fit')) {
    const body = section.querySelector<HTMLElement>(':scope > .slide-body');
    if (!body) continue;
    body.style.zoom = '';
    let scale = 1;
    // Zooming out reflows the text, so measure again: a few rounds settle it.
    // Room down to the footer (or a logo the theme puts at the bottom) when the slide has one,
    // else to the body's padding. A logo at the top limits nothing.
    const frame = section.getBoundingClientRect();
    const footers = [...section.querySelectorAll<HTMLElement>(':scope > .slide-footer, :scope > .slide-logo')]
      .map((e) => e.getBoundingClientRect())
      .filter((r) => r.height > 0 && r.top + r.bottom > frame.top + frame.bottom);
    for (let round = 0; round < 8; round++) {
      const box = body.getBoundingClientRect();
      const limit = footers.length > 0 ? Math.min(...footers.map((r) => r.top)) : box.bottom - parseFloat(getComputedStyle(body).paddingBottom) * scale;
      const children = [...body.children].map((c) => c.getBoundingClientRect()).filter((r) => r.height > 0);
      if (children.length === 0) break;
      const bottom = Math.max(...children.map((r) => r.bottom));
      const right = Math.max(...children.map((r) => r.right));
      const over = Math.max((bottom - box.top) / (limit - box.top), (right - box.left) / (box.width - parseFloat(getComputedStyle(body).paddingRight) * scale));
      if (over <= 1.001) break;
      scale = Math.max(0.2, (scale / over) * 0.99);
      body.style.zoom = String(scale);
    }
    section.dataset.fitScale = scale.toFixed(3);
  }
}

export function fitCode(root: ParentNode): void {
  for (const pre of root.querySelectorAll<HTMLElement>('section.marp-fit-code pre')) {
    // Not laid out (a slide reveal.js keeps hidden): fitted when it is shown.
    if (pre.clientWidth === 0 || pre.dataset.fitted) continue;
    pre.dataset.fitted = '';
    // Zoom scales the text and its padding, not the box's width: a round or two settles it.
    // The box that scrolls may be the block or its <code> (the print page's styles differ).
    const boxes = [pre, ...pre.querySelectorAll<HTMLElement>(':scope > code')].filter((b) => b.clientWidth > 0);
    for (let round = 0, zoom = 1; round < 3; round++) {
      const over = Math.max(...boxes.map((b) => b.scrollWidth / b.clientWidth));
      if (over <= 1.001) break;
      zoom = Math.max(0.2, (zoom / over) * 0.99);
      pre.style.zoom = String(zoom);
    }
  }
}
