// Writes test/corpus/STATUS.md from measure.mjs's results. A deck passes when it builds
// (exit 0) and has as many slides as its own tool makes. The cause of each failure comes
// from causes.json (written by hand after reading the deck and the build's messages);
// a failure with no entry there shows the build's first error line.
import { writeFileSync } from 'node:fs';

const passes = (r) => r.code === 0 && r.slides !== null && r.slides === r.theirs;

/** The causes of a failure, first the one that stops the build, and what was seen past them. */
function causeOf(r, causes) {
  const known = causes[`${r.tool}/${r.name}`];
  if (known) return known;
  if (r.code !== 0) return { causes: [r.errors[0] ? `unclassified: ${r.errors[0].replace(/^\S+:\d+:\d+: /, '')}` : `exit ${r.code}`], after: '' };
  return { causes: [`unclassified: ${r.slides} slides, their tool makes ${r.theirs}`], after: '' };
}

/** Decks, builds and passes per tool, and the languages. */
function summary(rows) {
  const lines = ['| tool | decks | build | pass |', '| --- | --: | --: | --: |'];
  for (const tool of ['reveal', 'reveal-md', 'marp', 'slidev']) {
    const of = rows.filter((x) => x.r.tool === tool);
    lines.push(`| ${tool} | ${of.length} | ${of.filter((x) => x.r.code === 0).length} | ${of.filter((x) => x.ok).length} |`);
  }
  const langs = new Map();
  for (const { r } of rows) for (const l of String(r.language).split(/,\s*/)) langs.set(l, (langs.get(l) ?? 0) + 1);
  const list = [...langs].sort((a, b) => b[1] - a[1]).map(([l, n]) => `${l} ${n}`).join(', ');
  return [...lines, '', `Languages (a deck in two counts under both): ${list}.`];
}

const cell = (s) => String(s ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function writeStatus(results, file, causes) {
  const rows = results.map((r) => {
    const ok = passes(r);
    const cause = ok ? { causes: [], after: '' } : causeOf(r, causes);
    return { r, ok, cause };
  });
  const passed = rows.filter((x) => x.ok).length;
  const built = rows.filter((x) => x.r.code === 0).length;
  const lines = [
    '# Public corpus: where Kamishibai stands',
    '',
    'Made by `node test/corpus/measure.mjs` (see README.md). "Theirs" is the slide count of the',
    "deck's own tool (marp-core, @slidev/parser, reveal.js's markdown splitter); a deck passes",
    'when it builds and the counts match. Notes (slides with speaker notes) are shown, not judged:',
    "theirs are marp-core's comments, @slidev/parser's notes, reveal.js's one `Note:` per slide.",
    '',
    `**${passed} of ${rows.length} decks pass** (${Math.round((100 * passed) / rows.length)} %); ${built} build (exit 0).`,
    '',
    `With each failure's causes worked around by hand in a copy (the "seen past it" column), ${passed + rows.filter((x) => x.cause.matchesPastIt).length}`,
    `of ${rows.length} build with their tool's slide count; the other ${rows.filter((x) => !x.ok && !x.cause.matchesPastIt).length} still differ.`,
    '',
    ...summary(rows),
    '',
    '| tool | deck | language | ours | theirs | notes ours / theirs | builds | passes | cause (first the one that stops the build) | seen past it |',
    '| --- | --- | --- | --: | --: | --: | --- | --- | --- | --- |',
  ];
  for (const { r, ok, cause } of rows) {
    const builds = r.code === 0 ? 'yes' : `no (exit ${r.code})`;
    const theirs = r.theirs ?? `? ${r.refError ?? ''}`;
    const flags = r.flags ? ` (with \`${r.flags}\`)` : '';
    const notes = `${r.notes ?? '-'} / ${r.theirNotes ?? '-'}`;
    const row = [r.tool, r.name, cell(r.language), r.slides ?? '-', cell(theirs), notes, builds + flags, ok ? 'yes' : 'no', cell(cause.causes.join('; ')), cell(cause.after)];
    lines.push(`| ${row.join(' | ')} |`);
  }
  const groups = new Map();
  for (const { r, ok, cause } of rows) {
    if (ok) continue;
    for (const label of cause.causes) groups.set(label, [...(groups.get(label) ?? []), `${r.tool}/${r.name}`]);
  }
  lines.push('', '## Failures by cause', '', 'Most common first; a deck with two causes counts under both.', '');
  for (const [label, decks] of [...groups].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))) {
    lines.push(`- **${label}** (${decks.length}): ${decks.join(', ')}`);
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
}
