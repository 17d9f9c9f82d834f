// Mermaid diagrams drawn to SVG at build time, in Chromium (Mermaid lays text out with the
// browser's own measurement: no Node library draws the same diagrams). Each SVG is cached
// by its source, look and Mermaid's version, so a rebuild, --no-pdf build or dev reload
// starts no browser for diagrams it has drawn before. Offline: the Mermaid bundle comes from
// node_modules, fonts from @fontsource, and the page refuses the network.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DiagramJob, DiagramLook, DiagramResult } from '../core/model.js';
import { familyOrder, type FontFace } from './font-plan.js';
import type { Page } from 'puppeteer-core';
import { givePageBack, openPage } from '../browser/launch.js';
import type { BrowserStart } from '../browser/session.js';
import { cacheStore, hashOf } from '../io/store.js';
import { escapeHtml } from '../core/html.js';

const require = createRequire(import.meta.url);
const MERMAID = require.resolve('mermaid/dist/mermaid.min.js');
const MERMAID_VERSION = (require('mermaid/package.json') as { version: string }).version;
/** Bumped when how a diagram is drawn changes (not Mermaid's settings, which are in the key): no cached drawing outlives it. */
const DRAWING_RECIPE = '2';

const MAX_TEXT = 50_000;

export interface DiagramOptions {
  cacheDir: string;
  faces: FontFace[];
  /** The run's browser, started if it is not yet; its owner ends it. */
  browser(): BrowserStart;
  timeoutMs: number;
}

/** Mermaid's settings for a deck's look: its colours, its fonts, text large enough for a room. */
function mermaidConfig(look: DiagramLook) {
  return {
    startOnLoad: false,
    securityLevel: 'strict',
    // Mermaid's own limit, named so that a diagram over it is an error, not a picture of the message.
    maxTextSize: MAX_TEXT,
    theme: 'base',
    // SVG text, not HTML in <foreignObject>: the slide's own CSS (p margins, sizes) cannot reach it.
    htmlLabels: false,
    flowchart: { htmlLabels: false },
    sequence: { actorFontSize: 22, messageFontSize: 22, noteFontSize: 20 },
    gantt: { fontSize: 20, sectionFontSize: 20, barHeight: 36, barGap: 8, leftPadding: 140 },
    fontFamily: 'var(--deck-font), sans-serif',
    themeVariables: {
      darkMode: look.dark,
      fontFamily: 'var(--deck-font), sans-serif',
      fontSize: '22px',
      background: look.background,
      primaryColor: look.fill,
      primaryTextColor: look.text,
      primaryBorderColor: look.accent,
      secondaryColor: look.background,
      tertiaryColor: look.fill,
      lineColor: look.line,
      textColor: look.text,
      mainBkg: look.fill,
      nodeBorder: look.accent,
      titleColor: look.text,
      edgeLabelBackground: look.background,
      // Pie slices and their legend: the accent first, then quieter tones of the theme.
      pie1: look.accent,
      pie2: look.line,
      pie3: look.fill,
      pie4: look.text,
      pieStrokeColor: look.background,
      pieOuterStrokeColor: look.line,
    },
  };
}

export async function drawDiagrams(jobs: DiagramJob[], options: DiagramOptions): Promise<DiagramResult[]> {
  const store = cacheStore(options.cacheDir);
  // Keyed by everything that shapes the SVG: Mermaid, its settings, the page it draws in (the
  // deck's language and fonts), and the source.
  const pages = new Map<string, string>();
  const hostOf = (look: DiagramLook) => pages.get(JSON.stringify(look)) ?? pages.set(JSON.stringify(look), hostPage(look, options.faces)).get(JSON.stringify(look))!;
  const keys = jobs.map((j) => hashOf(MERMAID_VERSION, DRAWING_RECIPE, JSON.stringify(mermaidConfig(j.look)), hostOf(j.look), j.code).slice(0, 24));
  const results = await Promise.all(keys.map((key) => store.getJson<DiagramResult>('diagrams', key)));
  const todo = jobs.map((job, i) => ({ job, i })).filter(({ i }) => !results[i]);
  if (todo.length === 0) return results as DiagramResult[];
  const root = path.dirname(path.dirname(path.dirname(MERMAID))); // node_modules
  // A page inside node_modules (the only files it may read), with the deck's fonts at full
  // size so that Mermaid measures text as the deck will draw it. Named after this process.
  const host = path.join(root, '.cache', 'kamishibai', `diagram-${process.pid}.html`);
  let page: Page | undefined;
  let drawn = false;
  try {
    page = await openPage(await options.browser().browser, root, { network: [], outside: [] });
    await mkdir(path.dirname(host), { recursive: true });
    // One page load (Mermaid is 5 MB) for all the diagrams of one look.
    const looks = new Map<string, typeof todo>();
    for (const t of todo) {
      const look = JSON.stringify(t.job.look);
      if (!looks.has(look)) looks.set(look, []);
      looks.get(look)!.push(t);
    }
    for (const group of looks.values()) {
      await writeFile(host, hostOf(group[0]!.job.look));
      await page.goto(pathToFileURL(host).href, { waitUntil: 'load', timeout: options.timeoutMs });
      await page.addScriptTag({ path: MERMAID });
      for (const { job, i } of group) {
        const result = await page.evaluate(drawInPage, job.code, mermaidConfig(job.look), `diagram-${keys[i]!.slice(0, 8)}`);
        results[i] = result;
        await store.putJson('diagrams', keys[i]!, result);
      }
    }
    drawn = true;
  } finally {
    // The browser is the run's and stays; this page is done, its tab kept for the export if all went well.
    if (page) await givePageBack(page, drawn);
    await rm(host, { force: true });
  }
  return results as DiagramResult[];
}

/** Runs in the page (self-contained): one diagram drawn by Mermaid, or Mermaid's error with its line. */
async function drawInPage(code: string, config: { maxTextSize: number }, id: string): Promise<DiagramResult> {
  const mermaid = (window as unknown as { mermaid: { initialize(c: unknown): void; render(id: string, code: string): Promise<{ svg: string }> } }).mermaid;
  mermaid.initialize(config);
  await document.fonts.ready;
  // Mermaid 12 with the base theme and SVG labels throws on a label of several lines
  // ("splitLineToFitWidth does not support newlines", a state note of list lines) that
  // its default settings draw: such a diagram is drawn with HTML labels instead.
  const render = async () => {
    try {
      return await mermaid.render(id, code);
    } catch (e) {
      if (!/splitLineToFitWidth/.test(String((e as Error).message))) throw e;
      mermaid.initialize({ ...config, htmlLabels: true, flowchart: { htmlLabels: true } });
      return await mermaid.render(`${id}-html`, code);
    }
  };
  try {
    const { svg } = await render();
    // Mermaid draws its message instead of a diagram over the limit: an error at the fence.
    const words = svg.replace(/<style[\s\S]*?<\/style>|<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    if (code.length > config.maxTextSize && words.includes('Maximum text size in diagram exceeded')) {
      return { error: `the diagram is ${code.length} characters, over Mermaid's limit of ${config.maxTextSize}; split it in two or simplify it`, line: 0 };
    }
    return { svg };
  } catch (e) {
    const message = String((e as Error).message ?? e);
    const line = /line (\d+)/i.exec(message)?.[1];
    // "Parse error on line 3:", the line and a caret, then "Expecting 'SEMI', ..., got 'LINK'".
    const lines = message.split('\n');
    const detail = lines.length > 1 && /^expecting/i.test(lines.at(-1)!) ? `: ${lines.at(-1)!.slice(0, 160)}` : '';
    return { error: `${lines[0]!.replace(/ on line \d+/i, '').replace(/:$/, '')}${detail}`, ...(line ? { line: Number(line) } : {}) };
  }
}

/** The page Mermaid draws in, as wide as a slide's content: the deck's font stack as --deck-font, every face of it loadable. */
function hostPage(look: DiagramLook, faces: FontFace[]): string {
  const stack = familyOrder(faces, look.lang).filter((f) => faces.some((x) => x.family === f && x.role !== 'mono'));
  const rules = faces
    .filter((f) => f.role === 'text' || f.role === 'emoji')
    .map((f) => `@font-face{font-family:'${f.family}';font-weight:${f.weight};src:url(${pathToFileURL(f.file).href})${f.exact ? '' : `;unicode-range:${f.ranges.map(([a, b]) => `U+${a.toString(16)}-${b.toString(16)}`).join(',')}`}}`)
    .join('\n');
  return `<!doctype html><html lang="${escapeHtml(look.lang)}"><head><meta charset="utf-8"><style>${rules}\n:root{--deck-font:${stack.map((f) => `'${f}'`).join(',')}}body{font-family:var(--deck-font);width:1180px;margin:0}</style></head><body></body></html>`;
}
