// Writing cache and exported files so that a reader (another build, a browser) never sees
// half of one: written beside, then renamed over. Every cache and export writes through it;
// only the staging folder, which nobody reads until it is swapped in, is written directly.
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

export { hashOf } from '../core/slide-cache.js';

/** Writes this process has begun: each has its own file aside, so that two at once (two builds in one process) do not take each other's. */
let writes = 0;

export async function writeAtomic(file: string, data: Uint8Array | string): Promise<void> {
  const aside = `${file}.tmp-${process.pid}-${++writes}`;
  await mkdir(path.dirname(file), { recursive: true });
  try {
    await writeFile(aside, data);
    await rename(aside, file);
  } catch (e) {
    await rm(aside, { force: true });
    throw e;
  }
}
