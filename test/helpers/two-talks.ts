// A project of two talks for the output-safety tests (test/output/staging*.test.ts).
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FIXTURES } from './fixtures.js';

/** <parent>/<name>: slides/good/ (the good fixture), slides/other/ with a picture, and a notes.txt of the user's; no templates (the engine's are used). */
export function twoTalks(parent: string, name: string): string {
  const dir = path.join(parent, name);
  cpSync(path.join(FIXTURES, 'cli', 'good'), path.join(dir, 'slides', 'good'), { recursive: true });
  mkdirSync(path.join(dir, 'slides', 'other', 'assets'), { recursive: true });
  writeFileSync(path.join(dir, 'slides', 'other', 'slides.md'), '# Other\n\n![photo](assets/photo.png)\n');
  cpSync(path.join(FIXTURES, 'cli', 'good', 'images', 'red.png'), path.join(dir, 'slides', 'other', 'assets', 'photo.png'));
  writeFileSync(path.join(dir, 'notes.txt'), 'my notes\n');
  return dir;
}
