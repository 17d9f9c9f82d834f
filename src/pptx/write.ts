// Measured slides -> a PowerPoint file, with pptxgenjs (the most used PowerPoint writer on
// npm, kept up, no native parts). Text stays text: a text box per block with its runs, lists
// as PowerPoint lists, tables as tables; pictures only for what PowerPoint cannot draw.
// Geometry: CSS px on a 96 px-per-inch slide, so 1280x720 is PowerPoint's 13.33x7.5 in.
import pptxgenjsModule from 'pptxgenjs';
import type Pptx from 'pptxgenjs';

// The package's types describe its CommonJS build (the class is the module's `default`);
// Node's ESM import gets the class itself.
type PptxGenJS = Pptx.default;
type Slide = Pptx.default.Slide;
type TextProps = Pptx.default.TextProps;
type TextPropsOptions = Pptx.default.TextPropsOptions;
type TableRow = Pptx.default.TableRow;
const PptxClass = ((pptxgenjsModule as unknown as { default?: unknown }).default ?? pptxgenjsModule) as unknown as new () => PptxGenJS;
import type { Colour, Item, MeasuredSlide, Paragraph, Run, TableItem, TextItem } from './model.js';

export interface PptxDeck {
  title: string;
  author: string;
  subject: string;
  lang: string;
  width: number;
  height: number;
  slides: MeasuredSlide[];
  /** Each slide's speaker notes as plain text, paragraphs separated by blank lines. */
  notes: string[];
}

const IN = (pxValue: number) => pxValue / 96;
const PT = (pxValue: number) => Math.round(pxValue * 0.75 * 100) / 100;
const transparency = (c: Colour) => Math.round((1 - c.alpha) * 100);
/** Text boxes get a little room: PowerPoint's and Chromium's line breaking differ by a hair. */
const SLACK = 1.02;

function runProps(run: Run, lang: string, last: boolean, p: Paragraph, first: boolean): TextProps {
  const options: TextPropsOptions = {
    fontFace: run.font,
    fontSize: PT(run.size),
    color: run.colour.hex,
    bold: run.bold,
    italic: run.italic,
    underline: run.underline ? { style: 'sng' } : undefined,
    strike: run.strike ? 'sngStrike' : undefined,
    superscript: run.script === 'super' || undefined,
    subscript: run.script === 'sub' || undefined,
    lang,
    breakLine: last || undefined,
  };
  if (run.colour.alpha < 1) options.transparency = transparency(run.colour);
  if (run.href) options.hyperlink = run.href.startsWith('#slide-') ? { slide: Number(run.href.slice(7)) } : { url: run.href };
  if (first) {
    options.align = p.align;
    options.lineSpacing = PT(p.lineHeight);
    if (p.spaceBefore) options.paraSpaceBefore = PT(p.spaceBefore);
    if (p.list) {
      options.bullet = p.list.kind === 'number' ? { type: 'number', numberStartAt: p.list.start } : true;
      options.indentLevel = p.list.level;
    }
  }
  return { text: run.text, options };
}

function textProps(paragraphs: Paragraph[], lang: string): TextProps[] {
  return paragraphs.flatMap((p) => p.runs.map((run, i) => runProps(run, lang, i === p.runs.length - 1, p, i === 0)));
}

function addText(slide: Slide, item: TextItem, lang: string): void {
  slide.addText(textProps(item.paragraphs, lang), {
    x: IN(item.x),
    y: IN(item.y),
    w: IN(item.w * SLACK),
    h: IN(item.h),
    margin: 0,
    valign: 'top',
    fit: 'none',
    wrap: item.wrap,
    objectName: item.what,
  });
}

function addTable(slide: Slide, item: TableItem, lang: string): void {
  const rows: TableRow[] = item.rows.map((row) =>
    row.map((cell) => ({
      text: textProps(cell.paragraphs, lang),
      options: {
        fill: cell.fill ? { color: cell.fill.hex, transparency: transparency(cell.fill) } : undefined,
        border: cell.border ? { type: 'solid', color: cell.border.colour.hex, pt: PT(cell.border.width) } : { type: 'none' },
        colspan: cell.colspan,
        rowspan: cell.rowspan,
        margin: 0,
        valign: 'middle',
      },
    })),
  );
  slide.addTable(rows, { x: IN(item.x), y: IN(item.y), w: IN(item.w), colW: item.columnWidths.map(IN), rowH: item.rowHeights.map(IN) });
}

function addItem(pptx: PptxGenJS, slide: Slide, item: Item, lang: string): void {
  const box = { x: IN(item.x), y: IN(item.y), w: IN(item.w), h: IN(item.h) };
  if (item.kind === 'text') return addText(slide, item, lang);
  if (item.kind === 'table') return addTable(slide, item, lang);
  if (item.kind === 'shape') {
    const rounded = item.radius > 0;
    slide.addShape(rounded ? pptx.ShapeType.roundRect : pptx.ShapeType.rect, {
      ...box,
      fill: item.fill ? { color: item.fill.hex, transparency: transparency(item.fill) } : { type: 'none' },
      line: item.border
        ? { color: item.border.colour.hex, width: PT(item.border.width), transparency: transparency(item.border.colour), dashType: item.border.dash === 'dotted' ? 'sysDot' : item.border.dash === 'dashed' ? 'dash' : 'solid' }
        : { type: 'none' },
      // pptxgenjs takes the radius in inches (its types say a fraction).
      rectRadius: rounded ? IN(Math.min(item.radius, Math.min(item.w, item.h) / 2)) : undefined,
    });
    return;
  }
  if (item.svg) slide.addImage({ ...box, data: `data:image/svg+xml;base64,${Buffer.from(item.svg).toString('base64')}`, altText: item.why });
  else if (item.png) slide.addImage({ ...box, data: `data:image/png;base64,${Buffer.from(item.png).toString('base64')}`, altText: item.why });
}

/** The PowerPoint file, as pptxgenjs writes it (fonts and dates are set afterwards: finish.ts). */
export async function writePptx(deck: PptxDeck): Promise<Uint8Array> {
  const pptx = new PptxClass();
  pptx.defineLayout({ name: 'deck', width: IN(deck.width), height: IN(deck.height) });
  pptx.layout = 'deck';
  pptx.title = deck.title;
  pptx.author = deck.author;
  pptx.subject = deck.subject;
  pptx.company = '';
  pptx.theme = { lang: deck.lang } as Pptx.default.ThemeProps;
  deck.slides.forEach((measured, i) => {
    const slide = pptx.addSlide();
    if (measured.backgroundPicture) slide.background = { data: `data:image/png;base64,${Buffer.from(measured.backgroundPicture).toString('base64')}` };
    else if (measured.background) slide.background = { color: measured.background.hex };
    for (const item of measured.items) addItem(pptx, slide, item, deck.lang);
    const notes = deck.notes[i];
    if (notes) slide.addNotes(notes);
  });
  const out = (await pptx.write({ outputType: 'uint8array' })) as Uint8Array;
  return out;
}
