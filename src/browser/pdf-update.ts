// An incremental update of a PDF (ISO 32000-1, 7.5.6): objects redefined or added are
// appended after the original bytes, with an xref section pointing at them. Written by hand
// because pdf-lib, the JavaScript PDF library, can only parse the whole file and write it
// anew: for the few objects Kamishibai changes (document info, catalog, outline) that costs
// ~0.35 s on a 200-slide deck, this ~5 ms. It reads what Chromium (Skia) writes: a classic
// xref table and plain, uncompressed dictionaries for the catalog and the page tree.

export class PdfFormatError extends Error {}

interface Trailer {
  size: number;
  root: number;
  info?: number;
  id?: string;
  xrefOffset: number;
}

/** Bytes as text, one character a byte (not TextDecoder's 'latin1', which is windows-1252). */
const latin1 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
const DELIMITERS = '()<>[]{}/%';
const isSpace = (c: string | undefined) => c === ' ' || c === '\n' || c === '\r' || c === '\t' || c === '\f' || c === '\0';

export class PdfUpdate {
  private readonly offsets = new Map<number, number>();
  private readonly trailer: Trailer;
  private readonly changed = new Map<number, string>();
  private readonly patches: { at: number; text: string }[] = [];
  private nextNumber: number;

  constructor(private readonly bytes: Uint8Array) {
    const tail = latin1(bytes.subarray(Math.max(0, bytes.length - 1024)));
    const start = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
    if (!start) throw new PdfFormatError('no startxref at the end of the file');
    const xrefOffset = Number(start[1]);
    const end = bytes.length - tail.length + start.index;
    const table = latin1(bytes.subarray(xrefOffset, end));
    if (!table.startsWith('xref')) throw new PdfFormatError('not a classic xref table (an xref stream?)');
    const trailerAt = table.indexOf('trailer');
    if (trailerAt < 0) throw new PdfFormatError('no trailer');
    // Subsections: "first count" then count entries of "offset generation n|f".
    const entries = table.slice(4, trailerAt).trim().split(/\r\n|\r|\n/);
    for (let i = 0; i < entries.length; ) {
      const [first, count] = entries[i++]!.trim().split(/\s+/).map(Number);
      for (let k = 0; k < count!; k++, i++) {
        const [offset, , kind] = entries[i]!.trim().split(/\s+/);
        if (kind === 'n') this.offsets.set(first! + k, Number(offset));
      }
    }
    const dict = dictEntries(table.slice(trailerAt + 'trailer'.length));
    if (dict.has('Prev')) throw new PdfFormatError('already has incremental updates');
    const ref = (key: string) => (dict.has(key) ? parseRef(dict.get(key)!) : undefined);
    const root = ref('Root');
    if (root === undefined) throw new PdfFormatError('no /Root in the trailer');
    this.trailer = { size: Number(dict.get('Size')), root, info: ref('Info'), id: dict.get('ID'), xrefOffset };
    this.nextNumber = this.trailer.size;
  }

  get root(): number {
    return this.trailer.root;
  }

  /** The document information dictionary's number; a new one if the file has none. */
  info(): number {
    return (this.trailer.info ??= this.allocate());
  }

  /** The text of object `num` (a dictionary, for the objects read here), as last set. */
  object(num: number): string {
    const changed = this.changed.get(num);
    if (changed !== undefined) return changed;
    const { text } = this.original(num);
    return text.slice(text.indexOf('obj') + 3, text.lastIndexOf('endobj')).trim();
  }

  /** Object `num` as written in the original, "num gen obj" to "endobj", and where it starts. */
  private original(num: number): { at: number; text: string } {
    const at = this.offsets.get(num);
    if (at === undefined) throw new PdfFormatError(`object ${num} is not in the xref table`);
    // Dictionaries of the catalog and page tree are short (a stream is never read here):
    // read a little, more only if the object goes on.
    let head = '';
    let close = -1;
    for (let size = 1024; close < 0 && size <= 1 << 20 && head.length < this.bytes.length - at; size *= 8) {
      head = latin1(this.bytes.subarray(at, Math.min(this.bytes.length, at + size)));
      close = head.indexOf('endobj');
    }
    if (!new RegExp(`^\\s*${num}\\s+\\d+\\s+obj`).test(head) || close < 0) throw new PdfFormatError(`object ${num} is not where the xref table says`);
    return { at, text: head.slice(0, close + 'endobj'.length) };
  }

  /**
   * Rewrite object `num` where it stands, without moving a byte: `edit` must keep its length.
   * For values that an update would leave behind in the original (a creation date).
   */
  editInPlace(num: number, edit: (text: string) => string): void {
    const { at, text } = this.original(num);
    const edited = edit(text);
    if (edited.length !== text.length) throw new Error('editInPlace must keep the length');
    this.patches.push({ at, text: edited });
  }

  /**
   * Rewrite every match of `pattern` in the original file where it stands: `replace` gives
   * text no longer than the match, padded with spaces to its length (between a dictionary's
   * entries, spaces are free). For links Chromium wrote, whose address is then made relative.
   */
  editAllInPlace(pattern: RegExp, replace: (match: string) => string): number {
    const text = latin1(this.bytes);
    let count = 0;
    for (const m of text.matchAll(new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`))) {
      const edited = replace(m[0]);
      if (edited.length > m[0].length) throw new Error('editAllInPlace must not lengthen');
      this.patches.push({ at: m.index, text: edited.padEnd(m[0].length, ' ') });
      count++;
    }
    return count;
  }

  /** Page objects in order, from the page tree. */
  pages(): number[] {
    const pages: number[] = [];
    const walk = (num: number, depth: number) => {
      if (depth > 64) throw new PdfFormatError('page tree too deep');
      const node = dictEntries(this.object(num));
      if (node.get('Type') === '/Pages') {
        for (const kid of (node.get('Kids') ?? '').matchAll(/(\d+)\s+\d+\s+R/g)) walk(Number(kid[1]), depth + 1);
      } else pages.push(num);
    };
    const pagesRef = dictEntries(this.object(this.root)).get('Pages');
    if (!pagesRef) throw new PdfFormatError('no /Pages in the catalog');
    walk(parseRef(pagesRef), 0);
    return pages;
  }

  /** Object `num` is in the original file (not only set in this update). */
  inOriginal(num: number): boolean {
    return this.offsets.has(num);
  }

  /** A number for a new object. */
  allocate(): number {
    return this.nextNumber++;
  }

  /** Redefine object `num`, or define a new one. */
  set(num: number, text: string): void {
    this.changed.set(num, text);
  }

  /** The original bytes, the changed objects, their xref section and a trailer pointing back. */
  save(): Uint8Array {
    const nums = [...this.changed.keys()].sort((a, b) => a - b);
    const offsets = new Map<number, number>();
    let body = '\n';
    for (const num of nums) {
      offsets.set(num, this.bytes.length + body.length);
      body += `${num} 0 obj\n${this.changed.get(num)!}\nendobj\n`;
    }
    const xrefAt = this.bytes.length + body.length;
    let xref = 'xref\n';
    // Runs of consecutive numbers, one subsection each; entries are 20 bytes, "\r\n" ended.
    for (let i = 0; i < nums.length; ) {
      let j = i;
      while (j + 1 < nums.length && nums[j + 1] === nums[j]! + 1) j++;
      xref += `${nums[i]} ${j - i + 1}\n`;
      for (let k = i; k <= j; k++) xref += `${String(offsets.get(nums[k]!)).padStart(10, '0')} 00000 n\r\n`;
      i = j + 1;
    }
    const t = this.trailer;
    const info = t.info !== undefined ? ` /Info ${t.info} 0 R` : '';
    xref += `trailer\n<</Size ${this.nextNumber} /Root ${t.root} 0 R${info}${t.id ? ` /ID ${t.id}` : ''} /Prev ${t.xrefOffset}>>\nstartxref\n${xrefAt}\n%%EOF\n`;
    // Everything appended is ASCII (text goes in hex strings): one byte a character.
    const appended = new TextEncoder().encode(body + xref);
    const out = new Uint8Array(this.bytes.length + appended.length);
    out.set(this.bytes, 0);
    for (const { at, text } of this.patches) for (let i = 0; i < text.length; i++) out[at + i] = text.charCodeAt(i);
    out.set(appended, this.bytes.length);
    return out;
  }
}

function parseRef(value: string): number {
  const m = /^(\d+)\s+\d+\s+R$/.exec(value.trim());
  if (!m) throw new PdfFormatError(`expected a reference, found "${value.slice(0, 40)}"`);
  return Number(m[1]);
}

/** The top-level entries of a dictionary's text ("<< /Key value ... >>"), values as written. */
export function dictEntries(text: string): Map<string, string> {
  const entries = new Map<string, string>();
  let i = text.indexOf('<<');
  if (i < 0) throw new PdfFormatError(`expected a dictionary, found "${text.slice(0, 40)}"`);
  i += 2;
  for (;;) {
    while (isSpace(text[i])) i++;
    if (text.startsWith('>>', i)) return entries;
    if (text[i] !== '/') throw new PdfFormatError(`expected a name at "${text.slice(i, i + 40)}"`);
    const keyEnd = skipValue(text, i);
    const key = text.slice(i + 1, keyEnd);
    let v = keyEnd;
    while (isSpace(text[v])) v++;
    const end = skipValue(text, v);
    entries.set(key, text.slice(v, end));
    i = end;
  }
}

/** A dictionary's text from its entries. */
export function dictText(entries: Map<string, string>): string {
  return `<<${[...entries].map(([k, v]) => `/${k} ${v}`).join('\n')}>>`;
}

/** The index just past the value that starts at `i`. */
function skipValue(s: string, i: number): number {
  const c = s[i];
  if (c === undefined) throw new PdfFormatError('unexpected end of a dictionary');
  if (s.startsWith('<<', i)) {
    i += 2;
    for (;;) {
      while (isSpace(s[i])) i++;
      if (s.startsWith('>>', i)) return i + 2;
      i = skipValue(s, i);
    }
  }
  if (c === '<') {
    const end = s.indexOf('>', i);
    if (end < 0) throw new PdfFormatError('unclosed hex string');
    return end + 1;
  }
  if (c === '(') {
    let depth = 0;
    for (; i < s.length; i++) {
      if (s[i] === '\\') i++;
      else if (s[i] === '(') depth++;
      else if (s[i] === ')' && --depth === 0) return i + 1;
    }
    throw new PdfFormatError('unclosed string');
  }
  if (c === '[') {
    i++;
    for (;;) {
      while (isSpace(s[i])) i++;
      if (s[i] === ']') return i + 1;
      i = skipValue(s, i);
    }
  }
  // A name, number, boolean or null; a number may start a reference ("12 0 R").
  const ref = /\d+\s+\d+\s+R(?![^\s()<>[\]{}/%])/y;
  ref.lastIndex = i;
  if (ref.test(s)) return ref.lastIndex;
  let j = i + 1;
  while (j < s.length && !isSpace(s[j]) && !DELIMITERS.includes(s[j]!)) j++;
  return j;
}

/** A PDF text string for any Unicode text: UTF-16BE with a byte order mark, in hex. */
export function textString(text: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0');
  return `<${hex}>`;
}
