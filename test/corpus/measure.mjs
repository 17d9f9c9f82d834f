// Builds every deck of the public corpus (test/corpus/<tool>/<name>/, described by its SOURCE
// file) with Kamishibai and counts its slides the way the deck's own tool does, then writes
// test/corpus/results.json and test/corpus/STATUS.md.
//   node test/corpus/measure.mjs [--only tool/name] [--keep]
// The reference counts (each deck's own tool) come from reference.mjs.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { listDecks, theirCount } from './reference.mjs';
import { writeStatus } from './status.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const outRoot = '/tmp/corpus-out';

function build(deck) {
  const out = path.join(outRoot, `${deck.tool}-${deck.name}`);
  rmSync(out, { recursive: true, force: true });
  const flags = deck.source.flags ? deck.source.flags.split(' ') : [];
  const args = ['bin/kamishibai.mjs', 'build', path.relative(root, deck.file), '--no-pdf', '--out', out, ...flags];
  const run = spawnSync('node', args, { cwd: root, encoding: 'utf8', timeout: 300_000 });
  const lines = `${run.stderr}\n${run.stdout}`.split('\n').filter(Boolean);
  const errors = lines.filter((l) => /(^|: )error\b/i.test(l) && !/^\s*at /.test(l));
  const warnings = lines.filter((l) => /: warning:/.test(l));
  let slides = null;
  let notes = null;
  for (const sub of existsSync(out) ? readdirSync(out) : []) {
    const talk = path.join(out, sub, 'talk.json');
    if (!existsSync(talk)) continue;
    slides = JSON.parse(readFileSync(talk, 'utf8')).slides;
    notes = readFileSync(path.join(out, sub, 'index.html'), 'utf8').split('<aside class="notes"').length - 1;
  }
  return { code: run.status, errors, warnings: warnings.length, slides, notes, flags: flags.join(' ') };
}

async function main() {
  const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
  const resultsFile = path.join(here, 'results.json');
  const previous = only && existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : [];
  const results = previous.filter((r) => `${r.tool}/${r.name}` !== only);
  for (const deck of listDecks(only)) {
    let ref = { slides: null, notes: null };
    let refError = null;
    try {
      ref = await theirCount(deck);
    } catch (e) {
      refError = String(e.message ?? e).split('\n')[0];
    }
    const ours = build(deck);
    const theirs = ref.slides;
    const row = { tool: deck.tool, name: deck.name, language: deck.source.language, deck: deck.source.deck, theirs, theirNotes: ref.notes, refError, ...ours };
    process.stderr.write(`${deck.tool}/${deck.name}: exit ${ours.code}, ours ${ours.slides}, theirs ${theirs}${ours.errors[0] ? `  ${ours.errors[0]}` : ''}\n`);
    results.push(row);
  }
  results.sort((a, b) => `${a.tool}/${a.name}`.localeCompare(`${b.tool}/${b.name}`));
  writeFileSync(resultsFile, `${JSON.stringify(results, null, 1)}\n`);
  writeStatus(results, path.join(here, 'STATUS.md'), JSON.parse(readFileSync(path.join(here, 'causes.json'), 'utf8')));
}

await main();
