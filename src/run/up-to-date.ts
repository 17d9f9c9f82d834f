// Which talks a build may leave as they are. Each talk's output holds made-from.json: one hash
// of everything its files were made from: the engine (its source, package-lock.json, the
// templates, themes and fonts.json: env.engineHash), the project config, the build's options,
// the browser, and every file in the talk's folder, which is all a deck can reach (adapters/confine.ts).
// A talk whose hash is unchanged and whose listed files are all there is up to date: the build
// carries its files over untouched (hard links) instead of building it again.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, link, lstat, mkdir, readdir, readFile, readlink, stat } from 'node:fs/promises';
import path from 'node:path';
import type { OutputFile } from '../adapters/assets.js';
import type { BuildEnv, TalkSource } from '../core/model.js';
import type { Manifest } from '../output/folder.js';
import { isWithin } from '../io/paths.js';
import { findBrowser } from '../browser/find.js';

export { MADE_FROM } from '../core/outputs.js';
import { MADE_FROM } from '../core/outputs.js';

/** A talk folder bigger than this (a loose deck in a home folder) is built every time. */
const MAX_FILES = 5000;
const MAX_BYTES = 1 << 30;

/** What a build is told, beyond the talk's folder, that can change a talk's files. */
export interface BuildSettings {
  env: BuildEnv;
  /** Options that change output: flags, PDFs or not, the site's address... */
  options: Record<string, unknown>;
  /** --browser-path: the browser that prints and draws diagrams (else the one found). */
  browserPath?: string;
  /** Folders inside a talk's folder that are the build's, not the deck's (the output, the cache). */
  skip: string[];
}

/**
 * The build options that change a talk's files (BuildOptions' fields of those names), and two
 * that change what a build accepts: --strict (a talk left as it was made without it may hold
 * warnings --strict must fail on) and --large (a deck over the usual limits must be refused
 * again without it).
 */
export function outputOptions(o: { handout?: boolean; pdfFragments?: boolean; png?: boolean; singleFile?: boolean; notes?: boolean; baseUrl?: string; deck?: object; dialect?: string; strict?: boolean; fileRoot?: string; large?: boolean }, exporting: boolean): Record<string, unknown> {
  return { exporting, handout: o.handout ?? true, fragments: !!o.pdfFragments, png: !!o.png, singleFile: !!o.singleFile, notes: !!o.notes, baseUrl: o.baseUrl, deck: o.deck, dialect: o.dialect, strict: !!o.strict, fileRoot: o.fileRoot, large: !!o.large };
}

export interface RebuildPlan {
  /** Each talk's recipe, to record in its output; none for a folder too big to hash. */
  recipes: Map<string, string | undefined>;
  /** The talks whose output is up to date. */
  fresh: Set<string>;
  /** Their files, as the output folder's manifest lists them. */
  listed: Record<string, string[]>;
  /** The talk list's files are all there (else a build with every talk up to date writes it again). */
  listWhole: boolean;
}

/** Which talks need building; with `force`, all of them (their recipes still recorded). */
export async function planRebuild(talks: TalkSource[], outDir: string, manifest: Manifest, settings: BuildSettings, force: boolean): Promise<RebuildPlan> {
  const common = await commonRecipe(settings);
  const recipes = new Map<string, string | undefined>();
  const fresh = new Set<string>();
  for (const talk of talks) {
    const recipe = await talkRecipe(talk, common, settings.skip);
    recipes.set(talk.slug, recipe);
    if (!force && (await isUpToDate(outDir, manifest, talk.slug, recipe))) fresh.add(talk.slug);
  }
  const listWhole = manifest.index.length > 0 && (await Promise.all(manifest.index.map((f) => lstat(path.join(outDir, f)).then((s) => s.isFile(), () => false)))).every(Boolean);
  return { recipes, fresh, listed: freshOnly(manifest, fresh).talks, listWhole };
}

/** The manifest's entries for the talks up to date. */
export const freshOnly = (m: Manifest, fresh: Set<string> = new Set()): Manifest => ({ talks: Object.fromEntries(Object.entries(m.talks).filter(([slug]) => fresh.has(slug))), index: [] });

/** The hash of everything but the talk's own folder: the same for every talk of one build. */
async function commonRecipe(s: BuildSettings): Promise<string> {
  // A --browser-path that is not there is never up to date: the build must say so.
  if (s.browserPath && !existsSync(s.browserPath)) return `missing browser ${Date.now()} ${Math.random()}`;
  const found = findBrowser({ flag: s.browserPath });
  const browser = found ? await stat(found).then((st) => `${found}:${st.size}:${st.mtimeMs}`, () => found) : '';
  return sha256(JSON.stringify([s.env.engineHash ?? '', s.env.projectDeck ?? {}, s.options, browser]));
}

/** The talk's recipe, or undefined when its folder is too big to hash on every build. */
async function talkRecipe(talk: TalkSource, common: string, skip: string[]): Promise<string | undefined> {
  const dir = path.dirname(talk.file);
  const hash = createHash('sha256').update(common).update(`\0${talk.slug}\0${path.basename(talk.file)}\0`);
  const budget = { files: MAX_FILES, bytes: MAX_BYTES };
  return (await hashTree(dir, dir, skip, hash, budget)) ? hash.digest('hex') : undefined;
}

/** Every entry of `dir`, in name order: names, link targets and contents. False when over budget. */
async function hashTree(root: string, dir: string, skip: string[], hash: ReturnType<typeof createHash>, budget: { files: number; bytes: number }): Promise<boolean> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const p = path.join(dir, e.name);
    // The output and what a build makes beside it while it writes (staging, lock, old copy).
    if (skip.some((s) => isWithin(s, p) || (p.startsWith(s) && /^\.(tmp|old)-\d+$|^\.lock$/.test(p.slice(s.length))))) continue;
    if (--budget.files < 0) return false;
    hash.update(`${path.relative(root, p)}\0`);
    if (e.isSymbolicLink()) {
      // A link is followed when a deck names it, if it stays inside (confine.ts): its target and what it leads to.
      hash.update(`-> ${await readlink(p)}\0`);
      const st = await stat(p).catch(() => undefined);
      if (st?.isFile()) {
        if ((budget.bytes -= st.size) < 0) return false;
        hash.update(await readFile(p));
      }
    } else if (e.isDirectory()) {
      if (!(await hashTree(root, p, skip, hash, budget))) return false;
    } else if (e.isFile()) {
      // Sized before it is read: a 2 GiB video is over budget, never loaded.
      if ((budget.bytes -= (await lstat(p)).size) < 0) return false;
      const data = await readFile(p);
      hash.update(`${data.length}\0`).update(data);
    }
  }
  return true;
}

/** Whether the talk's output in `outDir` was made from `recipe` and is all there. */
async function isUpToDate(outDir: string, manifest: Manifest, slug: string, recipe: string | undefined): Promise<boolean> {
  const files = manifest.talks[slug];
  if (!recipe || !files?.includes(MADE_FROM)) return false;
  try {
    const made = JSON.parse(await readFile(path.join(outDir, slug, MADE_FROM), 'utf8')) as { recipe?: unknown };
    if (made.recipe !== recipe) return false;
    // A file removed by hand since: built again. The manifest's paths were checked to stay inside.
    const present = await Promise.all(files.map((f) => lstat(path.join(outDir, slug, f)).then((s) => s.isFile(), () => false)));
    return present.every(Boolean);
  } catch {
    return false;
  }
}

export const madeFromFile = (recipe: string): OutputFile => ({ path: MADE_FROM, data: `${JSON.stringify({ recipe })}\n` });

/** An up-to-date talk's files into the staging folder, byte for byte: hard links, or copies across file systems. */
export async function carryOver(outDir: string, stageDir: string, slug: string, files: string[]): Promise<void> {
  for (const f of files) {
    const from = path.join(outDir, slug, f);
    const to = path.join(stageDir, slug, f);
    await mkdir(path.dirname(to), { recursive: true });
    await link(from, to).catch(() => copyFile(from, to));
  }
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
