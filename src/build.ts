// build(): every talk (or the decks named) into the output folder. Each talk is built by
// pipeline.ts into a staging folder; the old output is replaced only when no talk failed.
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { DeckConfig } from './config.js';
import { hasErrors, type Diagnostic } from './errors.js';
import { createStaging, swapIn, writeFiles } from './output.js';
import { buildTalk, type TalkBuild } from './pipeline.js';
import { loadEnv, projectPaths } from './project.js';
import { findTalks, resolveInputs } from './talks.js';
import type { Templates } from './templates.js';

export interface BuildOptions {
  /** Project root holding templates/ and slides/. Default: the working directory. */
  root?: string;
  /** Decks or folders to build; default every talk in slides/. */
  inputs?: string[];
  /** Output folder. Default: dist. */
  outDir?: string;
  /** Warnings fail the build. */
  strict?: boolean;
  /** Front-matter values that override every deck's (from CLI flags). */
  deck?: Partial<DeckConfig>;
  /** Progress messages, for a terminal. The library itself never prints. */
  onProgress?: (message: string) => void;
}

export interface TalkSummary {
  slug: string;
  title: string;
  lang: string;
  event: string;
  date: string;
  slides: number;
}

export interface BuildResult {
  ok: boolean;
  diagnostics: Diagnostic[];
  talks: TalkSummary[];
  builds: TalkBuild[];
}

/** Metadata each talk leaves beside its deck, so dist/index.html can list talks built separately. */
const TALK_JSON = 'talk.json';

export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  const root = path.resolve(options.root ?? '.');
  const outDir = path.resolve(root, options.outDir ?? 'dist');
  const paths = projectPaths(root);
  const all = !options.inputs || options.inputs.length === 0;
  const found = all ? await findTalks(paths.slides) : await resolveInputs(options.inputs!);
  const { env, diagnostics: envDiagnostics } = await loadEnv(paths);
  const diagnostics = [...found.diagnostics, ...envDiagnostics];
  if (!env || hasErrors(diagnostics)) return { ok: false, diagnostics, talks: [], builds: [] };
  env.flagsDeck = options.deck;

  const builds: TalkBuild[] = [];
  for (const talk of found.talks) {
    options.onProgress?.(`building ${talk.displayFile}`);
    const built = await buildTalk(talk, env);
    builds.push(built);
    diagnostics.push(...built.diagnostics);
  }
  const summaries = builds.map(summary);
  if (hasErrors(diagnostics, options.strict)) return { ok: false, diagnostics, talks: summaries, builds };

  const staging = await createStaging(outDir);
  try {
    for (const b of builds) {
      await writeFiles(path.join(staging, b.source.slug), [...b.files, { path: TALK_JSON, data: JSON.stringify(summary(b), null, 2) + '\n' }]);
    }
    if (all) {
      await writeFiles(staging, [{ path: 'index.html', data: indexPage(env.templates, summaries) }]);
      await swapIn(staging, outDir);
    } else {
      for (const b of builds) await swapIn(path.join(staging, b.source.slug), path.join(outDir, b.source.slug));
      await writeFiles(outDir, [{ path: 'index.html', data: indexPage(env.templates, await listBuiltTalks(outDir)) }]);
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return { ok: true, diagnostics, talks: summaries, builds };
}

const summary = (b: TalkBuild): TalkSummary => ({
  slug: b.source.slug,
  title: b.deck.title,
  lang: b.deck.lang,
  event: b.deck.event,
  date: b.deck.date,
  slides: b.slides.length,
});

async function listBuiltTalks(outDir: string): Promise<TalkSummary[]> {
  const talks: TalkSummary[] = [];
  for (const name of (await readdir(outDir)).sort()) {
    try {
      talks.push(JSON.parse(await readFile(path.join(outDir, name, TALK_JSON), 'utf8')) as TalkSummary);
    } catch {
      // Not a talk folder.
    }
  }
  return talks;
}

function indexPage(templates: Templates, talks: TalkSummary[]): string {
  const sorted = [...talks].sort((a, b) => b.date.localeCompare(a.date) || a.slug.localeCompare(b.slug));
  return templates.renderIndex({ talks: sorted.map((t) => ({ ...t, href: `${t.slug}/index.html` })) });
}
