// Which decks to build: every talk in slides/ (slides/<talk>/slides.md), or the decks
// named on the command line (a .md file, or a folder holding one). Each gets an output
// folder named after it (core/outputs.ts talkSlug), which no other talk of the build shares.
import type { Dirent, Stats } from 'node:fs';
import { lstat, readdir, readlink, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { suggestKey } from '../core/config.js';
import { displayPath as display, realInside } from '../io/paths.js';
import { error, warning, type Diagnostic } from '../core/errors.js';
import { LIST_NAMES, slugKey, talkSlug } from '../core/outputs.js';
import type { TalkSource } from '../core/pipeline.js';

const DECK_NAMES = ['slides.md', 'index.md'];

type Found = { talks: TalkSource[]; diagnostics: Diagnostic[] };

async function deckInFolder(dir: string): Promise<string | undefined> {
  const entries = await readdir(dir, { withFileTypes: true });
  const named = DECK_NAMES.find((n) => entries.some((e) => e.name === n));
  if (named) return path.join(dir, named);
  const md = entries.filter((e) => e.name.endsWith('.md') && (e.isFile() || e.isSymbolicLink())).map((e) => e.name).sort();
  return md.length === 1 ? path.join(dir, md[0]!) : undefined;
}

export function talkSource(file: string): TalkSource {
  const base = path.basename(file);
  const name = DECK_NAMES.includes(base) ? path.basename(path.dirname(file)) : base.replace(/\.[^.]+$/, '');
  return { slug: talkSlug(name), file, displayFile: display(file) };
}

/** What a file system entry is, in words, when a file was wanted. */
function kindOf(s: Stats | Dirent): string {
  if (s.isDirectory()) return 'a folder';
  if (s.isFIFO()) return 'a named pipe';
  if (s.isSocket()) return 'a socket';
  if (s.isCharacterDevice() || s.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/** Why a talk cannot be built under its name: none to give, or one the talk list's own files use. */
function nameProblem(t: TalkSource): Diagnostic | undefined {
  const what = DECK_NAMES.includes(path.basename(t.file)) ? 'its folder' : 'the file';
  if (!t.slug) return error(t.displayFile, 0, `${what}'s name has no letter or digit to name the talk's output folder after; rename ${what}, e.g. to my-talk`);
  if (LIST_NAMES.includes(slugKey(t.slug))) return error(t.displayFile, 0, `would build into "${t.slug}", a name the talk list uses for its own files; rename ${what}`);
  return undefined;
}

/** The talk a folder holds: its deck, which must be a file of that folder (not a link out of it); the folder itself not a link. */
async function talkIn(dir: string): Promise<{ talk?: TalkSource; problem?: Diagnostic }> {
  // A folder that is a link (slides/evil -> ..) would make "inside the talk's folder" mean wherever it leads.
  if ((await lstat(dir)).isSymbolicLink()) {
    return { problem: error(display(dir), 0, `is a link (to ${await readlink(dir)}), not a folder; a talk must be a folder of its own: move its files into one`) };
  }
  const deck = await deckInFolder(dir);
  if (!deck) return {};
  const realDir = await realpath(dir);
  const where = await realInside([realDir], path.join(realDir, path.basename(deck)));
  if (!('real' in where)) {
    const link = 'linkTo' in where ? `is a link to ${where.linkTo}, outside its talk's folder; a talk's deck must be a file in that folder` : 'is a link to a file that does not exist';
    return { problem: error(display(deck), 0, link) };
  }
  const { real } = where;
  const info = await stat(real);
  if (!info.isFile()) return { problem: error(display(deck), 0, `is ${kindOf(info)}, not a file; a talk's deck is a Markdown file`) };
  const talk = talkSource(deck);
  const problem = nameProblem(talk);
  return problem ? { problem } : { talk };
}

/** The entries of slides/ that may be talks: folders, and links (refused when named, with why). */
async function talkEntries(slidesDir: string): Promise<Dirent[]> {
  const entries = await readdir(slidesDir, { withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isDirectory() || e.isSymbolicLink()).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** What to do without a slides/ folder: name a deck that is there (a loose deck's folder), or make a talk. */
async function noSlidesFolder(root: string): Promise<string> {
  const decks = (await readdir(root, { withFileTypes: true }).catch(() => []))
    .filter((e) => e.isFile() && e.name.endsWith('.md'))
    .map((e) => e.name)
    .sort();
  if (decks.length === 0) return 'no slides/ folder here; name a deck (a .md file) after the command, or make a talk in slides/ with the new command';
  return `no slides/ folder here; name the deck after the command: ${decks.slice(0, 3).join(', ')}${decks.length > 3 ? ', ...' : ''}`;
}

export async function findTalks(slidesDir: string): Promise<Found> {
  if (!(await stat(slidesDir).catch(() => undefined))?.isDirectory()) {
    return { talks: [], diagnostics: [error(display(slidesDir), 0, await noSlidesFolder(path.dirname(slidesDir)))] };
  }
  const talks: TalkSource[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const entry of await talkEntries(slidesDir)) {
    const dir = path.join(slidesDir, entry.name);
    if (entry.isSymbolicLink()) {
      // A link to a file beside the talks is not a talk; one to a folder is skipped, and said so.
      if ((await stat(dir).catch(() => undefined))?.isDirectory()) diagnostics.push(warning(display(dir), 0, `is a link (to ${await readlink(dir)}), not a folder: skipped; a talk must be a folder of its own`));
      continue;
    }
    const { talk, problem } = await talkIn(dir);
    if (problem) diagnostics.push(problem);
    if (talk) talks.push(talk);
  }
  if (talks.length === 0 && diagnostics.length === 0) diagnostics.push(error(display(slidesDir), 0, 'no talks found; each talk is a folder with a slides.md'));
  return { talks, diagnostics: [...diagnostics, ...sharedFolders(talks)] };
}

/** The talk in slides/ that a bare name means: its folder name in any Unicode form, or its output folder's name. */
async function namedTalk(slidesDir: string, input: string): Promise<string | undefined> {
  if (/[/\\]/.test(input) || input === '.' || input === '..') return undefined;
  const names = (await talkEntries(slidesDir)).map((e) => e.name);
  const wanted = input.normalize('NFC');
  const hit = names.find((n) => n.normalize('NFC') === wanted) ?? names.find((n) => slugKey(talkSlug(n)) === slugKey(wanted));
  return hit === undefined ? undefined : path.join(slidesDir, hit);
}

/**
 * The decks named on the command line: a .md file, a folder holding one, or the name of a
 * talk in slides/ (`japan-ai` for slides/japan-ai/).
 */
export async function resolveInputs(inputs: string[], slidesDir?: string): Promise<Found> {
  const talks: TalkSource[] = [];
  const diagnostics: Diagnostic[] = [];
  const add = (found: { talk?: TalkSource; problem?: Diagnostic }) => {
    if (found.problem) diagnostics.push(found.problem);
    if (found.talk) talks.push(found.talk);
  };
  for (const input of inputs) {
    let abs = path.resolve(input);
    let info = await stat(abs).catch(() => undefined);
    const inSlides = !info && slidesDir ? await namedTalk(slidesDir, input) : undefined;
    if (inSlides) {
      abs = inSlides;
      info = await stat(abs).catch(() => undefined);
      // A link to nowhere in slides/ is still refused as a link, not reported missing.
      if (!info) info = await lstat(abs);
    }
    if (!info) {
      const names = slidesDir ? (await talkEntries(slidesDir)).filter((e) => e.isDirectory()).map((e) => e.name) : [];
      // A talk named as it is built (`present talk`) for a loose deck beside it (talk.md).
      const beside = !/\.md$/i.test(input) && (await stat(`${abs}.md`).catch(() => undefined))?.isFile() ? `${input}.md` : undefined;
      const hint = beside ?? suggestKey(input, names);
      diagnostics.push(error(input, 0, `no such deck, folder or talk${hint ? `; did you mean "${hint}"?` : names.length ? `; talks in ${display(slidesDir!)}/: ${names.join(', ')}` : ''}`));
    } else if (info.isDirectory() || info.isSymbolicLink()) {
      const found = await talkIn(abs);
      if (!found.talk && !found.problem) diagnostics.push(error(input, 0, `no deck in this folder; add ${DECK_NAMES[0]}`));
      add(found);
    } else if (!info.isFile()) {
      diagnostics.push(error(input, 0, `is ${kindOf(info)}, not a deck; name a Markdown file or a talk's folder`));
    } else {
      const talk = talkSource(abs);
      const problem = nameProblem(talk);
      add(problem ? { problem } : { talk });
    }
  }
  const once = talks.filter((t, i) => talks.findIndex((o) => o.file === t.file) === i);
  return { talks: once, diagnostics: [...diagnostics, ...sharedFolders(once)] };
}

/** Two talks that would build into one output folder: an error naming both, never one silently over the other. */
function sharedFolders(talks: TalkSource[]): Diagnostic[] {
  const first = new Map<string, TalkSource>();
  const problems: Diagnostic[] = [];
  for (const t of talks) {
    const other = first.get(slugKey(t.slug));
    if (other) problems.push(error(t.displayFile, 0, `builds into the output folder "${other.slug}", as ${other.displayFile} does; rename one of the two so their names differ in a letter or digit`));
    else first.set(slugKey(t.slug), t);
  }
  return problems;
}
