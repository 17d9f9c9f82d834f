// Watching a talk's sources for the dev server: fs.watch, recursive, made to survive the
// churn of a working folder, and a record of each file's size and time so that only real edits count.
import { watch, type FSWatcher } from 'node:fs';
import { lstat, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Run } from '../run/run.js';
import { CONFIG_FILE } from '../run/project-config.js';

/** Editors' temp and backup files, and hidden files and folders. */
const IGNORED = /(^|[/\\])(\.|#|~)|~$|\.swp$/;

/** fs.watch, recursive (Node 20 on Linux, macOS and Windows), editors' temp files ignored. */
export function startWatching(dirs: string[], onChange: (file: string) => void): { close(): void }[] {
  return dirs.flatMap((dir) => {
    const emit = (name: string) => {
      if (name === '' || !IGNORED.test(name)) onChange(path.join(dir, name));
    };
    return process.platform === 'linux' ? [watchSafely(dir, true, emit), eachFolder(dir, emit)] : [watchSafely(dir, true, emit)];
  });
}

/**
 * Node 20's recursive watcher on Linux polls the files it found at start (through links) and
 * misses a file renamed over one of them, or a link replaced by a file. A watcher on each
 * folder (inotify) sees every entry made, renamed or removed in it; new folders get theirs.
 */
function eachFolder(root: string, emit: (name: string) => void): { close(): void } {
  const watchers = new Map<string, { close(): void }>();
  let closed = false;
  const add = (rel: string) => {
    if (closed || watchers.has(rel) || IGNORED.test(rel)) return;
    watchers.set(rel, watchSafely(path.join(root, rel), false, (name) => {
      const sub = rel ? path.join(rel, name) : name;
      emit(sub);
      void stat(path.join(root, sub)).then((s) => s.isDirectory() && add(sub), () => undefined);
    }));
  };
  add('');
  void readdir(root, { withFileTypes: true, recursive: true }).then(
    (entries) => entries.filter((e) => e.isDirectory()).forEach((e) => add(path.relative(root, path.join(e.parentPath, e.name)))),
    () => undefined,
  );
  return {
    close() {
      closed = true;
      for (const w of watchers.values()) w.close();
    },
  };
}

/**
 * A watcher that survives its folder's churn: Node's recursive watcher on Linux fails with an
 * error event when a subfolder is removed while it is being added; it is then started again.
 */
export function watchSafely(dir: string, recursive: boolean, onName: (name: string) => void): { close(): void } {
  let watcher: FSWatcher | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  const start = () => {
    if (closed) return;
    try {
      watcher = watch(dir, { recursive }, (_event, name) => name && onName(name.toString()));
      watcher.on('error', () => {
        watcher?.close();
        retry = setTimeout(start, 100);
        onName(''); // something may have changed while nobody watched
      });
    } catch {
      retry = setTimeout(start, 500);
    }
  };
  start();
  return {
    close() {
      closed = true;
      clearTimeout(retry);
      watcher?.close();
    },
  };
}

/**
 * Each watched file's size and modification time when last seen: an event for a file nobody
 * changed (watchers report some on start, and after a restart) builds nothing. Stat, not a
 * hash: a talk folder may hold large media that the server should not read to start.
 */
export async function changeWatch(dirs: string[]): Promise<{ changed(file: string): Promise<boolean> }> {
  const seen = new Map<string, string>();
  // The entry itself (lstat: a link replaced by a copy of its file is a new entry, even with the
  // same size and time) and what it leads to (stat: the file behind a link changes too).
  const stampOf = (file: string) =>
    Promise.all([lstat(file), stat(file).catch(() => undefined)]).then(
      ([l, s]) => `${l.ino}:${l.isSymbolicLink()}:${s ? `${s.size}:${s.mtimeMs}` : 'dangling'}`,
      () => 'gone',
    );
  for (const dir of dirs) {
    for (const e of await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => [])) {
      if (e.isFile() || e.isSymbolicLink()) {
        const file = path.join(e.parentPath, e.name);
        seen.set(file, await stampOf(file));
      }
    }
  }
  return {
    async changed(file) {
      const stamp = await stampOf(file);
      if (seen.get(file) === stamp && stamp !== 'gone') return false;
      seen.set(file, stamp);
      return true;
    },
  };
}

/**
 * Watch the talk's folder, the templates and the project config; `onChange` for a file whose
 * content changed: `fresh` when the environment must be read again, `emptied` when it is the
 * deck and it is now empty (most likely a save half done: truncated, the text still to come).
 */
export async function watchTalk(talkFile: string, paths: Run['paths'], onChange: (change: { fresh: boolean; emptied: boolean }) => void): Promise<{ close(): void }[]> {
  const sources = await changeWatch([path.dirname(talkFile), paths.templates]);
  const watchers = startWatching([path.dirname(talkFile), paths.templates], async (file) => {
    if (!(await sources.changed(file))) return;
    const emptied = file === talkFile && (await stat(file).then((s) => s.size === 0, () => false));
    onChange({ fresh: file.startsWith(paths.templates), emptied });
  });
  // The project config: the root folder, not recursively (that would watch node_modules).
  watchers.push(
    watchSafely(paths.root, false, async (name) => {
      if (name === CONFIG_FILE && (await sources.changed(path.join(paths.root, name)))) onChange({ fresh: true, emptied: false });
    }),
  );
  return watchers;
}
