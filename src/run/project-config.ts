// kamishibai.config.ts: defaults for every talk of a repository, checked against the same
// schema as front matter. TypeScript, so it is compiled with esbuild before it is imported.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { validateDeckFields, type DeckConfig, type ProjectConfig } from '../core/config.js';
import { error, warning, type Diagnostic } from '../core/errors.js';
import { cacheStore, hashOf, writeAtomic, type CacheStore } from '../io/store.js';
import { ENGINE_ROOT } from '../io/paths.js';

export const CONFIG_FILE = 'kamishibai.config.ts';

export async function loadProjectConfig(root: string, cacheDir: string): Promise<{ deck: Partial<DeckConfig>; diagnostics: Diagnostic[] }> {
  const file = path.join(root, CONFIG_FILE);
  if (!existsSync(file)) return { deck: {}, diagnostics: [] };
  const display = path.relative(process.cwd(), file) || CONFIG_FILE;
  const source = await readFile(file, 'utf8');
  let config: ProjectConfig;
  try {
    config = await importTs(file, source, cacheDir);
  } catch (e) {
    const { message, line } = whyNotLoaded(e);
    return { deck: {}, diagnostics: [error(display, line, `cannot load the config: ${message}`)] };
  }
  if (typeof config !== 'object' || config === null) {
    return { deck: {}, diagnostics: [error(display, 0, 'the config must `export default defineConfig({ deck: { ... } })`')] };
  }
  const diagnostics: Diagnostic[] = [];
  for (const key of Object.keys(config)) {
    if (key !== 'deck') diagnostics.push(error(display, lineOfKey(source, key), `unknown config key "${key}"; the config has "deck" (front-matter defaults for every talk)`));
  }
  const { values, problems } = validateDeckFields((config.deck ?? {}) as Record<string, unknown>);
  for (const p of problems) diagnostics.push((p.severity === 'warning' ? warning : error)(display, lineOfKey(source, p.key), p.message.replace('front-matter key', 'key in deck')));
  return { deck: values, diagnostics };
}

/** The line that sets `key` (quoted or not); the key is text, never a pattern: it may hold "(". */
function lineOfKey(source: string, key: string): number {
  const lines = source.split('\n');
  const sets = (l: string) => [`'${key}'`, `"${key}"`, key].some((k) => l.includes(`${k}:`) || l.includes(`${k} :`));
  const i = lines.findIndex((l) => sets(l.trimStart().slice(0, key.length + 3)));
  const j = i >= 0 ? i : lines.findIndex(sets);
  return j < 0 ? 0 : j + 1;
}

/**
 * Why the config did not load: esbuild's own first error and its line (its message's first
 * line is only "Build failed with 1 error:"), or what importing it threw.
 */
function whyNotLoaded(e: unknown): { message: string; line: number } {
  const first = (e as { errors?: { text: string; location?: { line: number } | null }[] }).errors?.[0];
  if (first) return { message: first.text, line: first.location?.line ?? 0 };
  const message = (e as Error).message;
  return { message: message.split('\n')[0]!, line: Number(/:(\d+):\d+:/.exec(message)?.[1] ?? 0) };
}

/**
 * Compile the config with esbuild and import it. The compiled module is cached under a key made
 * of every file the bundle read (the config and each local helper it imports, as esbuild's
 * metafile lists them): editing a helper compiles again. The list is kept beside the modules
 * (the cache's config/ namespace).
 */
async function importTs(file: string, source: string, cacheDir: string): Promise<ProjectConfig> {
  const store = cacheStore(cacheDir);
  const list = `inputs-${hashOf(file)}`;
  const inputs = (await store.getJson<string[]>('config', list)) ?? [];
  let out = inputs.length > 0 ? await compiledName(store, inputs) : undefined;
  if (!out || !existsSync(out)) {
    const esbuild = await import('esbuild');
    const result = await esbuild.build({
      entryPoints: [file],
      // Paths relative to the config's folder, not to whatever folder the process is in.
      absWorkingDir: path.dirname(file),
      bundle: true,
      format: 'esm',
      platform: 'node',
      write: false,
      metafile: true,
      logLevel: 'silent',
      // `import { defineConfig } from 'kamishibai'` resolves to this engine.
      alias: { kamishibai: path.join(ENGINE_ROOT, 'src', 'core', 'config.ts') },
    });
    const read = Object.keys(result.metafile.inputs).map((p) => path.resolve(path.dirname(file), p));
    out = (await compiledName(store, read)) ?? store.fileOf('config', `${hashOf(file, source, String(Date.now()))}.mjs`);
    await writeAtomic(out, result.outputFiles[0]!.contents);
    await store.putJson('config', list, read);
  }
  const mod = (await import(pathToFileURL(out).href)) as { default: ProjectConfig };
  return mod.default;
}

/** The compiled module's path for these input files as they are now; undefined when one cannot be read. */
async function compiledName(store: CacheStore, inputs: string[]): Promise<string | undefined> {
  const texts = await Promise.all(inputs.map((f) => readFile(f, 'utf8').catch(() => undefined)));
  if (texts.some((t) => t === undefined)) return undefined;
  return store.fileOf('config', `${hashOf(...inputs.flatMap((f, i) => [f, texts[i]!]))}.mjs`);
}
