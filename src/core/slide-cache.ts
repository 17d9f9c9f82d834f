// Rendered slides cached by the hash of everything that shapes them (the slide's Markdown,
// the deck's settings, the templates, the engine itself). A warm build renders only the
// slides that changed, which is also what makes `npm run dev` rebuild one edit fast.
// The store itself is the caller's: in memory here, on disk in adapters/slide-cache.ts.
import { createHash } from 'node:crypto';
import type { RenderedSlide } from './slides.js';

export interface SlideCache {
  get(key: string): RenderedSlide | undefined;
  set(key: string, value: RenderedSlide): void;
  /** Persist the entries used since opening; entries not used are dropped. */
  flush(): Promise<void>;
}

/** The one hash of the project: of strings and bytes, each part delimited, 24 hex digits. */
export const hashOf = (...parts: (string | Uint8Array)[]): string => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\0');
  return h.digest('hex').slice(0, 24);
};

/** In memory only: for tests and the dev server, which keeps it between rebuilds. */
export function memoryCache(): SlideCache {
  const entries = new Map<string, RenderedSlide>();
  return { get: (k) => entries.get(k), set: (k, v) => void entries.set(k, v), flush: async () => {} };
}

