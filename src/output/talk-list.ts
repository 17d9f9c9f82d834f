// The talk list at the top of the output (index.html): each talk's summary, kept in its
// folder as talk.json so that a one-talk build can list the talks it did not build. Those
// files are read back as untrusted: only a talk the manifest lists, under a name a build
// could give, with the PDFs the manifest lists.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { OutputFile } from '../adapters/assets.js';
import { deckFonts } from '../core/deck-fonts.js';
import { TALK_SUMMARY, talkSlug } from '../core/outputs.js';
import type { BuildEnv, TalkBuild } from '../core/pipeline.js';
import type { Templates } from '../core/templates.js';
import type { Manifest } from './folder.js';
import { error, visible, type Diagnostic } from '../core/errors.js';
import type { TalkSource } from '../core/model.js';
import { hashOf } from '../io/store.js';

export interface TalkSummary {
  slug: string;
  title: string;
  lang: string;
  event: string;
  date: string;
  slides: number;
  pdf?: string;
  handout?: string;
  /** A hash of the deck its PDFs were made from: a build without PDFs keeps them and says whether the deck changed since. */
  exportedFrom?: string;
  /** Which deck file this folder was built from (a hash of its path), and its folder and name to show. */
  deck?: { id: string; name: string };
}

/** The PDFs a talk has in this build's output: made now, kept from an earlier build, or none. */
export type TalkPdfs = Pick<TalkSummary, 'pdf' | 'handout' | 'exportedFrom'>;

export const summary = (b: TalkBuild, pdfs: TalkPdfs): TalkSummary => ({
  slug: b.source.slug,
  title: b.deck.title,
  lang: b.deck.lang,
  event: b.deck.event,
  date: b.deck.date,
  slides: b.slides.length,
  ...pdfs,
  deck: deckOf(b.source.file),
});

/** A deck file's identity in the output: its path hashed (the site is public), and its folder and name. */
const deckOf = (file: string) => ({ id: hashOf(file), name: `${path.basename(path.dirname(file))}/${path.basename(file)}` });

/**
 * Talks of a one-talk build whose output folder holds another deck's build (two decks whose
 * names give one folder, built one at a time): an error naming both, never one silently over
 * the other. A folder from before talk.json named its deck is taken as this deck's.
 */
export async function foreignFolders(outDir: string, manifest: Manifest, talks: TalkSource[]): Promise<Diagnostic[]> {
  const problems: Diagnostic[] = [];
  for (const t of talks.filter((t) => manifest.talks[t.slug])) {
    const deck = await readFile(path.join(outDir, t.slug, TALK_SUMMARY), 'utf8').then((text) => (JSON.parse(text) as Partial<TalkSummary>).deck, () => undefined);
    if (typeof deck?.id !== 'string' || deck.id === deckOf(t.file).id) continue;
    const name = typeof deck.name === 'string' ? ` (${visible(deck.name)})` : '';
    problems.push(error(t.displayFile, 0, `builds into the output folder "${t.slug}", which holds the build of another deck${name}; rename one of the two so their names differ in a letter or digit, or build this one with another --out`));
  }
  return problems;
}

/** The talks of a folder built one talk at a time: those just built, and the others the manifest lists. */
export async function listBuiltTalks(outDir: string, manifest: Manifest, built: TalkSummary[]): Promise<TalkSummary[]> {
  const talks = [...built];
  for (const [slug, files] of Object.entries(manifest.talks).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (built.some((t) => t.slug === slug) || talkSlug(slug) !== slug) continue;
    try {
      const t = JSON.parse(await readFile(path.join(outDir, slug, TALK_SUMMARY), 'utf8')) as Record<string, unknown>;
      const text = (v: unknown) => (typeof v === 'string' ? v : '');
      const listed = (v: unknown) => (typeof v === 'string' && files.includes(v) ? v : undefined);
      talks.push({ slug, title: text(t.title) || slug, lang: text(t.lang), event: text(t.event), date: text(t.date), slides: Number(t.slides) || 0, pdf: listed(t.pdf), handout: listed(t.handout) });
    } catch {
      // Removed by hand since: not listed.
    }
  }
  return talks;
}

/** dist/index.html, with the deck fonts cut to its own text so it reads the same everywhere. */
export async function indexFiles(env: BuildEnv, talks: TalkSummary[]): Promise<OutputFile[]> {
  const page = indexPage(env.templates, talks);
  // The page is in English (the stack fonts.json lists); each title draws from its script's family.
  const { files: fonts } = (await deckFonts(page, '', env, 'index.html', undefined)).value;
  return [{ path: 'index.html', data: page }, ...fonts];
}

function indexPage(templates: Templates, talks: TalkSummary[]): string {
  const sorted = [...talks].sort((a, b) => b.date.localeCompare(a.date) || a.slug.localeCompare(b.slug));
  return templates.renderIndex({
    talks: sorted.map((t) => ({
      ...t,
      href: `${t.slug}/index.html`,
      pdf: t.pdf && `${t.slug}/${t.pdf}`,
      handout: t.handout && `${t.slug}/${t.handout}`,
    })),
  });
}
