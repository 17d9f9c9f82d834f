// build(): every talk (or the decks named) into the output folder. Each talk is built by
// pipeline.ts into a staging folder; the old output is replaced only when no talk failed.
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { DeckConfig } from './core/config.js';
import type { DialectName } from './core/model.js';
import { error, hasErrors, warning, type Diagnostic } from './core/errors.js';
import { exportStage, startBrowser, type BrowserStart } from './export.js';
import { createStaging, replaceFiles, swapIn, writeFault, writeFiles } from './output.js';
import { displayPath } from './paths.js';
import { BROWSER_STEP_MS, TALK_SUMMARY, talkFiles } from './core/outputs.js';
import { claimOutDir, emptyManifest, MANIFEST, type Manifest } from './output-folder.js';
import { readTalk, renderTalk, type BuildEnv, type TalkBuild } from './core/pipeline.js';
import { loadEnv, projectPaths } from './project.js';
import { findTalks, resolveInputs } from './talks.js';
import type { Templates } from './core/templates.js';
import type { OutputFile } from './assets.js';
import { deckFonts } from './core/deck-fonts.js';

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
  /** Read every deck in this dialect, whatever it declares (--dialect). */
  dialect?: DialectName;
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
  /** Also write <talk>/<talk>-notes.md: each slide's title and notes, as text. */
  notes?: boolean;
  /** The site the talks are published under: each talk without url gets <baseUrl>/<talk>/. */
  baseUrl?: string;
  /** Check only: build in a temporary folder, measure every slide, write nothing. */
  check?: boolean;
  /** Progress messages, for a terminal. The library itself never prints. */
  onProgress?: (message: string) => void;
  /** Aborting stops the build (the browser is closed, the staging folder removed, nothing
   * replaced) and build() rejects with the signal's reason. The CLI aborts on Ctrl-C. */
  signal?: AbortSignal;
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


export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  options.signal?.throwIfAborted();
  const browsing = !!options.check || options.pdf !== false || !!options.png;
  let browser: BrowserStart | undefined;
  const start = () => (browser ??= browsing ? startBrowser({ browserPath: options.browserPath, timeoutMs: options.timeoutMs ?? BROWSER_STEP_MS }) : undefined);
  const stop = () => void browser?.end();
  options.signal?.addEventListener('abort', stop, { once: true });
  try {
    return await buildWith(options, start);
  } finally {
    options.signal?.removeEventListener('abort', stop);
    await (browser as BrowserStart | undefined)?.end();
  }
}

async function buildWith(options: BuildOptions, startBrowser: () => BrowserStart | undefined): Promise<BuildResult> {
  const root = path.resolve(options.root ?? '.');
  const outDir = path.resolve(root, options.outDir ?? 'dist');
  const paths = projectPaths(root);
  const all = !options.inputs || options.inputs.length === 0;
  const found = all ? await findTalks(paths.slides) : await resolveInputs(options.inputs!, paths.slides);
  const { env, diagnostics: envDiagnostics } = await loadEnv(paths);
  const diagnostics = [...found.diagnostics, ...envDiagnostics];
  // The output folder is checked with the decks, so that one run reports every problem.
  const claim = options.check
    ? { manifest: emptyManifest() }
    : await claimOutDir(outDir, {
        root,
        guarded: [paths.slides, paths.templates, ...['src', 'test', 'node_modules', '.git'].map((d) => path.join(root, d)), ...found.talks.map((t) => path.dirname(t.file))],
        slugs: all ? undefined : found.talks.map((t) => t.slug),
      });
  if ('problem' in claim) diagnostics.push(error('', 0, claim.problem));
  if (!env || hasErrors(diagnostics)) return { ok: false, written: false, diagnostics, talks: [], builds: [] };
  env.flagsDeck = options.deck;
  env.browserPath = options.browserPath;
  env.dialectName = options.dialect;
  env.singleFile = options.singleFile;
  env.notesFile = options.notes;
  env.baseUrl = options.baseUrl;
  const exporting = !options.check && options.pdf !== false;
  const handout = options.handout ?? true;
  env.links = (slug, deck) => (exporting && deck.pdf ? pdfLinks(slug, deck.url, handout) : {});

  // Every deck's cheap checks first: a typo in front matter fails before Chromium starts.
  // With none, Chromium starts while the Markdown is rendered (~0.5 s of overlap).
  const reads = await Promise.all(found.talks.map((talk) => readTalk(talk, env)));
  const browser = reads.some((r) => hasErrors(r.diagnostics)) ? undefined : startBrowser();
  const builds: TalkBuild[] = [];
  for (const read of reads) {
    options.onProgress?.(`building ${read.source.displayFile}`);
    const built = await renderTalk(read, env);
    builds.push(built);
    diagnostics.push(...built.diagnostics);
  }
  options.signal?.throwIfAborted();
  const summaries = builds.map((b) => summary(b, exporting, handout));
  // Errors in the decks stop here. Warnings go on to the browser stage even with --strict,
  // so that one run reports every problem; --strict then keeps the old output below.
  if (hasErrors(diagnostics) || !('manifest' in claim)) return { ok: false, written: false, diagnostics, talks: summaries, builds };

  let stage: Awaited<ReturnType<typeof createStaging>> | undefined;
  try {
    stage = await createStaging(outDir);
    const manifest = all ? emptyManifest() : claim.manifest;
    for (const b of builds) {
      const files = [...b.files, { path: TALK_SUMMARY, data: JSON.stringify(summary(b, exporting, handout), null, 2) + '\n' }];
      await writeFiles(path.join(stage.dir, b.source.slug), files);
      manifest.talks[b.source.slug] = files.map((f) => f.path);
    }
    if (browser) {
      const exported = await exportStage(builds, browser, {
        dir: stage.dir,
        pdf: exporting,
        handout: exporting && handout,
        pdfFragments: options.pdfFragments ?? false,
        png: options.png ?? false,
        timeoutMs: options.timeoutMs ?? BROWSER_STEP_MS,
        onProgress: options.onProgress,
      });
      diagnostics.push(...exported.diagnostics);
      for (const [slug, files] of exported.files) manifest.talks[slug]!.push(...files);
    }
    options.signal?.throwIfAborted();
    // Any error (a PDF that could not be made, a browser fault) keeps the old output whole:
    // its pages and PDFs still match. --strict does the same for warnings.
    if (options.check || hasErrors(diagnostics, options.strict)) {
      return { ok: !hasErrors(diagnostics, options.strict), written: false, diagnostics, talks: summaries, builds };
    }
    const talkList = all ? summaries : await listBuiltTalks(outDir, manifest, summaries);
    const index = await indexFiles(env, talkList);
    const leftOver: (string | undefined)[] = [];
    if (all) {
      manifest.index = index.map((f) => f.path);
      await writeFiles(stage.dir, [...index, manifestFile(manifest)]);
      leftOver.push(await swapIn(stage.dir, outDir));
    } else {
      for (const b of builds) leftOver.push(await swapIn(path.join(stage.dir, b.source.slug), path.join(outDir, b.source.slug)));
      const stale = claim.manifest.index.filter((f) => !index.some((n) => n.path === f));
      manifest.index = index.map((f) => f.path);
      await replaceFiles(outDir, [...index, manifestFile(manifest)]);
      await Promise.all(stale.map((f) => rm(path.join(outDir, f), { force: true })));
    }
    for (const problem of leftOver) if (problem) diagnostics.push(warning('', 0, problem));
  } catch (e) {
    // A file system fault (disk full, read-only...) is the user's to fix; anything else is a bug or an abort.
    if (typeof (e as NodeJS.ErrnoException).code !== 'string' || !(e as NodeJS.ErrnoException).syscall) throw e;
    diagnostics.push(error('', 0, `could not write the output in ${displayPath(outDir)}: ${writeFault(e as NodeJS.ErrnoException)}; the previous output was left as it was`));
    return { ok: false, written: false, diagnostics, talks: summaries, builds };
  } finally {
    await stage?.remove();
  }
  return { ok: !hasErrors(diagnostics, options.strict), written: true, diagnostics, talks: summaries, builds };
}

const manifestFile = (m: Manifest): OutputFile => ({ path: MANIFEST, data: JSON.stringify(m, null, 1) + '\n' });

function pdfLinks(slug: string, url: string, handout: boolean) {
  return {
    pdf: talkFiles(slug).pdf,
    handout: handout ? talkFiles(slug).handout : undefined,
    // Link previews need an absolute URL; without a public url, a relative one still works locally.
    ogImage: url ? new URL(talkFiles(slug).og, url.endsWith('/') ? url : `${url}/`).href : talkFiles(slug).og,
  };
}

const summary = (b: TalkBuild, exporting: boolean, handout: boolean): TalkSummary => ({
  slug: b.source.slug,
  title: b.deck.title,
  lang: b.deck.lang,
  event: b.deck.event,
  date: b.deck.date,
  slides: b.slides.length,
  ...(exporting && b.deck.pdf ? { pdf: talkFiles(b.source.slug).pdf } : {}),
  ...(exporting && b.deck.pdf && handout ? { handout: talkFiles(b.source.slug).handout } : {}),
});

/** The talks of a folder built one talk at a time: those just built, and the others the manifest lists. */
async function listBuiltTalks(outDir: string, manifest: Manifest, built: TalkSummary[]): Promise<TalkSummary[]> {
  const talks = [...built];
  for (const slug of Object.keys(manifest.talks).sort()) {
    if (built.some((t) => t.slug === slug)) continue;
    try {
      talks.push(JSON.parse(await readFile(path.join(outDir, slug, TALK_SUMMARY), 'utf8')) as TalkSummary);
    } catch {
      // Removed by hand since: not listed.
    }
  }
  return talks;
}

/** dist/index.html, with the deck fonts cut to its own text so it reads the same everywhere. */
async function indexFiles(env: BuildEnv, talks: TalkSummary[]): Promise<OutputFile[]> {
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
