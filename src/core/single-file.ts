// --single-file: the deck as one self-contained HTML file (stylesheets, fonts, images and
// the script inlined as data) that a speaker can mail or carry on a USB stick and open
// from file:// with nothing beside it.
import path from 'node:path';
import type { OutputFile } from './model.js';
import { contentType } from './mime.js';


export function inlineDeck(page: string, files: OutputFile[]): string {
  const byPath = new Map(files.map((f) => [f.path, f.data]));
  const dataUrl = (rel: string): string | undefined => {
    const data = byPath.get(path.posix.normalize(decodeURI(rel)));
    if (data === undefined) return undefined;
    const type = contentType(rel).replace(/;.*/, '');
    return `data:${type};base64,${Buffer.from(data).toString('base64')}`;
  };
  const css = (cssPath: string) => {
    const text = String(byPath.get(cssPath) ?? '');
    const dir = path.posix.dirname(cssPath);
    // `</style` inside CSS would end the element early.
    return text
      .replace(/url\((['"]?)([^)'"]+)\1\)/g, (m, _q: string, ref: string) => (/^(data:|https?:|#)/.test(ref) ? m : `url(${dataUrl(path.posix.join(dir, ref)) ?? ref})`))
      .replace(/<\/style/gi, '<\\/style');
  };
  return page
    .replace(/<link rel="stylesheet" href="([^"]+)">/g, (_m, href: string) => `<style>${css(href)}</style>`)
    .replace(/<script src="([^"]+)"><\/script>/g, (m, src: string) => {
      const js = byPath.get(src);
      return js === undefined ? m : `<script>${String(js).replace(/<\/script/gi, '<\\/script')}</script>`;
    })
    .replace(/(<img\b[^>]*?\bsrc=")([^"]+)(")/g, (m, a: string, src: string, b: string) => {
      const url = /^(data:|https?:)/.test(src) ? undefined : dataUrl(src);
      return url ? `${a}${url}${b}` : m;
    })
    .replace(/(data-background-image=")([^"]+)(")/g, (m, a: string, src: string, b: string) => {
      const url = /^(data:|https?:)/.test(src) ? undefined : dataUrl(src);
      return url ? `${a}${url}${b}` : m;
    });
}
