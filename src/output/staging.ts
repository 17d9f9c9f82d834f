// Writing output so that a failed build loses nothing: everything goes to a staging folder
// beside the destination, which replaces the old output only once every file of the new one
// is written. What is replaced is only ever what output/folder.ts found a build made.
import { constants, rmSync } from 'node:fs';
import { copyFile, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { OutputFile, TalkFile } from '../core/model.js';
import { displayPath } from '../io/paths.js';
import { writeAtomic } from '../io/store.js';

export async function writeFiles(dir: string, files: TalkFile[]): Promise<void> {
  const dirs = new Set(files.map((f) => path.dirname(path.join(dir, f.path))));
  await Promise.all([...dirs].map((d) => mkdir(d, { recursive: true })));
  // copyFile copies in the kernel (a clone where the file system can, else copy_file_range or
  // sendfile): a video never passes through memory.
  const copy = (from: string, to: string) => copyFile(from, to, constants.COPYFILE_FICLONE);
  await Promise.all(files.map((f) => ('from' in f ? copy(f.from, path.join(dir, f.path)) : writeFile(path.join(dir, f.path), f.data))));
}

/** Each file written aside, then renamed over the old one: a reader never sees half a file. */
export async function replaceFiles(dir: string, files: OutputFile[]): Promise<void> {
  await Promise.all(files.map((f) => writeAtomic(path.join(dir, f.path), f.data)));
}

/**
 * A staging folder beside `outDir`, made only by this process. The exit hook removes it if the
 * process ends before the caller does (an uncaught error); signals are the CLI's to handle.
 */
export async function createStaging(outDir: string): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = `${path.resolve(outDir)}.tmp-${process.pid}`;
  // One left by a killed build that had this process id is a build's own, and stale; so is
  // one of a build whose process is gone (SIGKILL, the OOM killer).
  await rm(dir, { recursive: true, force: true });
  await removeStaleStaging(outDir);
  // Not recursive for the folder itself: on a read-only disk that reports ENOENT, not EROFS.
  await mkdir(path.dirname(dir), { recursive: true });
  await mkdir(dir);
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

/** Staging folders beside `outDir` (<out>.tmp-<pid>) whose build no longer runs. */
async function removeStaleStaging(outDir: string): Promise<void> {
  const base = path.basename(path.resolve(outDir));
  const names = await readdir(path.dirname(path.resolve(outDir))).catch(() => [] as string[]);
  for (const name of names) {
    const pid = Number(name.startsWith(`${base}.tmp-`) ? name.slice(base.length + 5) : NaN);
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) continue;
    try {
      process.kill(pid, 0);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ESRCH') await rm(path.join(path.dirname(path.resolve(outDir)), name), { recursive: true, force: true });
    }
  }
}

/**
 * Replace `target` by `staged` (both folders), as close to atomically as the file system
 * allows. `target` holds only files a build made (checked by claimOutDir beforehand), so its
 * old copy can go. Returns a problem removing that old copy, which is not a failed build.
 */
export async function swapIn(staged: string, target: string): Promise<string | undefined> {
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
  if (!moved) return undefined;
  try {
    await rm(old, { recursive: true });
    return undefined;
  } catch (e) {
    return `the previous output was moved to ${old} but could not be removed (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); delete it by hand`;
  }
}

/** A write failure (disk full, read-only, permission) in words, with the syscall and path. */
export function writeFault(e: NodeJS.ErrnoException): string {
  const what: Record<string, string> = {
    ENOSPC: 'the disk is full',
    EDQUOT: 'the disk quota is used up',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EROFS: 'the file system is read-only',
  };
  return `${what[e.code ?? ''] ?? e.code} (${[e.syscall, e.path && displayPath(e.path)].filter(Boolean).join(' ')})`;
}
