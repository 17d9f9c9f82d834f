// A run: its options checked once (the table in cli/options.ts), the project read (templates,
// themes, config) into the environment the core builds with, and its one browser, which
// Mermaid and the export stage share.
// build(), check and dev open a run the same way, so that dev serves what build makes; the
// environment is made whole and never changed after.
import path from 'node:path';
import type { DeckConfig } from '../core/config.js';
import type { Diagnostic } from '../core/errors.js';
import type { BuildEnv } from '../core/model.js';
import { browserStepMs } from '../core/outputs.js';
import { TALK_OUTPUTS } from '../core/talk-outputs.js';
import { runOptionProblems, type RunOptions } from '../cli/options.js';
import { loadEnv, projectPaths, type ProjectEnv, type ProjectPaths } from './project.js';
import { displayPath, isWithin } from '../io/paths.js';
import { realOrPlanned } from '../output/folder.js';
import { runBrowser, type BrowserStart } from '../browser/session.js';
import { reachInside } from '../adapters/confine.js';
import { findMarpThemes } from '../adapters/marp-themes.js';
import { LARGE_DECK_LIMITS } from '../core/deck-size.js';

export type { RunOptions } from '../cli/options.js';

export interface RunSetup extends RunOptions {
  /** Project root holding templates/ and slides/. Default: the working directory. */
  root?: string;
  /** Front-matter values that override every deck's, beside the flags' own (theme, separators). */
  deck?: Partial<DeckConfig>;
}

/** What one command gives the environment of its own: the pages' PDF links, its slide cache, and the folder it writes. */
export interface RunPorts {
  links?: BuildEnv['links'];
  slideCache?: BuildEnv['slideCache'];
  /** The output folder: a deck may not publish what a build wrote there. */
  outDir?: string;
}

export interface Run {
  readonly paths: ProjectPaths;
  readonly options: Readonly<RunOptions>;
  /** The limit of each browser step for a talk of this many slides: --timeout, else one that grows with the deck. */
  stepMs(slides: number): number;
  /** The project read (again, when dev sees a template or the config change), as the core's environment. */
  load(ports?: RunPorts): Promise<{ env?: ProjectEnv; diagnostics: Diagnostic[] }>;
  /** The run's one Chromium (--browser-path), started by the first step that needs a page:
   * diagrams draw in it, the export stage prints in it. Chromium's own limit for one call is
   * set when it starts: the first caller names the longest deck it will be given. */
  browser(slides?: number): BrowserStart;
  /** End the browser, if one started; no browser starts after. Ctrl-C calls it at once. */
  close(): Promise<void>;
}

/** A run, or why its options cannot be used (the command line's words). */
export function openRun(setup: RunSetup): Run | { problems: string[] } {
  const problems = runOptionProblems(setup);
  if (problems.length > 0) return { problems };
  const { root, deck, ...options } = setup;
  const paths = projectPaths(path.resolve(root ?? '.'));
  const stepMs = (slides: number) => options.timeoutMs ?? browserStepMs(slides);
  const flagsDeck = deckOverrides(options, deck);
  const chromium = runBrowser({ browserPath: options.browserPath, timeoutMs: stepMs });
  return Object.freeze({
    paths,
    options: Object.freeze(options),
    stepMs,
    async load(ports: RunPorts = {}) {
      const loaded = await loadEnv(paths, { browser: () => chromium.get(), timeoutMs: stepMs(0) });
      if (!loaded.env) return loaded;
      const { outDir, ...own } = ports;
      // --root: a deck may use files anywhere under that folder, not only in its own.
      const allowed = options.fileRoot;
      const reach: BuildEnv['reach'] = allowed ? (dir, name, what) => reachInside(dir, name, what, allowed) : loaded.env.reach;
      const env: ProjectEnv = {
        ...loaded.env,
        ...own,
        reach: outDir ? await outsideOutput(reach, outDir) : reach,
        ...(allowed ? { marpThemes: (dir: string) => findMarpThemes([dir, allowed]) } : {}),
        flagsDeck,
        dialectName: options.dialect,
        outputs: TALK_OUTPUTS.filter((o) => options[o.option as keyof RunOptions]).map((o) => o.option),
        baseUrl: options.baseUrl,
        ...(options.large ? { limits: LARGE_DECK_LIMITS } : {}),
      };
      return { env: Object.freeze(env), diagnostics: loaded.diagnostics };
    },
    browser: chromium.get,
    close: chromium.close,
  });
}

/** The front matter the run's flags set over every deck's. */
function deckOverrides(options: RunOptions, deck: Partial<DeckConfig> | undefined): Partial<DeckConfig> | undefined {
  const flags: Partial<DeckConfig> = {
    ...deck,
    ...(options.pptx ? { pptx: true } : {}),
    ...(options.theme ? { theme: options.theme } : {}),
    ...(options.separator ? { separator: options.separator } : {}),
    ...(options.verticalSeparator ? { verticalSeparator: options.verticalSeparator } : {}),
  };
  return Object.keys(flags).length > 0 ? flags : undefined;
}

/** An output folder inside a deck's folder is the build's, not the deck's: never published again. */
async function outsideOutput(reach: BuildEnv['reach'], outDir: string): Promise<BuildEnv['reach']> {
  const out = await realOrPlanned(outDir);
  return async (dir, name, what) => {
    const r = await reach(dir, name, what);
    return 'file' in r && isWithin(out, r.file) ? { problem: `${what} "${name}" is in the output folder ${displayPath(outDir)}/, which a build replaces; a deck publishes its own files, not a build's output` } : r;
  };
}
