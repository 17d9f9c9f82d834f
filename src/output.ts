// Writing output so that a failed build loses nothing: everything goes to a staging folder
// beside the destination, which replaces the old output only once the build has succeeded.
import { rmSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { OutputFile } from './assets.js';

export async function writeFiles(dir: string, files: OutputFile[]): Promise<void> {
  const dirs = new Set(files.map((f) => path.dirname(path.join(dir, f.path))));
  await Promise.all([...dirs].map((d) => mkdir(d, { recursive: true })));
  await Promise.all(files.map((f) => writeFile(path.join(dir, f.path), f.data)));
}

/**
 * A staging folder beside `outDir`. If the process ends before the caller removes it (Ctrl-C
 * during an export exits from Puppeteer's signal handler), an exit hook removes it.
 */
export async function createStaging(outDir: string): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = `${path.resolve(outDir)}.tmp-${process.pid}`;
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const onExit = () => rmSync(dir, { recursive: true, force: true });
  process.once('exit', onExit);
  return {
    dir,
    async remove() {
      process.off('exit', onExit);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Replace `target` by `staged` (both folders), as close to atomically as the file system allows. */
export async function swapIn(staged: string, target: string): Promise<void> {
  const old = `${target}.old-${process.pid}`;
  await mkdir(path.dirname(target), { recursive: true });
  let moved = false;
  try {
    await rename(target, old);
    moved = true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  try {
    await rename(staged, target);
  } catch (e) {
    if (moved) await rename(old, target);
    throw e;
  }
  if (moved) await rm(old, { recursive: true, force: true });
}
