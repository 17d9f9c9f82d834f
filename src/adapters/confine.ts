// A deck is content, not trusted code: every file it names (images, backgrounds, iframes,
// its theme, its CSS, its logo) must resolve, after symlinks, inside the talk's folder, or
// inside the folder the user named with --root (an ancestor of it: `../img/x.png` in a talks
// repository). file: URLs, absolute paths, and `..` and links that lead out are refused with a reason.
import { open, realpath, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import path from 'node:path';
import { displayPath as shown, isWithin, realInside } from '../io/paths.js';
import type { Reached } from '../core/model.js';
import { ROOT_COPY } from '../core/local-files.js';

/**
 * The file `name` (as written in the deck: relative, maybe %-escaped, maybe with ?query or
 * #hash) names inside `dir`, or why it may not be used. `dir` is the talk's folder; `allowed`
 * (--root) a folder above it that the user lets decks use files from.
 */
export async function reachInside(dir: string, name: string, what: string, allowed?: string): Promise<Reached> {
  const shownDir = `${shown(allowed ?? dir)}/`;
  if (/^file:/i.test(name)) return { problem: `${what} "${name}" is a file: URL; a deck may only use files in its own folder: copy it into ${shownDir} and name it relatively` };
  let decoded: string;
  try {
    decoded = decodeURI(name.split(/[?#]/)[0]!);
  } catch {
    return { problem: `${what} "${name}" has a malformed %-escape; write the file name as it is (or % as %25)` };
  }
  if (decoded.includes('\0')) return { problem: `${what} "${name}" contains a NUL character` };
  const own = await realpath(dir);
  const above = allowed ? await realpath(allowed).catch(() => undefined) : undefined;
  const root = above && isWithin(above, own) ? above : own;
  const abs = path.resolve(own, decoded);
  const where = await realInside([root], abs);
  if ('outside' in where) {
    const allow = root === own ? ' (or build with --root naming a folder above it that holds the file)' : '';
    return { problem: `${what} "${name}" is outside the talk's folder; move it into ${shownDir} so it can be published with the deck${allow}` };
  }
  if ('missing' in where) return { problem: `${what} "${name}" not found (looked for ${shown(abs)}); check the path, relative to the deck's folder` };
  if ('linkTo' in where) return { problem: `${what} "${name}" is a link to ${where.linkTo}, outside the talk's folder; copy the file into ${shownDir} instead of linking it` };
  const { real } = where;
  // Hidden files and folders are a repository's or a tool's own (.git/config, .env, .npmrc),
  // not a slide's: a deck at a project's root would otherwise publish their credentials, and
  // no list of tools' names is ever complete. A few hidden folders hold decks' and sites' own
  // files (Marp decks keep their themes in .marp/).
  // Only the way from the deck's folder counts: a deck kept in a hidden folder may use its own files.
  const hidden = [path.relative(own, abs), path.relative(own, real)].flatMap((p) => p.split(path.sep)).find((seg) => seg.startsWith('.') && seg !== '..' && !DECK_HIDDEN.has(seg.toLowerCase()));
  if (hidden) {
    return { problem: `${what} "${name}" is in ${hidden}, a hidden file or folder: a repository's or a tool's own settings (credentials among them), which a deck never publishes (hidden folders but ${[...DECK_HIDDEN].join(', ')} are refused): copy what the slide shows into a folder of its own` };
  }
  const info = await stat(real);
  if (!info.isFile()) return { problem: `${what} "${name}" ${notAFile(info)}` };
  if (info.size <= LFS_POINTER_MAX && (await isLfsPointer(real))) {
    return { problem: `${what} "${name}" is a Git LFS pointer, not the file itself; run \`git lfs pull\` to fetch it (and \`git lfs install\` once, so later clones fetch it)` };
  }
  // Published beside the deck: a file from above its folder goes under _root/, at its place in the root.
  const rel = isWithin(own, abs) ? path.relative(own, abs) : path.join(ROOT_COPY, path.relative(root, abs));
  return { file: real, rel: rel.split(path.sep).join('/'), size: info.size };
}

/** Hidden folders that hold a deck's or a docs site's own files: Marp's themes, a repository's README pictures, VuePress and VitePress assets. */
const DECK_HIDDEN = new Set(['.marp', '.github', '.vuepress', '.vitepress']);

/** What a path that is not a regular file is, and what to do. Opening a FIFO would wait for a writer for good. */
function notAFile(info: Stats): string {
  if (info.isDirectory()) return 'is a folder, not a file; name a file in it';
  const kind = info.isFIFO() ? 'a named pipe' : info.isSocket() ? 'a socket' : info.isCharacterDevice() || info.isBlockDevice() ? 'a device' : 'not a regular file';
  return `is ${kind}, not a file; name a regular file`;
}

/** Git LFS leaves a few lines of text where the file is until `git lfs pull`; a pointer is well under 200 bytes. */
const LFS_POINTER_MAX = 1024;

async function isLfsPointer(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(64);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return head.subarray(0, bytesRead).toString('latin1').startsWith('version https://git-lfs.github.com/spec/');
  } finally {
    await handle.close();
  }
}
