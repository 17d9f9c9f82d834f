// `npm run new -- <slug>`: a new talk in slides/<slug>/ from the starter deck in
// templates/starter/, which shows every feature. It never overwrites an existing talk.
import { cp, mkdir, readFile, writeFile, access } from 'node:fs/promises';
import path from 'node:path';
import { KamishibaiError } from '../core/errors.js';

export interface NewTalkOptions {
  /** Project root (holding slides/ and templates/). */
  root: string;
  /** Where the starter lives; default <root>/templates/starter. */
  starter: string;
  slug: string;
  title?: string;
  lang?: 'ja' | 'en';
  /** Date written into the front matter (YYYY-MM-DD). */
  today: string;
}

/** Talk names longer than this would not fit a file name with what the build adds to them. */
const MAX_NAME = 100;

export async function newTalk(options: NewTalkOptions): Promise<{ dir: string; deck: string }> {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(options.slug)) {
    throw new KamishibaiError(`"${options.slug}" is not a usable talk name: use lower-case letters, digits and hyphens (it becomes the folder and the URL), e.g. my-talk`);
  }
  // The name becomes a folder and files (<name>-handout.pdf...): a file name holds 255 bytes.
  if (options.slug.length > MAX_NAME) {
    throw new KamishibaiError(`a talk name of ${options.slug.length} characters is too long to name its folder and files: use up to ${MAX_NAME}, e.g. ${options.slug.slice(0, 20).replace(/-+$/, '')}`);
  }
  const dir = path.join(options.root, 'slides', options.slug);
  const exists = await access(dir).then(
    () => true,
    () => false,
  );
  if (exists) throw new KamishibaiError(`slides/${options.slug} already exists; pick another name (nothing was changed)`);
  const lang = options.lang ?? 'en';
  const source = await readFile(path.join(options.starter, `slides.${lang}.md`), 'utf8');
  const title = options.title ?? options.slug.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());
  // JSON strings are valid YAML: any title is safe in the front matter.
  // One pass: a title that itself says {{date}} stays as written. The slug names the PDFs the closing slide links.
  const values: Record<string, string> = { title: JSON.stringify(title), date: options.today, slug: options.slug };
  const deck = source.replace(/\{\{(title|date|slug)\}\}/g, (_, key: string) => values[key]!);
  await mkdir(dir, { recursive: true });
  await cp(path.join(options.starter, 'images'), path.join(dir, 'images'), { recursive: true });
  const file = path.join(dir, 'slides.md');
  await writeFile(file, deck, { flag: 'wx' });
  return { dir, deck: file };
}
