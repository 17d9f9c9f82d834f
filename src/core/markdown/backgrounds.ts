// Marp's background pictures (`![bg](x.png)`) moved out of the slide's flow into a layer behind it.
import { parseDocument } from 'htmlparser2';
import { isTag, isText, type Element, type ParentNode } from 'domhandler';
import { appendChild, findAll, prepend, removeElement } from 'domutils';

/**
 * Background pictures (`![bg](x.png)`, image-syntax.ts) leave the flow for a layer behind
 * the slide: side by side (or stacked with `vertical`), on one side of the slide with
 * `left`/`right`, the content then taking the rest. Their files were collected above.
 */
export function placeBackgrounds(doc: ParentNode, result: { attrs: Record<string, string> }): void {
  const images = findAll((e) => e.name === 'img' && e.attribs['data-bg'] !== undefined, doc.children);
  if (images.length === 0) return;
  const split = images.map((img) => img.attribs['data-bg-split']).find(Boolean);
  const [side, share] = split ? split.split(':') : [];
  const vertical = images.some((img) => img.attribs['data-bg-vertical'] !== undefined);
  const figures = images.map((img) => {
    const style = `background-image:url(&quot;${img.attribs.src ?? ''}&quot;);background-size:${img.attribs['data-bg']};${img.attribs.style ?? ''}`;
    const label = img.attribs.alt ? ` role="img" aria-label="${img.attribs.alt}"` : '';
    return `<figure style="${style}"${label}></figure>`;
  });
  for (const img of images) {
    const parent = img.parent;
    removeElement(img);
    // A paragraph that held only pictures (and the line breaks between them) goes too.
    if (parent && isTag(parent) && parent.name === 'p' && parent.children.every((c) => (isText(c) && c.data.trim() === '') || (isTag(c) && c.name === 'br'))) removeElement(parent);
  }
  const layer = parseDocument(`<div class="slide-bg${side ? ` slide-bg-${side}` : ''}${vertical ? ' slide-bg-vertical' : ''}">${figures.join('')}</div>`, { decodeEntities: false }).children[0]!;
  if (doc.children.length > 0) prepend(doc.children[0]!, layer);
  else appendChild(doc as Element, layer);
  result.attrs.class = [result.attrs.class, 'has-bg', side && `bg-split bg-${side}`].filter(Boolean).join(' ');
  if (share) result.attrs.style = [result.attrs.style, `--bg-split:${share}`].filter(Boolean).join(';');
}
