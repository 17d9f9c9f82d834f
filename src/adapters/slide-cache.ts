// The slide cache on disk: one JSON file per deck under the cache folder (io/store.ts writes it
// atomically, so a build running beside this one never reads half a file).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SlideCache } from '../core/slide-cache.js';
import { hashOf, writeAtomic } from '../io/store.js';
import type { RenderedSlide } from '../core/slides.js';

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
      await writeAtomic(file, JSON.stringify(Object.fromEntries(used)));
    },
  };
}
