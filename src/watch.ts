// Watching a talk's sources for the dev server: fs.watch, recursive, made to survive the
// churn of a working folder, and a record of each file's size and time so that only real edits count.
import { watch, type FSWatcher } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** fs.watch, recursive (Node 20 on Linux, macOS and Windows), editors' temp files ignored. */
export function startWatching(dirs: string[], onChange: (file: string) => void): { close(): void }[] {
  return dirs.map((dir) =>
    watchSafely(dir, true, (name) => {
      if (name === '' || !/(^|[/\\])(\.|#|~)|~$|\.swp$/.test(name)) onChange(path.join(dir, name));
    }),
  );
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
  const stampOf = (file: string) => stat(file).then((s) => `${s.size}:${s.mtimeMs}`, () => 'gone');
  for (const dir of dirs) {
    for (const e of await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => [])) {
      if (e.isFile()) {
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
