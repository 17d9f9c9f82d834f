// Writing cache and output files so that a reader (another build, a browser) never sees half
// of one: written beside, then renamed over. The one way files are written in the node layer.
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

export { hashOf } from './core/slide-cache.js';

export async function writeAtomic(file: string, data: Uint8Array | string): Promise<void> {
  const aside = `${file}.tmp-${process.pid}`;
  await mkdir(path.dirname(file), { recursive: true });
  try {
    await writeFile(aside, data);
    await rename(aside, file);
  } catch (e) {
    await rm(aside, { force: true });
    throw e;
  }
}
