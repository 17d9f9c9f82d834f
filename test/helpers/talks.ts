// Generated talks for the build-speed tests and the benchmark: `count` talks of `slides`
// slides each in <root>/slides/talk-NN/, each slide with a heading, a list and a code block.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function deckText(n: number, slides: number): string {
  const body = Array.from({ length: slides }, (_, i) => `# Talk ${n}, slide ${i + 1}\n\n- point one of ${i + 1}\n- point two\n\n\`\`\`js\nconst x${i} = ${n} * ${i};\n\`\`\`\n`);
  return `---\ntitle: Talk ${n}\ndate: 2024-01-${String((n % 28) + 1).padStart(2, '0')}\n---\n\n${body.join('\n---\n\n')}`;
}

export const talkName = (n: number) => `talk-${String(n).padStart(2, '0')}`;

export function writeTalks(root: string, count: number, slides = 6): void {
  for (let n = 1; n <= count; n++) {
    const dir = path.join(root, 'slides', talkName(n));
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'slides.md'), deckText(n, slides));
  }
}

/** Every file under `dir`: its path (relative) and a hash of its bytes and its modification time. */
export function snapshot(dir: string): Map<string, { hash: string; mtimeMs: number }> {
  const out = new Map<string, { hash: string; mtimeMs: number }>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(path.relative(dir, p), { hash: createHash('sha256').update(readFileSync(p)).digest('hex'), mtimeMs: statSync(p).mtimeMs });
    }
  };
  walk(dir);
  return out;
}
