// Which folder a build may write into, and what in it a build owns. Every build leaves a
// manifest at the top of its output listing each file it wrote; the next build replaces only
// what that manifest lists and refuses a folder holding anything else. Nothing else is ever
// deleted: not a project, not a talk, not a file the user put beside the output.
import { lstat, readdir, readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { displayPath as display, isWithin } from './paths.js';

export const MANIFEST = '.kamishibai-output.json';

/** What one build wrote, relative to the output folder: each talk's files and the talk list's. */
export interface Manifest {
  talks: Record<string, string[]>;
  index: string[];
}

export const emptyManifest = (): Manifest => ({ talks: {}, index: [] });

export interface OutDirRules {
  /** The project root: neither it nor a folder above it may be the output. */
  root: string;
  /** Folders the output may neither be, be inside, nor hold: talk folders, slides/, templates/... */
  guarded: string[];
  /** Talks this build replaces; undefined for a build of every talk (the whole folder). */
  slugs?: string[];
}

/** The output folder's manifest, or why a build may not write there. */
export async function claimOutDir(outDir: string, rules: OutDirRules): Promise<{ manifest: Manifest } | { problem: string }> {
  const shown = display(outDir);
  const info = await lstat(outDir).catch(() => undefined);
  if (info && !info.isDirectory()) return { problem: `--out ${shown} is a file, not a folder; name a new or empty folder (default: dist)` };
  const real = await realOrPlanned(outDir);
  const root = await realOrPlanned(rules.root);
  if (isWithin(real, root)) {
    return { problem: `--out ${shown} is the project folder or a folder above it, which a build would replace; use a folder of its own, such as dist` };
  }
  for (const dir of rules.guarded) {
    const guarded = await realOrPlanned(dir);
    const how = real === guarded ? 'is' : isWithin(guarded, real) ? 'is inside' : isWithin(real, guarded) ? 'holds' : undefined;
    if (how) return { problem: `--out ${shown} ${how} ${display(dir)}/, which holds sources a build must not replace; use a folder of its own, such as dist` };
  }
  if (!info) return { manifest: emptyManifest() };
  const manifest = await readManifest(outDir);
  if (!manifest) {
    // Not a build's folder: its top level is enough to say so (it may be a large one, a home folder).
    const top = (await readdir(outDir)).sort();
    if (top.length === 0) return { manifest: emptyManifest() };
    return { problem: `--out ${shown} holds files that no Kamishibai build made (${sample(top)}); name a new or empty folder, or move them out` };
  }
  const present = await listFiles(outDir);
  const owned = new Set([MANIFEST, ...manifest.index, ...Object.entries(manifest.talks).flatMap(([slug, files]) => files.map((f) => `${slug}/${f}`))]);
  const replaced = rules.slugs;
  const foreign = present.filter((f) => !owned.has(f) && (!replaced || replaced.some((s) => f.startsWith(`${s}/`))));
  if (foreign.length > 0) {
    return { problem: `--out ${shown} holds files that no build made (${sample(foreign)}), which the build would delete; move them out of ${shown}/ first` };
  }
  return { manifest };
}

async function readManifest(outDir: string): Promise<Manifest | undefined> {
  try {
    const m = JSON.parse(await readFile(path.join(outDir, MANIFEST), 'utf8')) as Manifest;
    if (typeof m.talks === 'object' && m.talks && Array.isArray(m.index)) return m;
  } catch {
    // No manifest, or not ours: the folder is treated as not made by a build.
  }
  return undefined;
}

/** Every file and symlink under `dir`, relative, with forward slashes (links are not followed). */
export async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const files: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const rel = `${prefix}${e.name}`;
    if (e.isDirectory()) files.push(...(await listFiles(path.join(dir, e.name), `${rel}/`)));
    else files.push(rel);
  }
  return files;
}

/** The real path of `p`, or for a path not made yet, the real path of its nearest existing parent joined with the rest. */
async function realOrPlanned(p: string): Promise<string> {
  const abs = path.resolve(p);
  try {
    return await realpath(abs);
  } catch {
    const parent = path.dirname(abs);
    return parent === abs ? abs : path.join(await realOrPlanned(parent), path.basename(abs));
  }
}

const sample = (files: string[]) => files.slice(0, 3).join(', ') + (files.length > 3 ? `, and ${files.length - 3} more` : '');
