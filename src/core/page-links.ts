// What a page embedded in a deck (<iframe src="demo/index.html">) loads and links in turn:
// its scripts, stylesheets, images and media, the url()s and @imports of its CSS, and the
// local pages it links to. Each is published with the deck, so each must be a file inside
// the talk's folder, like the files a slide names.
import path from 'node:path';
import { Parser } from 'htmlparser2';
import { isLocalUrl, isRemoteUrl } from './markdown/slide-urls.js';
import { cssUrls } from './css-urls.js';

export interface PageLinks {
  /** Local files, relative to the talk's folder as the page names them (may climb out with ..). */
  local: string[];
  /** URLs the page would fetch from the network when shown. */
  remote: string[];
  /** file: URLs, which no deck may use. */
  fileUrls: string[];
}

const LOADED = new Set(['src', 'data', 'poster', 'data-src', 'background']);
export const isPage = (name: string) => /\.html?([?#].*)?$/i.test(name);
export const isStylesheet = (name: string) => /\.css([?#].*)?$/i.test(name);

/** The files `text` (an HTML page or a stylesheet at `rel` in the talk's folder) names. */
export function pageLinks(text: string, rel: string): PageLinks {
  const found: PageLinks = { local: [], remote: [], fileUrls: [] };
  const dir = path.posix.dirname(rel);
  // loaded: fetched when the page shows (a remote one is a warning); a plain link is not.
  const use = (raw: string, loaded: boolean) => {
    const url = raw.trim();
    if (/^file:/i.test(url)) found.fileUrls.push(url);
    else if (isLocalUrl(url) && !url.startsWith('data:')) found.local.push(url.startsWith('/') ? url : path.posix.join(dir, url));
    else if (loaded && isRemoteUrl(url)) found.remote.push(url);
  };
  const css = (sheet: string) => {
    for (const url of cssUrls(sheet)) use(url, true);
  };
  if (isStylesheet(rel)) {
    css(text);
    return found;
  }
  let inStyle = false;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        inStyle = name === 'style';
        for (const [key, value] of Object.entries(attrs)) {
          if (LOADED.has(key)) use(value, true);
          else if (key === 'srcset') for (const candidate of value.split(',')) use(candidate.trim().split(/\s+/)[0] ?? '', true);
          else if (key === 'href' && name === 'link') use(value, true);
          else if (key === 'href' && (name === 'a' || name === 'area') && !value.startsWith('#')) use(value, false);
          else if (key === 'style') css(value);
        }
      },
      ontext(t) {
        if (inStyle) css(t);
      },
      onclosetag() {
        inStyle = false;
      },
    },
    { decodeEntities: true },
  );
  parser.end(text);
  return found;
}
