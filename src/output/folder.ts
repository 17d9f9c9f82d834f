// Which folder a build may write into, and what in it a build owns. Every build leaves a
// manifest at the top of its output listing each file it wrote; the next build replaces only
// what that manifest lists and refuses a folder holding anything else. Nothing else is ever
// deleted: not a project, not a talk, not a file the user put beside the output. The manifest
// is read as untrusted (the output may come from a zip, a CI artifact, a commit): a path in it
// that would leave the folder makes the folder not a build's.
import { existsSync } from 'node:fs';
import { lstat, readdir, readFile, readlink, realpath } from 'node:fs/promises';
import path from 'node:path';
import { displayPath as display, isWithin } from '../io/paths.js';
import { isInsidePath } from '../core/outputs.js';

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
  /** Project folders the output may neither be, be inside, nor hold: slides/, templates/, src/... */
  guarded: string[];
  /** The decks' own folders: the output may neither be nor hold one, but may be a folder of its own inside one. */
  deckDirs: string[];
  /** Talks this build replaces; undefined for a build of every talk (the whole folder). */
  slugs?: string[];
  /** Where a folder to use instead of a refused one is looked for (default: root). */
  near?: string;
}

type Claim = { manifest: Manifest } | { problem: string };

/**
 * The default output folder: dist in the project; for decks from one folder outside it (or
 * outside any project: no slides/, no config), dist beside them, where `marp talk.md` would
 * put its output too.
 */
export function defaultOutDir(root: string, decks: string[]): string {
  const project = ['slides', 'kamishibai.config.ts'].some((f) => existsSync(path.join(root, f)));
  const dirs = new Set(decks.map((d) => path.dirname(d)));
  // Decks from elsewhere on disk (`npx kamishibai build ~/talk.md` from the project) are loose decks too.
  const loose = !project || decks.every((d) => !isWithin(root, d));
  return path.join(loose && dirs.size === 1 ? [...dirs][0]! : root, 'dist');
}

/** The output folder's manifest, or why a build may not write there, with a folder it may write into. */
export async function claimOutDir(outDir: string, rules: OutDirRules): Promise<Claim> {
  const claim = await inspect(outDir, rules);
  if ('manifest' in claim) return claim;
  // A folder in a wrong place: one in the project (or beside the deck); a folder holding the wrong files: one beside it.
  const near = claim.place ? (rules.near ?? rules.root) : path.dirname(path.resolve(outDir));
  for (const name of ['dist', 'out', 'dist-2', 'dist-3', 'kamishibai-out']) {
    const other = path.join(near, name);
    if (other !== path.resolve(outDir) && 'manifest' in (await inspect(other, rules))) return { problem: claim.problem(display(other)) };
  }
  return { problem: claim.problem('a new folder') };
}

/** Why not, as a message that ends with another folder to use (`instead`). */
type Refusal = { problem: (instead: string) => string; place?: boolean };

async function inspect(outDir: string, rules: OutDirRules): Promise<{ manifest: Manifest } | Refusal> {
  const shown = display(outDir);
  const info = await lstat(outDir).catch(() => undefined);
  if (info && !info.isDirectory()) return { problem: (s) => `--out ${shown} is a file, not a folder; name a new or empty folder, such as ${s}` };
  const place = await placeProblem(outDir, rules);
  if (place) return { problem: (s) => `--out ${shown} ${place}; use a folder of its own, such as ${s}`, place: true };
  if (!info) return { manifest: emptyManifest() };
  const manifest = await readManifest(outDir);
  const top = (await readdir(outDir)).sort();
  if (top.length === 0) return { manifest: emptyManifest() };
  if (manifest === undefined) {
    // Not a build's folder: its top level is enough to say so (it may be a large one, a home folder).
    return { problem: (s) => `--out ${shown} holds files that no Kamishibai build made (${sample(top)}); name a new or empty folder, such as ${s}, or move them out` };
  }
  if (typeof manifest === 'string') {
    return { problem: (s) => `--out ${shown} has an output list (${MANIFEST}) naming "${manifest}", outside the folder, which no build writes; empty the folder, or use a new one such as ${s}` };
  }
  const { files, links } = await listEntries(outDir);
  if (links.length > 0) {
    const first = `${links[0]} -> ${await readlink(path.join(outDir, links[0]!))}`;
    return { problem: (s) => `--out ${shown} holds a link (${first}), which no build makes and a build could write through; remove it, or use a new folder such as ${s}` };
  }
  const owned = new Set([MANIFEST, ...manifest.index, ...Object.entries(manifest.talks).flatMap(([slug, list]) => list.map((f) => `${slug}/${f}`))]);
  const replaced = rules.slugs;
  const foreign = files.filter((f) => !owned.has(f) && (!replaced || replaced.some((s) => f.startsWith(`${s}/`))));
  if (foreign.length > 0) {
    return { problem: (s) => `--out ${shown} holds files that no build made (${sample(foreign)}), which the build would delete; move them out of ${shown}/ first, or build into a new folder such as ${s}` };
  }
  return { manifest };
}

/** Why the output may not be at this place: the project or above it, a project folder, or a deck's folder. */
async function placeProblem(outDir: string, rules: OutDirRules): Promise<string | undefined> {
  const real = await realOrPlanned(outDir);
  if (isWithin(real, await realOrPlanned(rules.root))) return 'is the project folder or a folder above it, which a build would replace';
  for (const dir of [...rules.guarded, ...rules.deckDirs]) {
    const guarded = await realOrPlanned(dir);
    // Inside a deck's folder is allowed: the folder is checked below to be a build's own, or new.
    const inside = isWithin(guarded, real) && !rules.deckDirs.includes(dir);
    const how = real === guarded ? 'is' : inside ? 'is inside' : isWithin(real, guarded) ? 'holds' : undefined;
    if (how) return `${how} ${display(dir)}/, which holds sources a build must not replace`;
  }
  return undefined;
}

/** The manifest; undefined when there is none (or it is not ours); the first path in it that leaves the folder. */
async function readManifest(outDir: string): Promise<Manifest | string | undefined> {
  let m: Manifest;
  try {
    m = JSON.parse(await readFile(path.join(outDir, MANIFEST), 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
  if (typeof m !== 'object' || !m || typeof m.talks !== 'object' || !m.talks || !Array.isArray(m.index)) return undefined;
  for (const [slug, files] of Object.entries(m.talks)) {
    if (!isInsidePath(slug) || slug.includes('/')) return slug;
    if (!Array.isArray(files)) return undefined;
    const bad = files.find((f) => !isInsidePath(f));
    if (bad !== undefined) return `${slug}/${String(bad)}`;
  }
  const bad = m.index.find((f) => !isInsidePath(f) || f === MANIFEST);
  return bad === undefined ? m : String(bad);
}

/** Every file and every link under `dir`, relative, with forward slashes (links are not followed). */
async function listEntries(dir: string, prefix = '', found = { files: [] as string[], links: [] as string[] }) {
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const rel = `${prefix}${e.name}`;
    if (e.isDirectory()) await listEntries(path.join(dir, e.name), `${rel}/`, found);
    else if (e.isSymbolicLink()) found.links.push(rel);
    else found.files.push(rel);
  }
  return found;
}

/** The real path of `p`, or for a path not made yet, the real path of its nearest existing parent joined with the rest. */
export async function realOrPlanned(p: string): Promise<string> {
  const abs = path.resolve(p);
  try {
    return await realpath(abs);
  } catch {
    const parent = path.dirname(abs);
    return parent === abs ? abs : path.join(await realOrPlanned(parent), path.basename(abs));
  }
}

const sample = (files: string[]) => files.slice(0, 3).join(', ') + (files.length > 3 ? `, and ${files.length - 3} more` : '');
