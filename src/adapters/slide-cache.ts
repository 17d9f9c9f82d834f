// The slide cache on disk: one JSON file per deck under the cache folder (io/store.ts writes it
// atomically, so a build running beside this one never reads half a file).
import type { SlideCache } from '../core/slide-cache.js';
import { cacheStore, hashOf } from '../io/store.js';
import type { RenderedSlide } from '../core/slides.js';

/** One JSON file per deck under the cache folder. */
export async function diskCache(dir: string, deckFile: string): Promise<SlideCache> {
  const store = cacheStore(dir);
  const key = hashOf(deckFile);
  // No cache yet, or one from an older format: start empty.
  const stored = (await store.getJson<Record<string, RenderedSlide>>('slides', key)) ?? {};
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
      await store.putJson('slides', key, Object.fromEntries(used));
    },
  };
}
