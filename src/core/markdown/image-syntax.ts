// Image keywords in the alt text, as Marp writes them and Kamishibai reads them in every
// dialect: `![w:300](x.png)` sizes a picture, `![bg](x.png)` makes it the slide's background
// (`contain`, `cover`, `fit`, `auto` or `N%`; several side by side; `left`/`right` with an
// optional `:N%` giving that share of the slide to the picture), and CSS filters
// (`blur`, `grayscale:0.5`, `sepia`...). The words that are not keywords stay the alt text.

export interface ImageSyntax {
  alt: string;
  width?: string;
  height?: string;
  bg: boolean;
  /** background-size: cover (default), contain, auto or a percentage. */
  size?: string;
  /** A split background: the side the picture takes and its share of the slide. */
  split?: { side: 'left' | 'right'; share: string };
  /** Stack several backgrounds top to bottom instead of side by side. */
  vertical: boolean;
  filters: string[];
}

/** Marp's filter keywords and the value each takes when written alone. */
const FILTERS: Record<string, string> = {
  blur: '10px',
  brightness: '1.5',
  contrast: '2',
  'drop-shadow': '0 5px 10px rgba(0,0,0,.4)',
  grayscale: '1',
  'hue-rotate': '180deg',
  invert: '1',
  opacity: '.5',
  saturate: '2',
  sepia: '1',
};

const length = (v: string) => (/^\d+(\.\d+)?$/.test(v) ? `${v}px` : v);
const LENGTH = /^\d+(\.\d+)?(px|%|em|rem|vw|vh|cm|mm|in|pt)?$/;

export function parseImageAlt(alt: string): ImageSyntax {
  const all = alt.split(/\s+/).filter(Boolean);
  // Placement keywords only mean something on a background; elsewhere they are words.
  const bg = all.some((w) => w.toLowerCase() === 'bg');
  const result: ImageSyntax = { alt: '', bg, vertical: false, filters: [] };
  const words: string[] = [];
  for (const word of all) {
    const [key, ...rest] = word.split(':');
    const value = rest.join(':');
    const k = key!.toLowerCase();
    if ((k === 'w' || k === 'width') && LENGTH.test(value)) result.width = length(value);
    else if ((k === 'h' || k === 'height') && LENGTH.test(value)) result.height = length(value);
    else if (Object.hasOwn(FILTERS, k) && (value === '' || /^[\w.%(),# -]+$/.test(value))) result.filters.push(`${k}(${value || FILTERS[k]})`);
    else if (!bg) words.push(word);
    else if (k === 'bg' && value === '') continue;
    else if (['contain', 'cover', 'auto'].includes(k) && value === '') result.size = k;
    else if (k === 'fit' && value === '') result.size = 'contain';
    else if (/^\d+(\.\d+)?%$/.test(word)) result.size = word;
    else if ((k === 'left' || k === 'right') && (value === '' || /^\d+(\.\d+)?%$/.test(value))) result.split = { side: k, share: value || '50%' };
    else if (k === 'vertical' && value === '') result.vertical = true;
    else words.push(word);
  }
  result.alt = words.join(' ');
  return result;
}

/**
 * A background picture's CSS background-size, as Marpit gives it: its size keyword (cover
 * unless said), or with `w:` and `h:` those, each side not given taking a percentage keyword
 * or auto (`![bg w:90%]` is `90% auto`); `contain` and `cover` keep the picture whole or
 * filling, whatever the width and height say.
 */
export function backgroundSizeOf(look: Pick<ImageSyntax, 'size' | 'width' | 'height'>): string {
  const size = look.size;
  if ((size === 'contain' || size === 'cover') || (!look.width && !look.height)) return size ?? 'cover';
  return `${look.width ?? size ?? 'auto'} ${look.height ?? size ?? 'auto'}`;
}
