// Marp's custom themes on disk: CSS files that declare `/* @theme name */`, found by name in
// the talk's folder (and the --root folder), as marp-cli finds the files its themeSet lists;
// and, when such a theme is bundled, its `@import 'name'` of another theme (Marp's own
// default, gaia and uncover come from marp-core's package, offline). What they load from the
// network (web fonts) is left out: the core warns about it (dialects/marp-theme.ts).
import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type * as esbuild from 'esbuild';
import { isUsable, MARP_BUILT_IN, themeNameOf, withoutRemoteImports, withoutUnusableUrls } from './core/dialects/marp-theme.js';

/** A folder tree larger than a talk's is not searched further (a home folder given as --root). */
const MAX_ENTRIES = 5000;
const MAX_DEPTH = 6;
const MAX_CSS_BYTES = 1_000_000;

/** Theme name -> CSS file, for the CSS files under `dirs` that declare one; the first folder wins a name. */
export async function findMarpThemes(dirs: string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  let entries = 0;
  const walk = async (dir: string, depth: number): Promise<void> => {
    const list = (await readdir(dir, { withFileTypes: true }).catch(() => [])).sort((a, b) => a.name.localeCompare(b.name));
    for (const e of list) {
      if (++entries > MAX_ENTRIES) return;
      const p = path.join(dir, e.name);
      // Symlinks are neither followed nor read: a theme must be a file inside the folder.
      if (e.isDirectory() && depth < MAX_DEPTH && e.name !== 'node_modules' && e.name !== '.git') await walk(p, depth + 1);
      else if (e.isFile() && e.name.endsWith('.css') && (await stat(p)).size <= MAX_CSS_BYTES) {
        const name = themeNameOf(await readFile(p, 'utf8'));
        if (name && !found.has(name)) found.set(name, p);
      }
    }
  };
  for (const dir of dirs) await walk(dir, 0);
  return found;
}

/** marp-core's own theme CSS by name, loaded only when a theme imports one. */
async function builtInCss(name: string): Promise<string> {
  const { Marp } = await import('@marp-team/marp-core');
  return new Marp().themeSet.get(name)?.css ?? '';
}

/** A theme's CSS as the page can use it: what it names from the network or that is not there left out (the core warns). */
function usableCss(css: string, file: string): string {
  const exists = (rel: string) => {
    try {
      return existsSync(path.resolve(path.dirname(file), decodeURI(rel)));
    } catch {
      return false;
    }
  };
  return withoutUnusableUrls(withoutRemoteImports(css), (url) => isUsable(url, exists));
}

/** `@import 'name'` in a Marp theme: another theme of the deck's, or one of Marp's own; remote imports left out. */
export function marpThemeImports(themes: Record<string, string>): esbuild.Plugin {
  const files = new Set(Object.values(themes));
  return {
    name: 'marp-theme-imports',
    setup(build) {
      build.onResolve({ filter: /^[\w-]+$/ }, (args) => {
        if (args.kind !== 'import-rule' || !(args.namespace === 'marp' || files.has(args.importer))) return undefined;
        if (Object.hasOwn(themes, args.path)) return { path: themes[args.path] };
        return MARP_BUILT_IN.includes(args.path) ? { path: args.path, namespace: 'marp' } : undefined;
      });
      build.onLoad({ filter: /.*/, namespace: 'marp' }, async (args) => ({ contents: withoutRemoteImports(await builtInCss(args.path)), loader: 'css' }));
      build.onLoad({ filter: /\.css$/ }, async (args) => (files.has(args.path) ? { contents: usableCss(await readFile(args.path, 'utf8'), args.path), loader: 'css' } : undefined));
    },
  };
}
