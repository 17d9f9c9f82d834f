// The deck's web fonts: subset (by env.fonts, which reads the font files) to the characters
// of its page and handout, with a warning for each line holding characters no font has (the
// viewer's system font draws them; --strict makes it an error).
import { Parser } from 'htmlparser2';
import { lineAt, warning, type Checked, type Diagnostic } from './errors.js';
import type { BuildEnv, OutputFile } from './model.js';

/**
 * The text a page shows in the deck's fonts: not scripts or styles, and not KaTeX's output,
 * which its own fonts draw (its MathML copy holds letters such as 𝒜 that no text font has).
 */
export function shownText(page: string): string {
  const parts: string[] = [];
  let skipDepth = 0;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        const katex = (attrs.class ?? '').split(/\s+/).includes('katex');
        if (skipDepth > 0 || katex || name === 'script' || name === 'style') skipDepth++;
      },
      ontext(text) {
        if (skipDepth === 0) parts.push(text);
      },
      onclosetag() {
        if (skipDepth > 0) skipDepth--;
      },
    },
    { decodeEntities: true },
  );
  parser.end(page);
  return parts.join('');
}

const NAMED_CHARS = 10;

/** Subset the deck's fonts to the characters on its page; a character no font has is a warning. */
export async function deckFonts(
  page: string,
  source: string,
  env: BuildEnv,
  file: string,
  lang: string | undefined,
): Promise<Checked<{ files: OutputFile[]; missing: string }>> {
  const diagnostics: Diagnostic[] = [];
  // Always ship ASCII: slide numbers, controls and text typed in the speaker view use it.
  const shown = `${shownText(page)}${String.fromCharCode(...Array.from({ length: 95 }, (_, i) => i + 32))}`;
  // Text in decomposed form (French typed as a + U+0302) is drawn from the composed letters
  // (the browser's shaper composes them): a mark counts as missing only where NFC keeps it.
  const composed = shown.normalize('NFC');
  const { files, missing: all } = await env.fonts(`${shown}${composed}`, lang);
  const missing = all.filter((cp) => composed.includes(String.fromCodePoint(cp)));
  // One warning a line, naming every character on it that no font of the deck has.
  const byLine = new Map<number, string[]>();
  for (const cp of missing.filter((c) => c !== 0xa0 && c > 0x7f && !/[\s\p{Default_Ignorable_Code_Point}]/u.test(String.fromCodePoint(c)))) {
    const ch = String.fromCodePoint(cp);
    const at = source.indexOf(ch);
    const line = at < 0 ? 0 : lineAt(source, at);
    const chars = byLine.get(line);
    if (chars) chars.push(ch);
    else byLine.set(line, [ch]);
  }
  for (const [line, chars] of [...byLine].sort(([a], [b]) => a - b)) {
    // A line of 2,000 such characters is named by its first few and counted, not listed whole.
    const named = chars.slice(0, NAMED_CHARS).map((c) => `"${c}" U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
    const list = chars.length > NAMED_CHARS ? `${named.join(', ')} and ${(chars.length - NAMED_CHARS).toLocaleString('en-US')} more characters` : named.join(', ');
    diagnostics.push(warning(file, line, `${list}: in none of the deck's fonts, so each laptop draws it in a font of its own, or not at all (--strict makes this an error); add a @fontsource package that has it to templates/fonts.json, or write it another way`));
  }
  return { value: { files, missing: String.fromCodePoint(...missing.filter((c) => c > 0x7f)) }, diagnostics };
}
