// build(): every talk (or the decks named) into the output folder. Each talk is built by
// pipeline.ts into a staging folder; the old output is replaced only when no talk failed.
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { DeckConfig } from './config.js';
import { hasErrors, type Diagnostic } from './errors.js';
import { exportStage, startBrowser, type BrowserStart } from './export.js';
import { createStaging, swapIn, writeFiles } from './output.js';
import { buildTalk, type BuildEnv, type TalkBuild } from './pipeline.js';
import { loadEnv, projectPaths } from './project.js';
import { findTalks, resolveInputs } from './talks.js';
import type { Templates } from './templates.js';
import type { OutputFile } from './assets.js';
import { deckFonts } from './deck-fonts.js';

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
  /** Export the slide PDF, the handout and og.png (default true; needs Chromium). */
  pdf?: boolean;
  /** Export the handout PDF beside the slide PDF (default true). */
  handout?: boolean;
  /** One PDF page per fragment step instead of each slide's final state. */
  pdfFragments?: boolean;
  /** Write one PNG per slide into <talk>/png/. */
  png?: boolean;
  /** Chromium or Chrome to use, before the usual places. */
  browserPath?: string;
  /** Upper bound on each browser step (load, print) of one talk. Default 120 s. */
  timeoutMs?: number;
  /** Also write <talk>/<talk>.html, the deck in one self-contained file. */
  singleFile?: boolean;
  /** Check only: build in a temporary folder, measure every slide, write nothing. */
  check?: boolean;
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
  pdf?: string;
  handout?: string;
}

export interface BuildResult {
  ok: boolean;
  /** The output folder was replaced (false when a build failed before writing, or for check). */
  written: boolean;
  diagnostics: Diagnostic[];
  talks: TalkSummary[];
  builds: TalkBuild[];
}

/** Metadata each talk leaves beside its deck, so dist/index.html can list talks built separately. */
const TALK_JSON = 'talk.json';

export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  const browsing = !!options.check || options.pdf !== false || !!options.png;
  const browser = browsing ? startBrowser({ browserPath: options.browserPath, timeoutMs: options.timeoutMs ?? 120_000 }) : undefined;
  try {
    return await buildWith(options, browser);
  } finally {
    await browser?.end();
  }
}

async function buildWith(options: BuildOptions, browser: BrowserStart | undefined): Promise<BuildResult> {
  const root = path.resolve(options.root ?? '.');
  const outDir = path.resolve(root, options.outDir ?? 'dist');
  const paths = projectPaths(root);
  const all = !options.inputs || options.inputs.length === 0;
  const found = all ? await findTalks(paths.slides) : await resolveInputs(options.inputs!);
  const { env, diagnostics: envDiagnostics } = await loadEnv(paths);
  const diagnostics = [...found.diagnostics, ...envDiagnostics];
  if (!env || hasErrors(diagnostics)) return { ok: false, written: false, diagnostics, talks: [], builds: [] };
  env.flagsDeck = options.deck;
  env.singleFile = options.singleFile;
  const exporting = !options.check && options.pdf !== false;
  const handout = options.handout ?? true;
  env.links = (slug, deck) => (exporting && deck.pdf ? pdfLinks(slug, deck.url, handout) : {});

  const builds: TalkBuild[] = [];
  for (const talk of found.talks) {
    options.onProgress?.(`building ${talk.displayFile}`);
    const built = await buildTalk(talk, env);
    builds.push(built);
    diagnostics.push(...built.diagnostics);
  }
  const summaries = builds.map((b) => summary(b, exporting, handout));
  // Errors in the decks stop here. Warnings go on to the browser stage even with --strict,
  // so that one run reports every problem; --strict then keeps the old output below.
  if (hasErrors(diagnostics)) return { ok: false, written: false, diagnostics, talks: summaries, builds };

  const stage = await createStaging(outDir);
  const staging = stage.dir;
  try {
    for (const b of builds) {
      await writeFiles(path.join(staging, b.source.slug), [...b.files, { path: TALK_JSON, data: JSON.stringify(summary(b, exporting, handout), null, 2) + '\n' }]);
    }
    // Browser problems (overflow, no Chromium, a crash) are reported, but the HTML decks
    // were built fine and still replace the old ones (not with --strict, which keeps them).
    if (browser) {
      diagnostics.push(
        ...(await exportStage(builds, browser, {
          dir: staging,
          pdf: exporting,
          handout: exporting && handout,
          pdfFragments: options.pdfFragments ?? false,
          png: options.png ?? false,
          timeoutMs: options.timeoutMs ?? 120_000,
          onProgress: options.onProgress,
        })),
      );
    }
    if (options.check || (options.strict && hasErrors(diagnostics, true))) {
      return { ok: !hasErrors(diagnostics, options.strict), written: false, diagnostics, talks: summaries, builds };
    }
    if (all) {
      await writeFiles(staging, await indexFiles(env, summaries));
      await swapIn(staging, outDir);
    } else {
      for (const b of builds) await swapIn(path.join(staging, b.source.slug), path.join(outDir, b.source.slug));
      await rm(path.join(outDir, 'assets'), { recursive: true, force: true });
      await writeFiles(outDir, await indexFiles(env, await listBuiltTalks(outDir)));
    }
  } finally {
    await stage.remove();
  }
  return { ok: !hasErrors(diagnostics, options.strict), written: true, diagnostics, talks: summaries, builds };
}

function pdfLinks(slug: string, url: string, handout: boolean) {
  return {
    pdf: `${slug}.pdf`,
    handout: handout ? `${slug}-handout.pdf` : undefined,
    // Link previews need an absolute URL; without a public url, a relative one still works locally.
    ogImage: url ? new URL('og.png', url.endsWith('/') ? url : `${url}/`).href : 'og.png',
  };
}

const summary = (b: TalkBuild, exporting: boolean, handout: boolean): TalkSummary => ({
  slug: b.source.slug,
  title: b.deck.title,
  lang: b.deck.lang,
  event: b.deck.event,
  date: b.deck.date,
  slides: b.slides.length,
  ...(exporting && b.deck.pdf ? { pdf: `${b.source.slug}.pdf` } : {}),
  ...(exporting && b.deck.pdf && handout ? { handout: `${b.source.slug}-handout.pdf` } : {}),
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

/** dist/index.html, with the deck fonts cut to its own text so it reads the same everywhere. */
async function indexFiles(env: BuildEnv, talks: TalkSummary[]): Promise<OutputFile[]> {
  const page = indexPage(env.templates, talks);
  const { files: fonts } = await deckFonts(page, '', env, 'index.html', []);
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
