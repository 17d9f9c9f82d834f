// build(): every talk (or the decks named) into the output folder. Each talk is built by
// pipeline.ts into a staging folder; the old output is replaced only when no talk failed, in
// this build's turn (output/lock.ts), so that builds into one folder at once lose nothing.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { DeckConfig } from '../core/config.js';
import type { PageLinks } from '../core/deck.js';
import { error, hasErrors, warning, type Diagnostic } from '../core/errors.js';
import type { BrowserStart } from '../browser/session.js';
import { createStaging, replaceFiles, swapIn, writeFault, writeFiles } from '../output/staging.js';
import { displayPath } from '../io/paths.js';
import { TALK_SUMMARY, talkFiles } from '../core/outputs.js';
import { claimOutDir, defaultOutDir, emptyManifest, MANIFEST, type Manifest, type OutDirRules } from '../output/folder.js';
import { takeTurn } from '../output/lock.js';
import { earlierExports, keepEarlier, type EarlierExport } from '../output/earlier-exports.js';
import { readTalk, renderTalk, type BuildEnv, type TalkBuild } from '../core/pipeline.js';
import { openRun, type Run, type RunSetup } from '../run/run.js';
import { findTalks, resolveInputs } from '../run/talks.js';
import { foreignFolders, indexFiles, listBuiltTalks, summary, type TalkPdfs, type TalkSummary } from '../output/talk-list.js';
import { hashOf } from '../io/store.js';
import type { OutputFile } from '../adapters/assets.js';
import { carryOver, freshOnly, madeFromFile, outputOptions, planRebuild, type RebuildPlan } from '../run/up-to-date.js';
import { pickShard } from '../run/shard.js';

export type { TalkSummary } from '../output/talk-list.js';

/** The run's options (cli/options.ts: each flag's library name) and what a build is given besides. */
export interface BuildOptions extends RunSetup {
  /** Decks or folders to build; default every talk in slides/. */
  inputs?: string[];
  /** Output folder. Default: dist. */
  outDir?: string;
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
  /** Talks left as they were: their output was made from what they are now. */
  upToDate?: string[];
}

const failed = (diagnostics: Diagnostic[], talks: TalkSummary[] = [], builds: TalkBuild[] = []): BuildResult => ({ ok: false, written: false, diagnostics, talks, builds, notes: [] });


export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  options.signal?.throwIfAborted();
  const run = openRun(options);
  if ('problems' in run) return failed(run.problems.map((p) => error('', 0, p)));
  const stop = () => void run.close();
  options.signal?.addEventListener('abort', stop, { once: true });
  try {
    return await buildWith(options, run);
  } finally {
    options.signal?.removeEventListener('abort', stop);
    await run.close();
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
  /** Each browser step's limit for a talk of this many slides (Run.stepMs). */
  stepMs(slides: number): number;
  earlier: Map<string, EarlierExport>;
  hashes: Map<string, string>;
  /** Undefined for check: nothing is kept. */
  plan?: RebuildPlan;
  diagnostics: Diagnostic[];
  exporting: boolean;
  handout: boolean;
}

async function buildWith(options: BuildOptions, run: Run): Promise<BuildResult> {
  const { paths } = run;
  const root = paths.root;
  const all = !options.inputs || options.inputs.length === 0;
  const found = all ? await findTalks(paths.slides) : await resolveInputs(options.inputs!, paths.slides);
  if (options.shard) found.talks = await pickShard(found.talks, options.shard);
  const fallbackOut = defaultOutDir(root, found.talks.map((t) => t.file));
  const outDir = path.resolve(root, options.outDir ?? fallbackOut);
  const rules: OutDirRules = {
    root,
    guarded: [paths.slides, paths.templates, ...['src', 'test', 'node_modules', '.git'].map((d) => path.join(root, d))],
    deckDirs: found.talks.map((t) => path.dirname(t.file)),
    slugs: all ? undefined : found.talks.map((t) => t.slug),
    near: path.dirname(fallbackOut),
  };
  // The pages' PDF links depend on what this build exports or keeps: asked of the job once it is made.
  const links: BuildEnv['links'] = (slug, deck) => linksOf(job, slug, deck);
  const { env, diagnostics: envDiagnostics } = await run.load({ links, outDir });
  const diagnostics = [...found.diagnostics, ...envDiagnostics];
  const claim = options.check ? { manifest: emptyManifest() } : await claimOutDir(outDir, rules);
  // A refused output folder stops the build before any deck is read (--out / must fail at once).
  if ('problem' in claim) return failed([...diagnostics, error('', 0, claim.problem)]);
  if (!env) return failed(diagnostics);
  if (!all) diagnostics.push(...(await foreignFolders(outDir, claim.manifest, found.talks)));
  const exporting = !options.check && options.pdf !== false;
  const plan = options.check ? undefined : await planRebuild(found.talks, outDir, claim.manifest, { env, browserPath: options.browserPath, skip: [outDir, paths.cache], options: outputOptions(options, exporting) }, !!options.force);
  const building = found.talks.filter((t) => !plan?.fresh.has(t.slug));
  // Nothing to build, no talk gone whose output a build of every talk would remove, the talk list whole: nothing to write.
  const gone = all && (Object.keys(claim.manifest.talks).some((slug) => !found.talks.some((t) => t.slug === slug)) || !plan?.listWhole);
  if (plan && building.length === 0 && !gone && !hasErrors(diagnostics)) return { ok: !hasErrors(diagnostics, options.strict), written: false, diagnostics, talks: [], builds: [], notes: [], upToDate: [...plan.fresh] };
  const earlier = exporting || options.check ? new Map<string, EarlierExport>() : await earlierExports(outDir, claim.manifest, found.talks.map((t) => t.slug), !options.png);
  const job: Job = { options, outDir, rules, env, builds: [], summaries: [], stepMs: run.stepMs, earlier, hashes: new Map(), plan, diagnostics, exporting, handout: options.handout ?? true };

  // Every deck's cheap checks first: a typo in front matter fails before Chromium starts.
  // With none, Chromium starts while the Markdown is rendered (~0.5 s of overlap).
  const reads = await Promise.all(building.map((talk) => readTalk(talk, env)));
  for (const r of reads) job.hashes.set(r.source.slug, hashOf(r.text ?? ''));
  // A talk found wrong (a deck that is a folder) is reported with the others' problems, but no browser starts.
  // --png and --pptx need the browser even with --no-pdf, which leaves out only the PDFs.
  const browsing = !!options.check || options.pdf !== false || !!options.png || !!options.pptx;
  // The longest deck's limit: Chromium's own time limit for one call is set when it starts.
  job.browser = !browsing || reads.length === 0 || hasErrors(diagnostics) || reads.some((r) => hasErrors(r.diagnostics)) ? undefined : run.browser(Math.max(0, ...reads.map((r) => r.raw.length)));
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

/** A talk's pages' links: its PDFs, and the picture link previews show. */
function linksOf(job: Job, slug: string, deck: DeckConfig): PageLinks {
  const pdfs = pdfsOf(job, slug, deck);
  // Link previews need an absolute URL; without a public url, a relative one still works locally.
  const og = talkFiles(slug).og;
  const ogImage = deck.pdf && (job.exporting || job.earlier.get(slug)?.og) ? (deck.url ? new URL(og, deck.url.endsWith('/') ? deck.url : `${deck.url}/`).href : og) : undefined;
  return { pdf: pdfs.pdf, handout: pdfs.handout, ogImage };
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
      // Loaded only when a browser runs: the browser stage and PowerPoint's packages (fonteditor,
      // jszip) cost an unchanged or --no-pdf build ~0.3 s of module loading.
      const { exportStage } = await import('../browser/export.js');
      const exported = await exportStage(builds, job.browser, {
        dir: stage.dir,
        pdf: job.exporting,
        handout: job.exporting && job.handout,
        pdfFragments: options.pdfFragments ?? false,
        png: options.png ?? false,
        pptx: options.check ? 'measure' : 'write',
        timeoutMs: job.stepMs,
        limits: job.env.limits,
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
      swapped = await swapOutput(job, stage.dir, files, notes);
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
  return { ok: !hasErrors(diagnostics, options.strict), written: true, diagnostics, talks: summaries, builds, notes, upToDate: [...(job.plan?.fresh ?? [])] };
}

/** Each talk's files into the staging folder, with its summary and the PDFs kept from an earlier build; what each talk wrote. */
async function stageTalks(job: Job, stageDir: string, notes: string[]): Promise<Record<string, string[]>> {
  const files: Record<string, string[]> = {};
  for (const [i, b] of job.builds.entries()) {
    const slug = b.source.slug;
    const dir = path.join(stageDir, slug);
    const recipe = job.plan?.recipes.get(slug);
    const list = [...b.files, { path: TALK_SUMMARY, data: JSON.stringify(job.summaries[i], null, 2) + '\n' }, ...(recipe ? [madeFromFile(recipe)] : [])];
    await writeFiles(dir, list);
    files[slug] = [...new Set(list.map((f) => f.path))];
    const kept = job.earlier.get(slug);
    if (kept && b.deck.pdf) {
      notes.push(await keepEarlier(job.outDir, slug, dir, kept, { file: b.source.displayFile, hash: job.hashes.get(slug)! }));
      files[slug].push(...kept.files);
    }
  }
  // A build of every talk replaces the whole folder: the talks up to date go into it as they are.
  if (job.rules.slugs === undefined) {
    for (const slug of job.plan?.fresh ?? []) {
      files[slug] = job.plan!.listed[slug]!;
      await carryOver(job.outDir, stageDir, slug, files[slug]);
    }
  }
  return files;
}

/**
 * In this build's turn: the output folder checked again (another build may have written it
 * meanwhile), its manifest read afresh, and this build's talks put in. False when refused.
 */
async function swapOutput(job: Job, stageDir: string, files: Record<string, string[]>, notes: string[]): Promise<boolean> {
  const { outDir, diagnostics } = job;
  const now = await claimOutDir(outDir, job.rules);
  if ('problem' in now) {
    diagnostics.push(error('', 0, now.problem));
    return false;
  }
  const all = job.rules.slugs === undefined;
  const manifest: Manifest = all ? { talks: files, index: [] } : { talks: { ...now.manifest.talks, ...files }, index: [] };
  const index = await indexFiles(job.env, await listBuiltTalks(outDir, all ? freshOnly(now.manifest, job.plan?.fresh) : manifest, job.summaries));
  manifest.index = index.map((f) => f.path);
  const leftOver: (string | undefined)[] = [];
  if (all) {
    // A talk built by name into this folder (a loose deck) has no deck among slides/: say that it goes.
    const dropped = Object.keys(now.manifest.talks).filter((slug) => !(slug in files));
    if (dropped.length > 0) notes.push(`removed ${dropped.map((slug) => `${displayPath(path.join(outDir, slug))}/`).join(', ')} from the output: a build of every talk keeps only the talks in slides/ (build a deck by name to add it back)`);
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
