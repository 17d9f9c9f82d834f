// A build without PDFs (--no-pdf, a quick look at the HTML) keeps what the browser made for
// each talk the last time: its PDFs, og.png and slide pictures stay in the output, listed in
// the manifest and linked from the pages, and the build says so, and whether the deck has
// changed since they were made (then they may not match it; a full build remakes them).
import { copyFile, lstat, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { TALK_SUMMARY, talkFiles } from '../core/outputs.js';
import type { Manifest } from './folder.js';
import { displayPath } from '../io/paths.js';
import type { TalkPdfs } from './talk-list.js';

export interface EarlierExport extends TalkPdfs {
  /** Every file to keep, relative to the talk's folder. */
  files: string[];
  og: boolean;
}

/** For each talk named, what an earlier build's browser made for it that is still in the output (its slide pictures unless this build makes new ones). */
export async function earlierExports(outDir: string, manifest: Manifest, slugs: string[], pictures: boolean): Promise<Map<string, EarlierExport>> {
  const found = new Map<string, EarlierExport>();
  for (const slug of slugs) {
    const names = talkFiles(slug);
    const listed = manifest.talks[slug] ?? [];
    const made = [...[names.pdf, names.handout, names.og].filter((f) => listed.includes(f)), ...listed.filter((f) => pictures && /^png\/slide-\d+\.png$/.test(f)).sort()];
    const files: string[] = [];
    for (const f of made) if ((await lstat(path.join(outDir, slug, f)).catch(() => undefined))?.isFile()) files.push(f);
    if (files.length === 0) continue;
    let exportedFrom: string | undefined;
    try {
      const from = (JSON.parse(await readFile(path.join(outDir, slug, TALK_SUMMARY), 'utf8')) as TalkPdfs).exportedFrom;
      if (typeof from === 'string') exportedFrom = from;
    } catch {
      // No summary: the deck's state then is unknown, and said to have changed.
    }
    const has = (f: string) => (files.includes(f) ? f : undefined);
    found.set(slug, { files, pdf: has(names.pdf), handout: has(names.handout), og: files.includes(names.og), exportedFrom });
  }
  return found;
}

/** Copy the kept files into the talk's staging folder, and say what was kept, once a talk. */
export async function keepEarlier(outDir: string, slug: string, stageDir: string, kept: EarlierExport, deck: { file: string; hash: string }): Promise<string> {
  for (const f of kept.files) {
    await mkdir(path.dirname(path.join(stageDir, f)), { recursive: true });
    await copyFile(path.join(outDir, slug, f), path.join(stageDir, f));
  }
  const shown = kept.files.filter((f) => !f.startsWith('png/'));
  const pictures = kept.files.length - shown.length;
  const what = [...shown, ...(pictures > 0 ? [`${pictures} slide picture${pictures > 1 ? 's' : ''}`] : [])].join(', ');
  const where = displayPath(path.join(outDir, slug));
  const changed = kept.exportedFrom === deck.hash ? '' : `; ${deck.file} has changed since they were made, so they may not match it: build without --no-pdf to remake them`;
  return `${where}: kept ${what} from an earlier build (--no-pdf makes none)${changed}`;
}
