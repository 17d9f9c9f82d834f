// Which decks to build: every talk in slides/ (slides/<talk>/slides.md), or the decks
// named on the command line (a .md file, or a folder holding one).
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { suggestKey } from './core/config.js';
import { displayPath as display, isWithin } from './paths.js';
import { error, type Diagnostic } from './core/errors.js';
import type { TalkSource } from './core/pipeline.js';

const DECK_NAMES = ['slides.md', 'index.md'];

async function deckInFolder(dir: string): Promise<string | undefined> {
  const entries = await readdir(dir);
  const named = DECK_NAMES.find((n) => entries.includes(n));
  if (named) return path.join(dir, named);
  const md = entries.filter((e) => e.endsWith('.md')).sort();
  return md.length === 1 ? path.join(dir, md[0]!) : undefined;
}

export function talkSource(file: string): TalkSource {
  const base = path.basename(file);
  const slug = DECK_NAMES.includes(base) ? path.basename(path.dirname(file)) : base.replace(/\.[^.]+$/, '');
  return { slug: slug.replace(/[^\w.-]+/g, '-'), file, displayFile: display(file) };
}

/** The talk a folder holds: its deck, which must be a file of that folder, not a link out of it. */
async function talkIn(dir: string): Promise<{ talk?: TalkSource; problem?: Diagnostic }> {
  const deck = await deckInFolder(dir);
  if (!deck) return {};
  const [real, realDir] = await Promise.all([realpath(deck), realpath(dir)]);
  if (isWithin(realDir, real)) return { talk: talkSource(deck) };
  return { problem: error(display(deck), 0, `is a link to ${real}, outside its talk's folder; a talk's deck must be a file in that folder`) };
}

async function talkNames(slidesDir: string): Promise<string[]> {
  const entries = await readdir(slidesDir, { withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
}

export async function findTalks(slidesDir: string): Promise<{ talks: TalkSource[]; diagnostics: Diagnostic[] }> {
  let entries: string[];
  try {
    entries = (await readdir(slidesDir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  } catch {
    return { talks: [], diagnostics: [error(display(slidesDir), 0, 'no slides/ folder; create slides/<talk>/slides.md or name a deck: npm run build -- deck.md')] };
  }
  const talks: TalkSource[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const name of entries) {
    const { talk, problem } = await talkIn(path.join(slidesDir, name));
    if (problem) diagnostics.push(problem);
    if (talk) talks.push(talk);
  }
  if (talks.length === 0 && diagnostics.length === 0) diagnostics.push(error(display(slidesDir), 0, 'no talks found; each talk is a folder with a slides.md'));
  return { talks, diagnostics };
}

/**
 * The decks named on the command line: a .md file, a folder holding one, or the name of a
 * talk in slides/ (`japan-ai` for slides/japan-ai/).
 */
export async function resolveInputs(inputs: string[], slidesDir?: string): Promise<{ talks: TalkSource[]; diagnostics: Diagnostic[] }> {
  const talks: TalkSource[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const input of inputs) {
    let abs = path.resolve(input);
    let info = await stat(abs).catch(() => undefined);
    if (!info && slidesDir && /^[\w.-]+$/.test(input) && !input.startsWith('.')) {
      abs = path.join(slidesDir, input);
      info = await stat(abs).catch(() => undefined);
    }
    if (!info) {
      const names = slidesDir ? await talkNames(slidesDir) : [];
      const hint = suggestKey(input, names);
      diagnostics.push(error(input, 0, `no such deck, folder or talk${hint ? `; did you mean "${hint}"?` : names.length ? `; talks in ${display(slidesDir!)}/: ${names.join(', ')}` : ''}`));
    } else if (info.isDirectory()) {
      const { talk, problem } = await talkIn(abs);
      if (problem) diagnostics.push(problem);
      else if (talk) talks.push(talk);
      else diagnostics.push(error(input, 0, `no deck in this folder; add ${DECK_NAMES[0]}`));
    } else {
      talks.push(talkSource(abs));
    }
  }
  const slugs = new Map<string, string>();
  for (const t of talks) {
    const other = slugs.get(t.slug);
    if (other) diagnostics.push(error(t.displayFile, 0, `builds to the same folder "${t.slug}" as ${other}; rename one of them`));
    slugs.set(t.slug, t.displayFile);
  }
  return { talks, diagnostics };
}
