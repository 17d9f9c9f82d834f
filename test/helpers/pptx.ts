// Read a .pptx the way the tests need it (each slide's paragraphs and runs, its notes, the
// embedded fonts as TrueType) and draw it with LibreOffice Impress. Debian's LibreOffice 7.4
// does not read embedded fonts, so it is given the file's own fonts through a fontconfig
// folder of the test's own (and a HOME and profile of its own), which also keeps the
// machine's fonts out: a face it lacks shows up as a fallback in pdffonts.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { decodeXML } from 'entities';
import JSZip from 'jszip';
import type { Pixels } from './pixels.js';

export interface PptxRun {
  text: string;
  latin?: string;
  ea?: string;
  bold: boolean;
}

export interface PptxParts {
  slides: string[];
  /** Notes page of each slide ('' where a slide has none). */
  notes: string[];
  presentation: string;
  /** Embedded fonts: the typeface presentation.xml names, its face, the part's bytes (EOT). */
  fonts: { typeface: string; face: 'regular' | 'bold'; data: Uint8Array }[];
  /** Every part's name. */
  parts: string[];
}

const numbered = (names: string[], re: RegExp) =>
  names.filter((n) => re.test(n)).sort((a, b) => Number(re.exec(a)![1]) - Number(re.exec(b)![1]));

export async function readPptx(file: string): Promise<PptxParts> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const text = async (name: string) => (await zip.file(name)?.async('string')) ?? '';
  const parts = Object.keys(zip.files);
  const slideNames = numbered(parts, /^ppt\/slides\/slide(\d+)\.xml$/);
  const slides = await Promise.all(slideNames.map(text));
  const notes = await Promise.all(slideNames.map((n) => text(n.replace('slides/slide', 'notesSlides/notesSlide'))));
  const presentation = await text('ppt/presentation.xml');
  const rels = await text('ppt/_rels/presentation.xml.rels');
  const fonts: PptxParts['fonts'] = [];
  for (const [, typeface, faces] of presentation.matchAll(/<p:embeddedFont><p:font typeface="([^"]*)"[^>]*\/>(.*?)<\/p:embeddedFont>/g)) {
    for (const [, face, id] of faces!.matchAll(/<p:(regular|bold) r:id="([^"]+)"\/>/g)) {
      const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1];
      const data = target ? await zip.file(`ppt/${target}`)?.async('uint8array') : undefined;
      if (data) fonts.push({ typeface: decodeXML(typeface!), face: face as 'regular' | 'bold', data });
    }
  }
  return { slides, notes, presentation, fonts, parts };
}

/** Each <a:p> of a part, as the text of its runs joined. */
export function paragraphs(xml: string): string[] {
  return [...xml.matchAll(/<a:p>(.*?)<\/a:p>/gs)].map(([, p]) => [...p!.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map(([, t]) => decodeXML(t!)).join(''));
}

export function runs(xml: string): PptxRun[] {
  return [...xml.matchAll(/<a:r><a:rPr([^>]*?)(?:\/>|>(.*?)<\/a:rPr>)<a:t>([^<]*)<\/a:t><\/a:r>/gs)].map(([, attrs, props = '', t]) => ({
    text: decodeXML(t!),
    latin: /<a:latin typeface="([^"]*)"/.exec(props)?.[1],
    ea: /<a:ea typeface="([^"]*)"/.exec(props)?.[1],
    bold: / b="1"/.test(attrs!),
  }));
}

/** The font inside an Embedded OpenType part (uncompressed: the data ends the file). */
export function eotFontData(eot: Uint8Array): Uint8Array {
  const view = new DataView(eot.buffer, eot.byteOffset, eot.byteLength);
  const eotSize = view.getUint32(0, true);
  const fontDataSize = view.getUint32(4, true);
  return eot.subarray(eotSize - fontDataSize, eotSize);
}

/**
 * LibreOffice's PDF of each file, drawn with exactly `fonts` (TrueType): into `dir`, one
 * soffice run for all (it takes ~20 s to start). Returns the PDFs' paths, in order.
 */
export function renderWithLibreOffice(files: string[], fonts: Uint8Array[], dir: string): string[] {
  const fontDir = path.join(dir, 'fonts');
  mkdirSync(fontDir, { recursive: true });
  mkdirSync(path.join(dir, 'home'), { recursive: true });
  fonts.forEach((f, i) => writeFileSync(path.join(fontDir, `font${i}.ttf`), f));
  const conf = path.join(dir, 'fonts.conf');
  writeFileSync(conf, `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig><dir>${fontDir}</dir><cachedir>${path.join(dir, 'fc-cache')}</cachedir></fontconfig>\n`);
  const out = path.join(dir, 'pdf');
  const r = spawnSync('soffice', [`-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', out, ...files], {
    env: { ...process.env, HOME: path.join(dir, 'home'), FONTCONFIG_FILE: conf },
    encoding: 'utf8',
    timeout: 600_000,
  });
  if (r.status !== 0) throw new Error(`soffice failed (${r.status ?? r.signal}): ${r.stderr}`);
  return files.map((f) => path.join(out, `${path.basename(f, '.pptx')}.pdf`));
}

/** Whether LibreOffice is here (the test script installs it where it can: scripts/test.sh). */
export function haveLibreOffice(): boolean {
  try {
    execFileSync('soffice', ['--version'], { stdio: 'ignore', timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
}

/** Mean absolute difference of two same-sized pictures, 0 (alike) .. 1, over every channel. */
export function meanDifference(a: Pixels, b: Pixels): number {
  if (a.width !== b.width || a.height !== b.height) throw new Error(`sizes differ: ${a.width}x${a.height} and ${b.width}x${b.height}`);
  let sum = 0;
  for (let i = 0; i < a.data.length; i++) sum += Math.abs(a.data[i]! - b.data[i]!);
  return sum / a.data.length / 255;
}

/** Every page of a PDF scaled to `size`, in one pdftoppm run (one a page is ~10 times slower). */
export function allPagePixels(file: string, size: [number, number], tmp: string): Pixels[] {
  const dir = mkdtempSync(path.join(tmp, 'pages-'));
  try {
    execFileSync('pdftoppm', ['-scale-to-x', String(size[0]), '-scale-to-y', String(size[1]), file, path.join(dir, 'p')]);
    return readdirSync(dir).sort().map((name) => {
      const ppm = readFileSync(path.join(dir, name));
      const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 40).toString('latin1'))!;
      return { width: Number(header[1]), height: Number(header[2]), data: new Uint8Array(ppm.subarray(header[0].length)) };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
