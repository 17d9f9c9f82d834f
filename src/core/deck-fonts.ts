// The deck's web fonts: subset (by env.fonts, which reads the font files) to the characters
// of its page and handout, with a warning for each line holding characters none of its fonts has.
import { decodeHTML } from 'entities';
import { lineAt, warning, type Checked, type Diagnostic } from './errors.js';
import type { OutputFile } from './model.js';
import type { BuildEnv } from './model.js';

/** Subset the deck's fonts to the characters on its page; warn about characters no font has. */
export async function deckFonts(
  page: string,
  source: string,
  env: BuildEnv,
  file: string,
): Promise<Checked<{ files: OutputFile[]; missing: string }>> {
  const diagnostics: Diagnostic[] = [];
  const visible = decodeHTML(page.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]+>/g, ''));
  // Always ship ASCII: slide numbers, controls and text typed in the speaker view use it.
  const text = `${visible}${String.fromCharCode(...Array.from({ length: 95 }, (_, i) => i + 32))}`;
  const { files, missing } = await env.fonts(text);
  // One warning a line, naming every character on it that no font of the deck has.
  const byLine = new Map<number, string[]>();
  for (const cp of missing.filter((c) => c !== 0xa0 && c > 0x7f && !/\s/.test(String.fromCodePoint(c)))) {
    const ch = String.fromCodePoint(cp);
    const at = source.indexOf(ch);
    const line = at < 0 ? 0 : lineAt(source, at);
    byLine.set(line, [...(byLine.get(line) ?? []), ch]);
  }
  for (const [line, chars] of [...byLine].sort(([a], [b]) => a - b)) {
    const list = chars.map((c) => `"${c}" U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(', ');
    diagnostics.push(warning(file, line, `${list}: in none of the deck's fonts, so drawn in a fallback font that differs from laptop to laptop; add a font to templates/fonts.json or avoid the character`));
  }
  return { value: { files, missing: String.fromCodePoint(...missing.filter((c) => c > 0x7f)) }, diagnostics };
}
