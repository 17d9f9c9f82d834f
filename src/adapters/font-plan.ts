// Which font file draws each character of a deck: pure, on the faces fonts.ts reads.
// Each character goes to one family: the first of the deck's stack that has it (the stack
// led by the family made for the deck's language), emoji to the emoji family first. Within
// a family, each weight draws its characters from as few files as possible.

export interface FontFace {
  family: string;
  weight: number;
  style: string;
  /** Absolute path of the woff2 file. */
  file: string;
  /** Its size in bytes: of two files that draw the same characters, the smaller is cut. */
  size: number;
  ranges: [number, number][];
  /** True when `ranges` is the file's own character map; fontsource's unicode-range can claim more. */
  exact: boolean;
  role: 'text' | 'mono' | 'emoji';
  lang: string[];
}

export interface FontJob {
  face: FontFace;
  codepoints: number[];
}

export interface FontPlan {
  jobs: FontJob[];
  /** Families for the deck's text, in the order its CSS names them. */
  stack: string[];
  /** The same for code: the monospace family first. */
  monoStack: string[];
  /** Characters (above U+0020) that no family has. */
  missing: number[];
}

/**
 * Families in the order a deck in `lang` asks for them: the family whose `lang` list names
 * the deck's language most closely (zh-TW: the one listing zh-TW over the one listing zh),
 * then the other text families as fonts.json lists them, then monospace, then emoji.
 */
export function familyOrder(faces: FontFace[], lang: string | undefined): string[] {
  const tag = (lang ?? '').toLowerCase();
  let lead: string | undefined;
  let closest = 0;
  for (const face of faces) {
    for (const l of face.lang) {
      const key = l.toLowerCase();
      if ((tag === key || tag.startsWith(`${key}-`)) && key.length > closest) {
        lead = face.family;
        closest = key.length;
      }
    }
  }
  const rank = { text: 0, mono: 1, emoji: 2 } as const;
  const families = [...new Map(faces.map((f) => [f.family, f.role])).entries()].sort(([, a], [, b]) => rank[a] - rank[b]).map(([family]) => family);
  return lead ? [lead, ...families.filter((f) => f !== lead)] : families;
}

/**
 * The distinct code points of `text`, ascending (a lone surrogate counts as itself, as in
 * `for (const c of text)`). Every build asks this of its whole deck: a table of the 65,536
 * BMP code points is ~4x faster than a Set over the string's iterator (200 slides: 21 -> 5 ms
 * cold).
 */
export function codepointsOf(text: string): number[] {
  const bmp = new Uint8Array(0x10000);
  const astral = new Set<number>();
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const next = c >= 0xd800 && c <= 0xdbff ? text.charCodeAt(i + 1) : NaN;
    if (next >= 0xdc00 && next <= 0xdfff) {
      astral.add((c - 0xd800) * 0x400 + (next - 0xdc00) + 0x10000);
      i++;
    } else bmp[c] = 1;
  }
  const found: number[] = [];
  for (let c = 0; c < 0x10000; c++) if (bmp[c]) found.push(c);
  return found.concat([...astral].sort((a, b) => a - b));
}

// A pictograph followed by VS16 or a skin tone, joined with ZWJ, or a flag's two letters.
const EMOJI_SEQUENCE = /\p{Regional_Indicator}{2}|\p{Extended_Pictographic}[\uFE0F\p{Emoji_Modifier}]?(?:\u200D\p{Extended_Pictographic}[\uFE0F\p{Emoji_Modifier}]?)*/gu;
const SHOWN_AS_EMOJI = /\p{Emoji_Presentation}|[\uFE0F\u200D]|\p{Emoji_Modifier}|\p{Regional_Indicator}/u;

/**
 * Characters that are shown as emoji: pictographs whose default look is emoji (☕), or made
 * so by VS16 (❤️), skin tones or ZWJ, and flags; not © or ↔ written alone, which are text.
 */
export function emojiCodepoints(text: string): Set<number> {
  const found = new Set<number>();
  for (const [sequence] of text.matchAll(EMOJI_SEQUENCE)) {
    if (SHOWN_AS_EMOJI.test(sequence)) for (const c of sequence) found.add(c.codePointAt(0)!);
  }
  return found;
}

/**
 * The plan for `text` in a deck of `lang`, trusting each face's ranges. Family by family in
 * the stack's order, each looking only at the characters the ones before it lack: a Japanese
 * deck's kanji never reach the ~65,000 ranges of the Korean and Chinese families. `memo`
 * keeps each face's coverage of the characters asked between calls on the same text.
 */
export function planFaces(faces: FontFace[], text: string, lang: string | undefined, memo = new Map<FontFace, Map<string, number[]>>()): FontPlan {
  const sorted = codepointsOf(text);
  const byFamily = new Map<string, FontFace[]>();
  for (const f of faces) {
    if (!byFamily.has(f.family)) byFamily.set(f.family, []);
    byFamily.get(f.family)!.push(f);
  }
  const roleOf = new Map(faces.map((f) => [f.family, f.role]));
  const order = familyOrder(faces, lang);
  const emoji = emojiCodepoints(text);
  // What each face was found to have, over every pool its family was asked about (the emoji
  // family is asked for emoji, then for what is left; monospace for the whole text too).
  const hitsOf = new Map<FontFace, Set<number>>();
  /** The characters of `pool` (sorted) that `family` has. */
  const covers = (family: string, pool: number[]): Set<number> => {
    const key = pool.join(',');
    const set = new Set<number>();
    for (const face of byFamily.get(family) ?? []) {
      let cached = memo.get(face);
      if (!cached) memo.set(face, (cached = new Map()));
      let hits = cached.get(key);
      if (!hits) cached.set(key, (hits = coverage([face], pool)[0]!));
      if (!hitsOf.has(face)) hitsOf.set(face, new Set());
      for (const cp of hits) {
        hitsOf.get(face)!.add(cp);
        set.add(cp);
      }
    }
    return set;
  };
  const { drawn, left } = toFamilies(sorted, emoji, order, order.filter((f) => roleOf.get(f) === 'emoji'), covers);
  const missing = left.filter((cp) => cp > 0x20);
  const stack = order.filter((f) => drawn.has(f));
  // Code draws from the monospace family whatever it has, then falls back to the stack.
  const monos = order.filter((f) => roleOf.get(f) === 'mono');
  const perFamily = new Map(drawn);
  for (const mono of monos) {
    const got = covers(mono, sorted);
    if (got.size > 0) perFamily.set(mono, [...got].sort((a, b) => a - b));
  }
  // Each family's files choose among what they were found to cover above (no second search).
  const jobs = [...perFamily].flatMap(([family, cps]) => {
    const mine = new Set(cps);
    const members = byFamily.get(family)!;
    return assignFaces(members, cps, members.map((f) => [...(hitsOf.get(f) ?? [])].filter((cp) => mine.has(cp)).sort((a, b) => a - b)));
  });
  return { jobs, stack, monoStack: [...monos.filter((m) => perFamily.has(m)), ...stack.filter((f) => !monos.includes(f))], missing };
}

/** Emoji to the emoji families first; then every character to the first family that has it; `left`, what none has. */
function toFamilies(sorted: number[], emoji: Set<number>, order: string[], emojiFamilies: string[], covers: (family: string, pool: number[]) => Set<number>) {
  const drawn = new Map<string, number[]>();
  let left = sorted.filter((cp) => emoji.has(cp));
  for (const family of emojiFamilies) {
    if (left.length === 0) break;
    const got = covers(family, left);
    if (got.size > 0) drawn.set(family, left.filter((cp) => got.has(cp)));
    left = left.filter((cp) => !got.has(cp));
  }
  left = [...sorted.filter((cp) => !emoji.has(cp)), ...left].sort((a, b) => a - b);
  for (const family of order) {
    if (left.length === 0) break;
    const got = covers(family, left);
    if (got.size > 0) drawn.set(family, [...(drawn.get(family) ?? []), ...left.filter((cp) => got.has(cp))].sort((a, b) => a - b));
    left = left.filter((cp) => !got.has(cp));
  }
  return { drawn, left };
}

/**
 * For each face, the codepoints (of a sorted, unique list) it covers. Walks each range over
 * the list with a binary search: fontsource's ~250 faces of ~100 ranges each against a
 * thousand distinct characters would otherwise be tens of millions of comparisons.
 */
export function coverage(faces: FontFace[], sorted: number[]): number[][] {
  const lowerBound = (x: number) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return faces.map((face) => {
    const hits: number[] = [];
    for (const [a, b] of face.ranges) for (let i = lowerBound(a); i < sorted.length && sorted[i]! <= b; i++) hits.push(sorted[i]!);
    return hits.sort((x, y) => x - y);
  });
}

/**
 * Which file draws each character: for each family, weight and style, the file that draws
 * the most of the characters still unassigned, then the next (of two that draw as many, the
 * smaller file). A Japanese deck ends up with its weight's whole "japanese" file alone; a
 * character outside it brings in one slice.
 */
export function assignFaces(faces: FontFace[], sorted: number[], known?: number[][]): FontJob[] {
  const covered = known ?? coverage(faces, sorted);
  const groups = new Map<string, number[]>();
  faces.forEach((f, i) => {
    const key = `${f.family}\0${f.weight}\0${f.style}`;
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  const assigned: FontJob[] = [];
  for (const members of groups.values()) {
    const left = new Set(members.flatMap((i) => covered[i]!));
    while (left.size > 0) {
      let best = -1;
      let bestCount = 0;
      for (const i of members) {
        const count = covered[i]!.reduce((n, cp) => n + (left.has(cp) ? 1 : 0), 0);
        if (count > bestCount || (count === bestCount && count > 0 && faces[i]!.size < faces[best]!.size)) {
          best = i;
          bestCount = count;
        }
      }
      const codepoints = covered[best]!.filter((cp) => left.has(cp));
      for (const cp of codepoints) left.delete(cp);
      assigned.push({ face: faces[best]!, codepoints });
    }
  }
  return assigned;
}

