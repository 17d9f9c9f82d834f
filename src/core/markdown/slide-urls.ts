// The files and addresses a slide's HTML loads, sorted for the checks: local files to copy,
// file: URLs to refuse, remote addresses to warn about (attributes, srcset, style="", a slide's
// own <style>, reveal.js's background attributes).
import { findAll, textContent } from 'domutils';
import type { ParentNode } from 'domhandler';
import { decodeHTML } from 'entities';
import { cssUrls } from '../css-urls.js';

export interface SlideUrls {
  /** Local files the slide refers to (images, media, embedded pages, backgrounds), as written. */
  assets: string[];
  /** file: URLs anywhere a URL goes: never allowed, a deck may only use its own folder. */
  fileUrls: string[];
  /** Images and backgrounds the slide would fetch from the network. */
  remote: string[];
}

/** Whether a URL names a file beside the deck (no scheme, not protocol-relative, not a fragment). */
export function isLocalUrl(url: string): boolean {
  return url !== '' && !/^([a-z][a-z0-9+.-]*:|\/\/|#)/i.test(url);
}

/** Whether a URL is fetched from the network (http, https, or protocol-relative `//host`). */
export function isRemoteUrl(url: string): boolean {
  return /^(https?:)?\/\//i.test(url);
}

/** Attributes whose URL the page loads: these files are copied with the deck. */
const LOADED = new Set(['src', 'data', 'poster', 'data-src', 'data-background-image', 'data-background-video', 'data-background-iframe']);

/** Every URL the slide loads, sorted: local files to copy, file: URLs to refuse, remote ones to warn about. */
export function urlsOf(doc: ParentNode, attrs: Record<string, string>): SlideUrls {
  const found: SlideUrls = { assets: [], fileUrls: [], remote: [] };
  // Attribute values as written in the HTML: `&amp;` in a file name is `&` on disk.
  const use = (written: string) => {
    const url = decodeHTML(written);
    if (/^\s*file:/i.test(url)) found.fileUrls.push(url.trim());
    else if (isLocalUrl(url)) found.assets.push(url);
    // A scheme without slashes (`https:host/x`) is still fetched from that host.
    else if (/^\s*(https?:|wss?:|\/\/)/i.test(url)) found.remote.push(url);
  };
  for (const el of findAll(() => true, doc.children)) {
    for (const [name, value] of Object.entries(el.attribs)) {
      if (LOADED.has(name)) use(value);
      else if (name === 'srcset') for (const candidate of value.split(',')) use(candidate.trim().split(/\s+/)[0] ?? '');
      else if (name === 'style') for (const url of cssUrls(decodeHTML(value))) use(url);
      else if (/^\s*file:/i.test(value)) found.fileUrls.push(value.trim());
    }
    // A slide's own <style> loads what its CSS names, as css: and style: do: checked the same way.
    if (el.name === 'style') for (const url of cssUrls(textContent(el))) use(url);
  }
  for (const key of ['data-background-image', 'data-background-video', 'data-background-iframe']) {
    const v = attrs[key];
    if (v) use(v);
  }
  // A gradient is CSS (reveal.js sets it as the background): a url() in it is loaded.
  if (attrs['data-background-gradient']) for (const url of cssUrls(attrs['data-background-gradient'])) use(url);
  // The legacy data-background holds a colour or a file; a file names its kind by extension.
  const legacy = attrs['data-background'];
  if (legacy && /\.(png|jpe?g|gif|svg|webp|avif|mp4|webm|html?)([?#].*)?$/i.test(legacy)) use(legacy);
  for (const [key, v] of Object.entries(attrs)) if (/^\s*file:/i.test(v) && !key.startsWith('data-background-')) found.fileUrls.push(v.trim());
  return found;
}
