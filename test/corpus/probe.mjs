// Finds what stands behind a failing deck's first error: copies the deck to /tmp/corpus-probe,
// comments out each line the build names (an unknown key or theme, a value it cannot read, a
// missing file), drops pictures it refuses, closes an open code fence at the end, and builds
// again until the build passes or nothing more can be removed. Each round's messages are printed.
//   node test/corpus/probe.mjs marp/dracula
// Nested front-matter blocks and some line numbers defeat it; causes.json notes the hand-made
// workarounds used then.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { readSource } from './source.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const key = process.argv[2];
const copy = path.join('/tmp/corpus-probe', key.replace('/', '-'));
const out = path.join('/tmp/corpus-probe-out', key.replace('/', '-'));
rmSync(copy, { recursive: true, force: true });
cpSync(path.join(root, 'test/corpus', key), copy, { recursive: true });
const source = readSource(copy);
const deck = path.join(copy, source.deck);
const flags = source.flags ? source.flags.split(' ') : [];

/** Changes the deck's lines for each error; false when none could be changed. */
function workAround(errors) {
  const lines = readFileSync(deck, 'utf8').split('\n');
  let changed = false;
  for (const e of errors) {
    const m = /:(\d+):\d+: error: (.*)$/.exec(e);
    const i = m ? Number(m[1]) - 1 : -1;
    if (i < 0 || lines[i] === undefined) continue;
    if (/unknown front-matter key|unknown theme|CSS file|file ".*" not found|invalid YAML/.test(m[2])) {
      if (lines[i] !== '#') changed = true;
      lines[i] = '#';
    } else if (/outside the talk's folder|not found/.test(m[2])) {
      const next = lines[i].replace(/!\[[^\]]*\]\([^)]*\)|<img[^>]*>/g, '');
      changed ||= next !== lines[i];
      lines[i] = next;
    } else if (/unclosed code fence/.test(m[2])) {
      lines.push('```');
      changed = true;
    }
  }
  writeFileSync(deck, lines.join('\n'));
  return changed;
}

for (let round = 0; round < 8; round++) {
  rmSync(out, { recursive: true, force: true });
  const run = spawnSync('node', ['bin/kamishibai.mjs', 'build', deck, '--no-pdf', '--out', out, ...flags], { cwd: root, encoding: 'utf8' });
  const messages = run.stderr.split('\n').filter((l) => /: (error|warning)/.test(l)).map((l) => `  ${l.replace(copy, '')}`);
  if (run.status === 0) {
    const talk = readdirSync(out).map((s) => path.join(out, s, 'talk.json')).find(existsSync);
    process.stdout.write(`round ${round}: builds, ${JSON.parse(readFileSync(talk, 'utf8')).slides} slides\n${messages.join('\n')}\n`);
    break;
  }
  const errors = messages.filter((l) => l.includes(': error'));
  process.stdout.write(`round ${round}: exit ${run.status}\n${errors.join('\n')}\n`);
  if (!workAround(errors)) break;
}
