// What the PowerPoint export reads from a slide as Chromium lays it out (measure.ts) and
// writes as native PowerPoint objects (write.ts). Geometry in CSS px of the slide frame
// (1280x720 by default); colours as RRGGBB with an opacity. Types only.

export interface Colour {
  hex: string;
  /** 0 (transparent) .. 1 (opaque). */
  alpha: number;
}

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Run {
  text: string;
  /** The family the run is drawn in (the deck's, as the page names it). */
  font: string;
  /** Font size in px. */
  size: number;
  colour: Colour;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  strike?: boolean;
  /** Raised or lowered: a superscript or a subscript of inline math (x_i, e^{i\pi}). */
  script?: 'super' | 'sub';
  /** A hyperlink: absolute, or a slide of the deck (`#slide-N`). */
  href?: string;
  /** A line break after this run (a <br>, or a line of a code block). */
  breakAfter?: boolean;
}

export interface Paragraph {
  runs: Run[];
  align: 'left' | 'center' | 'right' | 'justify';
  /** A list item: bullet or number, its nesting (0 at the top), and the number it starts at. */
  list?: { kind: 'bullet' | 'number'; level: number; start?: number };
  /** Line height in px, and the space above the paragraph. */
  lineHeight: number;
  spaceBefore: number;
}

export interface TextItem extends Box {
  kind: 'text';
  paragraphs: Paragraph[];
  /** Whether PowerPoint may wrap the lines (off for code, which keeps its lines). */
  wrap: boolean;
  /** The element, for check's report of what became a picture. */
  what: string;
}

export interface ShapeItem extends Box {
  kind: 'shape';
  fill?: Colour;
  border?: { colour: Colour; width: number; dash?: 'dashed' | 'dotted' };
  /** Corner radius in px. */
  radius: number;
}

export interface PictureItem extends Box {
  kind: 'picture';
  /** A PNG of the element as drawn (every picture has one: PowerPoint's fallback). */
  png?: Uint8Array;
  /** The SVG source, where the element is an SVG PowerPoint can draw as a vector. */
  svg?: string;
  /** Why it is a picture: an image, a diagram, math, or a CSS effect PowerPoint lacks. */
  why: string;
}

export interface TableCell {
  paragraphs: Paragraph[];
  fill?: Colour;
  border?: { colour: Colour; width: number };
  colspan?: number;
  rowspan?: number;
}

export interface TableItem extends Box {
  kind: 'table';
  rows: TableCell[][];
  columnWidths: number[];
  rowHeights: number[];
}

export type Item = TextItem | ShapeItem | PictureItem | TableItem;

export interface MeasuredSlide {
  /** data-line of the slide: its notes and its line in messages. */
  line: number;
  background?: Colour;
  /** The background when it is a picture or a gradient (a PNG of the background alone). */
  backgroundPicture?: Uint8Array;
  items: Item[];
}

// The page side (measure.ts): what the measure returns before its pictures are shot.

export interface PageSlide {
  line: number;
  /** The slide's frame in page coordinates (for screenshots). */
  frame: { x: number; y: number; w: number; h: number };
  background?: Colour;
  /** The background is a picture or a gradient: the caller screenshots it with the content hidden. */
  backgroundPicture: boolean;
  /** Items in drawing order; pictures carry `shot` (page coordinates) instead of pixels. */
  items: (Item | PendingPicture)[];
  /** Characters XML cannot hold (control characters), dropped from the text. */
  dropped: string[];
  /** The speaker notes as text: a line per paragraph or list item. */
  notes: string;
}

export interface PendingPicture {
  kind: 'pending-picture';
  x: number;
  y: number;
  w: number;
  h: number;
  shot: { x: number; y: number; w: number; h: number };
  svg?: string;
  why: string;
  /** What `check` tells the author: set for what could have been editable (a CSS effect, a table too big). */
  report?: string;
}

/** What every page function shares while one slide is read. */
export interface PageContext {
  cjkFamily: string;
  coverage: Map<string, [number, number][]>;
  /** The slide's frame, in the viewport. */
  frame: DOMRect;
  page: HTMLElement;
  items: PageSlide['items'];
  dropped: string[];
}
