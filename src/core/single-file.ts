// --single-file: the deck as one self-contained HTML file (stylesheets, fonts, images, media and
// the script inlined as data) that a speaker can mail or carry on a USB stick and open from
// file:// with nothing beside it. What cannot go in (a file too large for one page, a page in
// a frame) is returned as a problem for the caller to report at its line.
import path from 'node:path';
import type { TalkFile } from './model.js';
import { contentType } from './mime.js';

/** A file inlined as base64 grows by a third, and the whole page must stay one JavaScript string (512 MB). */
export const MAX_INLINE_BYTES = 50 * 1024 * 1024;
/** All of them together (each time one is named): 200 MB as base64, with room for the page around it. */
export const MAX_TOTAL_INLINE_BYTES = 150 * 1024 * 1024;

export interface InlineProblem {
  /** The reference as the page writes it. */
  ref: string;
  /** error: the file would be broken or could not be written; warning: one link in it is broken. */
  severity: 'error' | 'warning';
  message: string;
}

const REMOTE = /^(data:|https?:|\/\/|#|mailto:)/i;
/** Media attributes inlined as data, besides <img src> and background images. */
const MEDIA = /<(?:video|audio|source|track)\b[^>]*>/g;
/** References still left to a file beside the page after inlining: a broken link in a file alone. */
const LEFT = /\b(?:src|href|poster|data-src|data-background-video|data-background-iframe)="([^"]+)"/g;

export function inlineDeck(page: string, files: TalkFile[]): { html: string; problems: InlineProblem[] } {
  const byPath = new Map(files.map((f) => [f.path, 'from' in f ? f : f.data]));
  const problems: InlineProblem[] = [];
  let inlined = 0;
  const dataUrl = (rel: string): string | undefined => {
    let key: string;
    try {
      key = path.posix.normalize(decodeURI(rel));
    } catch {
      return undefined;
    }
    const data = byPath.get(key);
    if (data === undefined) return undefined;
    const size = typeof data === 'string' ? Buffer.byteLength(data) : 'from' in data ? data.size : data.byteLength;
    if (size > MAX_INLINE_BYTES) {
      const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
      problems.push({ ref: rel, severity: 'error', message: `"${rel}" is ${mb(size)}, over the ${mb(MAX_INLINE_BYTES)} one file may have inside --single-file; make it smaller, or publish the folder (index.html) instead of the single file` });
      return undefined;
    }
    if (typeof data !== 'string' && 'from' in data) return undefined;
    if ((inlined += size) > MAX_TOTAL_INLINE_BYTES) {
      const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
      problems.push({ ref: rel, severity: 'error', message: `"${rel}" brings the files inside --single-file to ${mb(inlined)}, over the ${mb(MAX_TOTAL_INLINE_BYTES)} one page can hold; make the pictures smaller, or publish the folder (index.html) instead of the single file` });
      inlined -= size;
      return undefined;
    }
    const type = contentType(rel).replace(/;.*/, '');
    return `data:${type};base64,${Buffer.from(data).toString('base64')}`;
  };
  const css = (cssPath: string) => {
    const text = String(byPath.get(cssPath) ?? '');
    const dir = path.posix.dirname(cssPath);
    // `</style` inside CSS would end the element early.
    return text
      .replace(/url\((['"]?)([^)'"]+)\1\)/g, (m, _q: string, ref: string) => (REMOTE.test(ref) ? m : `url(${dataUrl(path.posix.join(dir, ref)) ?? ref})`))
      .replace(/<\/style/gi, '<\\/style');
  };
  const attr = (m: string, a: string, src: string, b: string) => {
    const url = REMOTE.test(src) ? undefined : dataUrl(src);
    return url ? `${a}${url}${b}` : m;
  };
  const html = page
    .replace(/<link rel="stylesheet" href="([^"]+)">/g, (_m, href: string) => `<style>${css(href)}</style>`)
    .replace(/<script src="([^"]+)"><\/script>/g, (m, src: string) => {
      const js = byPath.get(src);
      return js === undefined ? m : `<script>${String(js).replace(/<\/script/gi, '<\\/script')}</script>`;
    })
    .replace(/(<img\b[^>]*?\bsrc=")([^"]+)(")/g, attr)
    .replace(/(data-background-image=")([^"]+)(")/g, attr)
    .replace(MEDIA, (tag) => tag.replace(/(\b(?:src|poster)=")([^"]+)(")/g, attr));
  const reported = new Set(problems.map((p) => p.ref));
  for (const [, ref] of html.matchAll(LEFT)) {
    if (REMOTE.test(ref!) || reported.has(ref!) || !byPath.has(path.posix.normalize(ref!))) continue;
    reported.add(ref!);
    problems.push({ ref: ref!, severity: 'warning', message: `"${ref}" stays a link to a file beside the page: --single-file holds images, media, fonts, styles and the script, not pages in frames or linked files; publish the folder (index.html) for it` });
  }
  return { html, problems };
}
