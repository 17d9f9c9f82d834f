// Writing cache and exported files so that a reader (another build, a browser) never sees
// half of one: written beside, then renamed over. Every cache and export writes through it;
// only the staging folder, which nobody reads until it is swapped in, is written directly.
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

export { hashOf } from '../core/slide-cache.js';

/** Writes this process has begun: each has its own file aside, so that two at once (two builds in one process) do not take each other's. */
let writes = 0;

export async function writeAtomic(file: string, data: Uint8Array | string): Promise<void> {
  const aside = `${file}.tmp-${process.pid}-${++writes}`;
  await mkdir(path.dirname(file), { recursive: true });
  try {
    await writeFile(aside, data);
    await rename(aside, file);
  } catch (e) {
    await rm(aside, { force: true });
    throw e;
  }
}

/**
 * The cache folder's one way in and out: each entry a file `<dir>/<namespace>/<key>`, written
 * atomically. A missing entry, one that cannot be read and, for JSON, one that does not parse
 * (an older format) are all a miss: the caller makes the value again and puts it.
 */
export interface CacheStore {
  get(namespace: string, key: string): Promise<Uint8Array | undefined>;
  put(namespace: string, key: string, data: Uint8Array | string): Promise<void>;
  getJson<T>(namespace: string, key: string): Promise<T | undefined>;
  putJson(namespace: string, key: string, value: unknown): Promise<void>;
  /** Where an entry lives, for one that must be a file of its own (a module to import). */
  fileOf(namespace: string, key: string): string;
}

export function cacheStore(dir: string): CacheStore {
  const file = (namespace: string, key: string) => path.join(dir, namespace, key);
  const get = (namespace: string, key: string) => readFile(file(namespace, key)).catch(() => undefined);
  return {
    get,
    put: (namespace, key, data) => writeAtomic(file(namespace, key), data),
    async getJson<T>(namespace: string, key: string) {
      const data = await get(namespace, `${key}.json`);
      try {
        return data && (JSON.parse(data.toString('utf8')) as T);
      } catch {
        return undefined;
      }
    },
    putJson: (namespace, key, value) => writeAtomic(file(namespace, `${key}.json`), JSON.stringify(value)),
    fileOf: file,
  };
}

/**
 * Values a process makes once and reuses in every build it runs (the dev server, a test run,
 * a programmatic caller), keyed by everything they are made from, so that a changed input is
 * a new key. The last `limit` keys are kept; a value whose making failed is forgotten.
 */
export function memoryCache<T>(limit: number): (key: string, make: () => Promise<T>) => Promise<T> {
  const values = new Map<string, Promise<T>>();
  return (key, make) => {
    let value = values.get(key);
    if (!value) {
      const made = make();
      values.set(key, made);
      made.catch(() => values.get(key) === made && values.delete(key));
      value = made;
      if (values.size > limit) values.delete(values.keys().next().value!);
    }
    return value;
  };
}
