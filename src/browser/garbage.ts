// Blink's own objects (the layouts and styles of pages shown and hidden again, the pages a
// print lays out) are collected with V8's heap, and a deck's scripts barely fill that heap:
// over thousands of slides nothing asks for a collection. On a 10,000-slide deck (--large)
// Chromium's renderer grew to 2.0 GB; with a collection every 1,000 slides it stays near
// 1.2 GB, for 25-50 % more time (each collection takes 0.6-1.2 s on two cores, and the work
// after one is slower too). 3,000 slides without collections peak at ~0.6 GB, with them at
// ~0.55 GB and 30 % slower: so only a deck past COLLECT_PAST slides pays for them.
import type { Page } from 'puppeteer-core';

/** Slides (or printed pages) of work between two collections. */
export const WORK_PER_COLLECTION = 1_000;
/** Decks of more slides than this collect (--large ones only: the usual limit is 2,000). */
export const COLLECT_PAST = 5_000;

/** A full collection, asked over the DevTools protocol (a deck's script cannot stop it). */
export async function collectGarbage(page: Page): Promise<void> {
  const cdp = await page.createCDPSession();
  try {
    await cdp.send('HeapProfiler.collectGarbage');
  } finally {
    await cdp.detach();
  }
}

/** After `done` of `total` units of work, in steps of `step`: whether a collection is due before the rest. */
export function collectionDue(done: number, step: number, total: number): boolean {
  if (total <= COLLECT_PAST || done >= total) return false;
  return Math.floor(done / WORK_PER_COLLECTION) > Math.floor((done - step) / WORK_PER_COLLECTION);
}
