// `kamishibai index`: the talk list (index.html, its fonts) and the output's manifest, written
// from the talks present in an output folder. N builds of one shard each (--shard K/N), their
// folders copied into one, become one site: each talk folder a build made (it holds talk.json)
// is listed with every file in it; anything else in the folder is refused, never listed.
import { lstat, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { error, type Diagnostic } from '../core/errors.js';
import { LIST_NAMES, TALK_SUMMARY, talkSlug } from '../core/outputs.js';
import { MANIFEST, type Manifest } from '../output/folder.js';
import { takeTurn } from '../output/lock.js';
import { replaceFiles } from '../output/staging.js';
import { displayPath } from '../io/paths.js';
import { loadEnv, projectPaths } from '../run/project.js';
import { indexFiles, listBuiltTalks } from '../output/talk-list.js';

export interface IndexOptions {
  /** Project root holding templates/ (the list's page). Default: the working directory. */
  root?: string;
  /** The output folder. Default: dist in the project. */
  outDir?: string;
  signal?: AbortSignal;
}

export interface IndexResult {
  ok: boolean;
  /** The talks listed. */
  talks: string[];
  diagnostics: Diagnostic[];
}

export async function writeIndex(options: IndexOptions = {}): Promise<IndexResult> {
  const root = path.resolve(options.root ?? '.');
  const outDir = path.resolve(root, options.outDir ?? 'dist');
  const shown = displayPath(outDir);
  const found = await talkFolders(outDir);
  if ('problem' in found) return { ok: false, talks: [], diagnostics: [error('', 0, found.problem)] };
  const { env, diagnostics } = await loadEnv(projectPaths(root));
  if (!env) return { ok: false, talks: [], diagnostics };
  const manifest: Manifest = { talks: found.talks, index: [] };
  const list = await indexFiles(env, await listBuiltTalks(outDir, manifest, []));
  manifest.index = list.map((f) => f.path);
  const turn = await takeTurn(outDir, options.signal);
  if ('problem' in turn) return { ok: false, talks: [], diagnostics: [...diagnostics, error('', 0, turn.problem)] };
  try {
    // The list's fonts of each shard copied in: only this list's are kept.
    await rm(path.join(outDir, 'assets'), { recursive: true, force: true });
    await replaceFiles(outDir, [...list, { path: MANIFEST, data: JSON.stringify(manifest, null, 1) + '\n' }]);
  } catch (e) {
    const fault = e as NodeJS.ErrnoException;
    if (!fault.syscall) throw e;
    diagnostics.push(error('', 0, `could not write the talk list in ${shown}: ${fault.code ?? fault.message}`));
  } finally {
    await turn.release();
  }
  return { ok: !diagnostics.some((d) => d.severity === 'error'), talks: Object.keys(found.talks).sort(), diagnostics };
}

/** The talk folders at the top of `outDir`, each with its files; or what does not belong there. */
async function talkFolders(outDir: string): Promise<{ talks: Record<string, string[]> } | { problem: string }> {
  const shown = displayPath(outDir);
  const entries = await readdir(outDir, { withFileTypes: true }).catch(() => undefined);
  if (!entries) return { problem: `no output folder at ${shown}; build the talks into it first (npm run build -- --out ${shown})` };
  const talks: Record<string, string[]> = {};
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (e.name === MANIFEST || LIST_NAMES.includes(e.name)) continue;
    const isTalk = e.isDirectory() && talkSlug(e.name) === e.name && (await lstat(path.join(outDir, e.name, TALK_SUMMARY)).then((s) => s.isFile(), () => false));
    if (!isTalk) return { problem: `${shown}/${e.name} is not a talk a build made (no ${TALK_SUMMARY} in it); the talk list holds only built talks: move it out of ${shown}/` };
    const files = await filesUnder(path.join(outDir, e.name));
    if (typeof files === 'string') return { problem: `${shown}/${e.name}/${files} is a link, which no build makes; remove it` };
    talks[e.name] = files;
  }
  return { talks };
}

/** Every file under `dir`, relative with forward slashes; the first link found instead, as a string. */
async function filesUnder(dir: string, prefix = ''): Promise<string[] | string> {
  const files: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const rel = `${prefix}${e.name}`;
    if (e.isSymbolicLink()) return rel;
    if (e.isDirectory()) {
      const inner = await filesUnder(path.join(dir, e.name), `${rel}/`);
      if (typeof inner === 'string') return inner;
      files.push(...inner);
    } else if (e.isFile()) files.push(rel);
  }
  return files.sort();
}
