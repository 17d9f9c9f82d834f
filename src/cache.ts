// Rendered slides cached by the hash of everything that shapes them (the slide's Markdown,
// the deck's settings, the templates, the engine itself). A warm build renders only the
// slides that changed, which is also what makes `npm run dev` rebuild one edit fast.
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RenderedSlide } from './slides.js';

export interface SlideCache {
  get(key: string): RenderedSlide | undefined;
  set(key: string, value: RenderedSlide): void;
  /** Persist the entries used since opening; entries not used are dropped. */
  flush(): Promise<void>;
}

export const hashOf = (...parts: string[]): string => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\0');
  return h.digest('hex').slice(0, 24);
};

/** In memory only: for tests and the dev server, which keeps it between rebuilds. */
export function memoryCache(): SlideCache {
  const entries = new Map<string, RenderedSlide>();
  return { get: (k) => entries.get(k), set: (k, v) => void entries.set(k, v), flush: async () => {} };
}

/** One JSON file per deck under the cache folder. */
export async function diskCache(dir: string, deckFile: string): Promise<SlideCache> {
  const file = path.join(dir, 'slides', `${hashOf(deckFile)}.json`);
  let stored: Record<string, RenderedSlide> = {};
  try {
    stored = JSON.parse(await readFile(file, 'utf8')) as Record<string, RenderedSlide>;
  } catch {
    // No cache yet, or one from an older format: start empty.
  }
  const used = new Map<string, RenderedSlide>();
  let changed = false;
  return {
    get(key) {
      const hit = stored[key];
      if (hit) used.set(key, hit);
      return hit;
    },
    set(key, value) {
      used.set(key, value);
      changed = true;
    },
    async flush() {
      if (!changed && used.size === Object.keys(stored).length) return;
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, JSON.stringify(Object.fromEntries(used)));
    },
  };
}
