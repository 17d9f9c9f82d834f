// Generated Japanese text decks for the benchmark: N slides made from the essay's own
// sentences, with a heading, bullets and notes each; the same Markdown for Marp.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ESSAY = path.resolve(import.meta.dirname, '..', '..', 'shared', 'source', 'essay.ja.txt');

function sentences(): string[] {
  let text: string;
  try {
    text = readFileSync(ESSAY, 'utf8');
  } catch {
    text = '日本は変われない。しかし道はある。海外資本を積極的に受け入れる。特化戦略を取る。人材を呼び込む。新興企業が主導する。';
  }
  return text
    .split(/[\n。]/)
    .map((s) => s.replace(/^[-①-④\d.\s]+/, '').trim())
    .filter((s) => s.length > 8 && s.length < 60);
}

export function deckBody(slides: number): string {
  const s = sentences();
  const pick = (i: number) => s[i % s.length]!;
  return Array.from({ length: slides }, (_, i) => {
    const k = i * 4;
    return `## ${i + 1}. ${pick(k).slice(0, 18)}\n\n- ${pick(k + 1).slice(0, 24)}\n- ${pick(k + 2).slice(0, 24)}\n- ${pick(k + 3).slice(0, 24)}\n\nNote: ${pick(k + 4)}。${pick(k + 5)}。`;
  }).join('\n\n---\n\n');
}

/** Writes <dir>/k<N>/slides.md (Kamishibai) and <dir>/marp-<N>.md; returns their paths. */
export function writeDecks(dir: string, slides: number): { kamishibai: string; marp: string } {
  const body = deckBody(slides);
  const deckDir = path.join(dir, `k${slides}`);
  mkdirSync(deckDir, { recursive: true });
  const kamishibai = path.join(deckDir, 'slides.md');
  writeFileSync(kamishibai, `---\ntitle: ベンチマーク ${slides}\nlang: ja\n---\n\n${body}\n`);
  const marp = path.join(dir, `marp-${slides}.md`);
  // Marp reads speaker notes from HTML comments, not `Note:`.
  writeFileSync(marp, `---\nmarp: true\nlang: ja\n---\n\n${body.replace(/^Note: (.*)$/gm, '<!-- $1 -->')}\n`);
  return { kamishibai, marp };
}
