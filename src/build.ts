// build(): every talk (or the decks named) into the output folder. Each talk is built by
// pipeline.ts into a staging folder; the old output is replaced only when no talk failed, in
// this build's turn (output-lock.ts), so that builds into one folder at once lose nothing.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { DeckConfig } from './core/config.js';
import type { DialectName } from './core/model.js';
import { error, hasErrors, warning, type Diagnostic } from './core/errors.js';
import { exportStage, startBrowser, type BrowserStart } from './export.js';
import { createStaging, replaceFiles, swapIn, writeFault, writeFiles } from './output.js';
import { displayPath, isWithin } from './paths.js';
import { BROWSER_STEP_MS, TALK_SUMMARY, talkFiles } from './core/outputs.js';
import { claimOutDir, defaultOutDir, emptyManifest, MANIFEST, realOrPlanned, type Manifest, type OutDirRules } from './output-folder.js';
import { takeTurn } from './output-lock.js';
import { earlierExports, keepEarlier, type EarlierExport } from './earlier-exports.js';
import { readTalk, renderTalk, type BuildEnv, type TalkBuild } from './core/pipeline.js';
import { loadEnv, projectPaths, type ProjectEnv } from './project.js';
import { reachInside } from './confine.js';
import { findMarpThemes } from './marp-themes.js';
import { findTalks, resolveInputs } from './talks.js';
import { indexFiles, listBuiltTalks, summary, type TalkPdfs, type TalkSummary } from './talk-list.js';
import { hashOf } from './store.js';
import type { OutputFile } from './assets.js';

export type { TalkSummary } from './talk-list.js';

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
  /** A folder above the talks' folders whose files decks may use (--root); default: each talk's own folder. */
  fileRoot?: string;
  /** Check only: build in a temporary folder, measure every slide, write nothing. */
  check?: boolean;
  /** Progress messages, for a terminal. The library itself never prints. */
  onProgress?: (message: string) => void;
  /** Aborting stops the build (the browser is closed, the staging folder removed, nothing
   * replaced) and build() rejects with the signal's reason. The CLI aborts on Ctrl-C. */
  signal?: AbortSignal;
}

export interface BuildResult {
  ok: boolean;
  /** The output folder was replaced (false when a build failed before writing, or for check). */
  written: boolean;
  diagnostics: Diagnostic[];
  talks: TalkSummary[];
  builds: TalkBuild[];
  /** What the user should know that is no problem: PDFs kept from an earlier build, and whether they still match. */
  notes: string[];
}

const failed = (diagnostics: Diagnostic[], talks: TalkSummary[] = [], builds: TalkBuild[] = []): BuildResult => ({ ok: false, written: false, diagnostics, talks, builds, notes: [] });


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


/** What the write step needs of a build. */
interface Job {
  options: BuildOptions;
  outDir: string;
  rules: OutDirRules;
  env: BuildEnv;
  builds: TalkBuild[];
  summaries: TalkSummary[];
  browser?: BrowserStart;
  earlier: Map<string, EarlierExport>;
  hashes: Map<string, string>;
  diagnostics: Diagnostic[];
  exporting: boolean;
  handout: boolean;
}

async function buildWith(options: BuildOptions, startBrowser: () => BrowserStart | undefined): Promise<BuildResult> {
  const root = path.resolve(options.root ?? '.');
  const paths = projectPaths(root);
  const all = !options.inputs || options.inputs.length === 0;
  const found = all ? await findTalks(paths.slides) : await resolveInputs(options.inputs!, paths.slides);
  const fallbackOut = defaultOutDir(root, found.talks.map((t) => t.file));
  const outDir = path.resolve(root, options.outDir ?? fallbackOut);
  const rules: OutDirRules = {
    root,
    guarded: [paths.slides, paths.templates, ...['src', 'test', 'node_modules', '.git'].map((d) => path.join(root, d))],
    deckDirs: found.talks.map((t) => path.dirname(t.file)),
    slugs: all ? undefined : found.talks.map((t) => t.slug),
    near: path.dirname(fallbackOut),
  };
  const { env, diagnostics: envDiagnostics } = await loadEnv(paths);
  const diagnostics = [...found.diagnostics, ...envDiagnostics];
  const claim = options.check ? { manifest: emptyManifest() } : await claimOutDir(outDir, rules);
  // A refused output folder stops the build before any deck is read (--out / must fail at once).
  if ('problem' in claim) return failed([...diagnostics, error('', 0, claim.problem)]);
  if (!env) return failed(diagnostics);
  const exporting = !options.check && options.pdf !== false;
  const earlier = exporting || options.check ? new Map<string, EarlierExport>() : await earlierExports(outDir, claim.manifest, found.talks.map((t) => t.slug), !options.png);
  const job: Job = { options, outDir, rules, env, builds: [], summaries: [], earlier, hashes: new Map(), diagnostics, exporting, handout: options.handout ?? true };
  await setUp(job);

  // Every deck's cheap checks first: a typo in front matter fails before Chromium starts.
  // With none, Chromium starts while the Markdown is rendered (~0.5 s of overlap).
  const reads = await Promise.all(found.talks.map((talk) => readTalk(talk, env)));
  for (const r of reads) job.hashes.set(r.source.slug, hashOf(r.text ?? ''));
  // A talk found wrong (a deck that is a folder) is reported with the others' problems, but no browser starts.
  job.browser = hasErrors(diagnostics) || reads.some((r) => hasErrors(r.diagnostics)) ? undefined : startBrowser();
  for (const read of reads) {
    options.onProgress?.(`building ${read.source.displayFile}`);
    const built = await renderTalk(read, env);
    job.builds.push(built);
    diagnostics.push(...built.diagnostics);
  }
  options.signal?.throwIfAborted();
  job.summaries = job.builds.map((b) => summary(b, pdfsOf(job, b.source.slug, b.deck)));
  // Errors in the decks stop here. Warnings go on to the browser stage even with --strict,
  // so that one run reports every problem; --strict then keeps the old output below.
  if (hasErrors(diagnostics)) return failed(diagnostics, job.summaries, job.builds);
  return await writeOutput(job);
}

/** The build's settings on the environment: flags, the pages' PDF links, and files a deck may not publish. */
async function setUp(job: Job): Promise<void> {
  const { env, options } = job;
  env.flagsDeck = options.deck;
  (env as ProjectEnv).browserPath = options.browserPath;
  env.dialectName = options.dialect;
  env.singleFile = options.singleFile;
  env.notesFile = options.notes;
  env.baseUrl = options.baseUrl;
  const allowed = options.fileRoot;
  if (allowed) {
    env.reach = (dir, name, what) => reachInside(dir, name, what, allowed);
    env.marpThemes = (dir) => findMarpThemes([dir, allowed]);
  }
  env.links = (slug, deck) => {
    const pdfs = pdfsOf(job, slug, deck);
    // Link previews need an absolute URL; without a public url, a relative one still works locally.
    const og = talkFiles(slug).og;
    const ogImage = deck.pdf && (job.exporting || job.earlier.get(slug)?.og) ? (deck.url ? new URL(og, deck.url.endsWith('/') ? deck.url : `${deck.url}/`).href : og) : undefined;
    return { pdf: pdfs.pdf, handout: pdfs.handout, ogImage };
  };
  // An output folder inside a deck's folder is the build's, not the deck's: never published again.
  const out = await realOrPlanned(job.outDir);
  const reach = env.reach;
  env.reach = async (dir, name, what) => {
    const r = await reach(dir, name, what);
    return 'file' in r && isWithin(out, r.file) ? { problem: `${what} "${name}" is in the output folder ${displayPath(job.outDir)}/, which a build replaces; a deck publishes its own files, not a build's output` } : r;
  };
}

/** A talk's PDFs in this build's output: made now, kept from an earlier build (without PDFs), or none. */
function pdfsOf(job: Job, slug: string, deck: DeckConfig): TalkPdfs {
  if (!deck.pdf) return {};
  if (job.exporting) return { pdf: talkFiles(slug).pdf, ...(job.handout ? { handout: talkFiles(slug).handout } : {}), exportedFrom: job.hashes.get(slug) };
  const kept = job.earlier.get(slug);
  return kept ? { pdf: kept.pdf, handout: kept.handout, exportedFrom: kept.exportedFrom } : {};
}

/** Stage every talk, export it, then in this build's turn swap it into the output. */
async function writeOutput(job: Job): Promise<BuildResult> {
  const { options, outDir, diagnostics, builds, summaries } = job;
  let stage: Awaited<ReturnType<typeof createStaging>> | undefined;
  const notes: string[] = [];
  try {
    stage = await createStaging(outDir);
    const files = await stageTalks(job, stage.dir, notes);
    if (job.browser) {
      const exported = await exportStage(builds, job.browser, {
        dir: stage.dir,
        pdf: job.exporting,
        handout: job.exporting && job.handout,
        pdfFragments: options.pdfFragments ?? false,
        png: options.png ?? false,
        timeoutMs: options.timeoutMs ?? BROWSER_STEP_MS,
        onProgress: options.onProgress,
      });
      diagnostics.push(...exported.diagnostics);
      for (const [slug, list] of exported.files) files[slug]!.push(...list);
    }
    options.signal?.throwIfAborted();
    // Any error (a PDF that could not be made, a browser fault) keeps the old output whole:
    // its pages and PDFs still match. --strict does the same for warnings.
    if (options.check || hasErrors(diagnostics, options.strict)) {
      return { ok: !hasErrors(diagnostics, options.strict), written: false, diagnostics, talks: summaries, builds, notes: [] };
    }
    const turn = await takeTurn(outDir, options.signal);
    if ('problem' in turn) return failed([...diagnostics, error('', 0, turn.problem)], summaries, builds);
    let swapped: boolean;
    try {
      swapped = await swapOutput(job, stage.dir, files);
    } finally {
      const lost = await turn.release();
      if (lost) diagnostics.push(warning('', 0, lost));
    }
    if (!swapped) return failed(diagnostics, summaries, builds);
  } catch (e) {
    // A file system fault (disk full, read-only...) is the user's to fix; anything else is a bug or an abort.
    if (typeof (e as NodeJS.ErrnoException).code !== 'string' || !(e as NodeJS.ErrnoException).syscall) throw e;
    return failed([...diagnostics, error('', 0, `could not write the output in ${displayPath(outDir)}: ${writeFault(e as NodeJS.ErrnoException)}; the previous output was left as it was`)], summaries, builds);
  } finally {
    await stage?.remove();
  }
  return { ok: !hasErrors(diagnostics, options.strict), written: true, diagnostics, talks: summaries, builds, notes };
}

/** Each talk's files into the staging folder, with its summary and the PDFs kept from an earlier build; what each talk wrote. */
async function stageTalks(job: Job, stageDir: string, notes: string[]): Promise<Record<string, string[]>> {
  const files: Record<string, string[]> = {};
  for (const [i, b] of job.builds.entries()) {
    const slug = b.source.slug;
    const dir = path.join(stageDir, slug);
    const list = [...b.files, { path: TALK_SUMMARY, data: JSON.stringify(job.summaries[i], null, 2) + '\n' }];
    await writeFiles(dir, list);
    files[slug] = [...new Set(list.map((f) => f.path))];
    const kept = job.earlier.get(slug);
    if (kept && b.deck.pdf) {
      notes.push(await keepEarlier(job.outDir, slug, dir, kept, { file: b.source.displayFile, hash: job.hashes.get(slug)! }));
      files[slug].push(...kept.files);
    }
  }
  return files;
}

/**
 * In this build's turn: the output folder checked again (another build may have written it
 * meanwhile), its manifest read afresh, and this build's talks put in. False when refused.
 */
async function swapOutput(job: Job, stageDir: string, files: Record<string, string[]>): Promise<boolean> {
  const { outDir, diagnostics } = job;
  const now = await claimOutDir(outDir, job.rules);
  if ('problem' in now) {
    diagnostics.push(error('', 0, now.problem));
    return false;
  }
  const all = job.rules.slugs === undefined;
  const manifest: Manifest = all ? { talks: files, index: [] } : { talks: { ...now.manifest.talks, ...files }, index: [] };
  const index = await indexFiles(job.env, all ? job.summaries : await listBuiltTalks(outDir, manifest, job.summaries));
  manifest.index = index.map((f) => f.path);
  const leftOver: (string | undefined)[] = [];
  if (all) {
    await writeFiles(stageDir, [...index, manifestFile(manifest)]);
    leftOver.push(await swapIn(stageDir, outDir));
  } else {
    for (const b of job.builds) leftOver.push(await swapIn(path.join(stageDir, b.source.slug), path.join(outDir, b.source.slug)));
    await replaceFiles(outDir, [...index, manifestFile(manifest)]);
    // The manifest's paths were checked to stay inside the folder when it was read.
    const stale = now.manifest.index.filter((f) => !manifest.index.includes(f));
    await Promise.all(stale.map((f) => rm(path.join(outDir, f), { force: true })));
  }
  for (const problem of leftOver) if (problem) diagnostics.push(warning('', 0, problem));
  return true;
}

const manifestFile = (m: Manifest): OutputFile => ({ path: MANIFEST, data: JSON.stringify(m, null, 1) + '\n' });
