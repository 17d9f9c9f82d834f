// The command line's commands and options, once: parseArgs reads them, --help prints them
// (all of them, or one command's with `kamishibai build --help`), and a flag given to a
// command it does nothing for is refused instead of ignored. A run option (one that changes
// what a run makes) also names the library's option it sets: RunOptions, and the checks
// build() and serve() apply to a programmatic caller as the CLI does, come from this table.
import { statSync } from 'node:fs';
import path from 'node:path';
import { REVEAL_THEMES } from '../core/foreign-keys.js';
import { regexProblem, suggestKey } from '../core/config.js';
import type { DialectName } from '../core/model.js';
import { DIALECT_NAMES } from '../core/dialects/index.js';
import { parseShard, shardProblem } from '../run/shard.js';

export const COMMANDS = ['build', 'check', 'dev', 'present', 'new', 'index'] as const;
export type Command = (typeof COMMANDS)[number];

/** How a flag reaches the library: the run option `key`, its value from the flag's, and why a value is refused. */
interface RunRow<K extends string, T> {
  key: K;
  from(flag: string | boolean): T;
  /** Why the value cannot be used (`shown` as the caller wrote it), or undefined. */
  problem?(value: T, shown: string): string | undefined;
}

const run = <K extends string, T>(key: K, from: (flag: string | boolean) => T, problem?: (value: T, shown: string) => string | undefined): RunRow<K, T> => ({
  key,
  from,
  ...(problem ? { problem } : {}),
});

interface Option {
  type: 'string' | 'boolean';
  /** What the value is, as help shows it (string options). */
  arg?: string;
  short?: string;
  /** Help text, wrapped when printed. */
  text: string;
  /** The commands it is for; every command when absent. */
  for?: Command[];
  run?: RunRow<string, unknown>;
}

const BUILD_AND_CHECK: Command[] = ['build', 'check'];
/** Options that change the deck itself: dev serves what build makes. */
const DECK: Command[] = ['build', 'check', 'dev'];

const pattern = (flag: string) => (value: string) => {
  const problem = regexProblem(value);
  return problem && `--${flag} takes a regular expression: ${problem}`;
};
const dialectProblem = (value: string) => {
  if (DIALECT_NAMES.includes(value)) return undefined;
  const hint = suggestKey(value, [...DIALECT_NAMES]);
  return `--dialect takes ${DIALECT_NAMES.join(', ')}; got "${value}"${hint ? ` (did you mean "${hint}"?)` : ''}`;
};
const siteProblem = (value: string) => (/^https?:\/\/[^/\s]+/.test(value) ? undefined : `--base-url takes the site's address, such as https://you.github.io/talks/; got "${value}"`);
const not = (flag: string | boolean) => !flag;
const rootProblem = (dir: string, shown: string) => (statSync(dir, { throwIfNoEntry: false })?.isDirectory() ? undefined : `--root takes a folder above the talks' folders; "${shown}" is not a folder`);

export const OPTIONS = {
  out: { type: 'string', arg: 'DIR', text: 'Output folder (default: dist in the project, or in the folder you are in outside one); present serves DIR/<talk>; index lists the talks in DIR', for: ['build', 'check', 'present', 'index'] },
  theme: {
    type: 'string',
    arg: 'NAME',
    text: `Use this theme for every deck, over front matter and config: kamishibai, kamishibai-dark, a reveal.js theme (${Object.keys(REVEAL_THEMES).join(', ')}), or a .css file next to each deck`,
    for: DECK,
    run: run('theme', String),
  },
  'no-pdf': { type: 'boolean', text: 'Leave out the PDFs and og.png: the HTML decks alone, without the browser (unless --png or --pptx asks for it)', for: ['build'], run: run('pdf', not) },
  'no-handout': { type: 'boolean', text: 'Skip the handout PDF (slides with notes)', for: ['build'], run: run('handout', not) },
  force: { type: 'boolean', text: 'Build every talk, even those whose output was made from what they are now (left as they are otherwise)', for: ['build'], run: run('force', Boolean) },
  shard: { type: 'string', arg: 'K/N', text: 'Build only the K-th of N shares of the talks (balanced by deck size), for N CI jobs; join their folders with kamishibai index', for: ['build'], run: run('shard', (v) => parseShard(String(v)), shardProblem) },
  'pdf-fragments': { type: 'boolean', text: 'One PDF page per fragment step (default: final state only)', for: ['build'], run: run('pdfFragments', Boolean) },
  separator: { type: 'string', arg: 'RE', text: 'Read decks as reveal.js does, with this slide separator (a regular expression, as in data-separator="^\\n\\n\\n")', for: DECK, run: run('separator', String, pattern('separator')) },
  'vertical-separator': { type: 'string', arg: 'RE', text: 'The same for vertical slides (default: \\r?\\n----\\r?\\n)', for: DECK, run: run('verticalSeparator', String, pattern('vertical-separator')) },
  dialect: { type: 'string', arg: 'NAME', text: `Read decks in this dialect (${DIALECT_NAMES.join(', ')}), whatever they declare (marp: true, a Slidev headmatter, separators)`, for: DECK, run: run('dialect', (v) => v as DialectName, dialectProblem) },
  png: { type: 'boolean', text: 'Also write one PNG per slide into dist/<talk>/png/', for: ['build'], run: run('png', Boolean) },
  'single-file': { type: 'boolean', text: 'Also write dist/<talk>/<talk>.html: the deck in one file, to mail or carry on a USB stick (fonts, images, script inlined)', for: ['build'], run: run('singleFile', Boolean) },
  pptx: { type: 'boolean', text: 'Also write dist/<talk>/<talk>.pptx: an editable PowerPoint file (text boxes, lists, tables, notes, the deck\'s fonts embedded); check: report what would become a picture', for: BUILD_AND_CHECK, run: run('pptx', Boolean) },
  notes: { type: 'boolean', text: "Also write dist/<talk>/<talk>-notes.md: each slide's title and its notes, for transcripts, captions and translators", for: ['build'], run: run('notes', Boolean) },
  root: { type: 'string', arg: 'DIR', text: "A folder above the talks' folders: decks may use files anywhere in it (../img/x.png, themes), published beside each deck (default: each talk's own folder)", for: DECK, run: run('fileRoot', (v) => path.resolve(String(v)), rootProblem) },
  'base-url': { type: 'string', arg: 'URL', text: 'The site the talks are published under: a talk without url gets URL/<talk>/ (Open Graph image and address, links in the PDFs; the Pages workflow sets it)', for: DECK, run: run('baseUrl', String, siteProblem) },
  'browser-path': { type: 'string', arg: 'PATH', text: 'Chromium or Chrome to use for PDF export, checks and diagrams', for: DECK, run: run('browserPath', String) },
  large: { type: 'boolean', text: 'Allow a deck ten times the usual size (20 MB of Markdown, 20,000 slides, 500,000 elements, 3,000 diagrams): for a deck you trust; 10,000 slides take minutes', for: DECK, run: run('large', Boolean) },
  timeout: { type: 'string', arg: 'SECONDS', text: 'Limit for each browser step of a talk (default: 120, and 0.1 more for each slide past 300)', for: DECK, run: run('timeoutMs', (s) => Number(s) * 1000, (ms, shown) => (ms > 0 ? undefined : `--timeout takes a number of seconds, got "${shown}"`)) },
  host: { type: 'string', arg: 'HOST', text: 'dev and present: address to listen on (dev: 127.0.0.1, this machine only; present: 0.0.0.0, every network)', for: ['dev', 'present'] },
  port: { type: 'string', arg: 'PORT', text: 'dev and present: first port to try (dev: 4321, present: 4322; the next free one is used)', for: ['dev', 'present'] },
  open: { type: 'boolean', text: 'dev: open the deck in the default browser', for: ['dev'] },
  title: { type: 'string', arg: 'TEXT', text: "new: the talk's title", for: ['new'] },
  lang: { type: 'string', arg: 'ja|en', text: "new: the starter's language (default: en)", for: ['new'] },
  strict: { type: 'boolean', text: 'Treat warnings (overflow, fallback fonts...) as errors', for: BUILD_AND_CHECK, run: run('strict', Boolean) },
  quiet: { type: 'boolean', text: 'Print only problems', for: BUILD_AND_CHECK },
  debug: { type: 'boolean', text: 'Show stack traces for internal errors' },
  version: { type: 'boolean', short: 'v', text: "Print Kamishibai's version" },
  help: { type: 'boolean', short: 'h', text: 'Show this help' },
} satisfies Record<string, Option>;

export type OptionName = keyof typeof OPTIONS;

type Rows = typeof OPTIONS;
/** The run's options as the library takes them (build(), serve()): one per run row of the table. */
export type RunOptions = {
  [N in keyof Rows as Rows[N] extends { run: RunRow<infer K, unknown> } ? K : never]?: Rows[N] extends { run: RunRow<string, infer T> } ? T : never;
};
const runRows = (Object.entries(OPTIONS) as [OptionName, Option][]).filter((e): e is [OptionName, Option & { run: RunRow<string, unknown> }] => !!e[1].run);

/** The run options the command line gave, and why any cannot be used. */
export function runOptionsOf(values: Partial<Record<OptionName, string | boolean>>): { options: RunOptions; problems: string[] } {
  const options: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, o] of runRows) {
    const flag = values[name];
    if (flag === undefined) continue;
    const value = o.run.from(flag);
    const problem = o.run.problem?.(value, String(flag));
    if (problem) problems.push(problem);
    else options[o.run.key] = value;
  }
  return { options: options as RunOptions, problems };
}

/** Why a library caller's run options cannot be used: the command line's own checks. */
export function runOptionProblems(options: RunOptions): string[] {
  return runRows.flatMap(([, o]) => {
    const value = (options as Record<string, unknown>)[o.run.key];
    const shown = typeof value === 'object' ? JSON.stringify(value) : String(value);
    const problem = value === undefined ? undefined : o.run.problem?.(value, shown);
    return problem ? [problem] : [];
  });
}

/** The options parseArgs takes. */
export function parseArgsOptions() {
  return Object.fromEntries(Object.entries(OPTIONS).map(([name, o]) => [name, { type: o.type, ...('short' in o ? { short: o.short } : {}) }])) as {
    [K in OptionName]: { type: (typeof OPTIONS)[K]['type']; short?: string };
  };
}

/** Whether `command` uses the option. */
export const appliesTo = (name: OptionName, command: Command): boolean => {
  const o: Option = OPTIONS[name];
  return !o.for || o.for.includes(command);
};

const ABOUT: Record<Command, { args: string; text: string[] }> = {
  build: { args: '[<deck.md|folder|talk>...]', text: ['Build every talk in slides/ (or the decks named) into dist/:', 'HTML deck, slide PDF, handout PDF, og.png'] },
  check: { args: '[<deck.md|folder|talk>...]', text: ['Build in a temporary folder and measure every slide in Chromium', '(overflow, contrast, broken images, fallback fonts); writes nothing'] },
  dev: { args: '[<talk|deck.md|folder>]', text: ['Serve a talk (default: the one edited last) on http://127.0.0.1,', 'rebuild on save and reload the page on the same slide'] },
  present: {
    args: '[<talk>]',
    text: [
      'Serve a built talk (dist/<talk>) on the local network: every browser',
      'that opens it follows your slide; your phone moves the deck from a',
      'control page (a QR code of its address is printed) that needs a secret',
      "token; nothing but the talk's own files is served",
    ],
  },
  index: {
    args: '',
    text: ['Write the talk list (index.html) of the output folder from the talks', 'in it: the folders of builds with --shard K/N, copied into one, become', 'one site'],
  },
  new: { args: '<talk-name>', text: ['Create slides/<talk-name>/ from the starter deck (every feature', 'shown); never overwrites an existing talk'] },
};

/** Lines of at most `width` characters, broken between words. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, line];
}

/** An option's text opens with the commands it is for ("dev and present: ..."), which one command's help need not say. */
const FOR_COMMANDS = new RegExp(`^(${COMMANDS.join('|')})( and (${COMMANDS.join('|')}))*: `);

function optionLines(names: OptionName[], oneCommand = false): string {
  return names
    .map((name) => {
      const o: Option = OPTIONS[name];
      const flag = `${o.short ? `-${o.short}, ` : ''}--${name}${o.arg ? ` ${o.arg}` : ''}`;
      const text = oneCommand ? o.text.replace(FOR_COMMANDS, '').replace(/^./, (c) => c.toUpperCase()) : o.text;
      const [first, ...rest] = wrap(text, 64);
      const pad = flag.length < 20 ? flag.padEnd(21) : `${flag}  `;
      return [`  ${pad}${first}`, ...rest.map((t) => `${' '.repeat(23)}${t}`)].join('\n');
    })
    .join('\n');
}

const names = Object.keys(OPTIONS) as OptionName[];

/** `--help`: every command and option. */
export const HELP = `Usage: npx kamishibai <command> [<deck.md|folder|talk>...] [options]
       npm run <command> -- [<deck.md|folder|talk>...] [options]

Paths are read from the folder you run the command in; a talk is also named by its
folder in slides/. Through npm run, put -- before them: npm run build -- my-talk --png

Commands:
${COMMANDS.map((c) => [`  ${c.padEnd(17)}${ABOUT[c].text[0]}`, ...ABOUT[c].text.slice(1).map((t) => `${' '.repeat(19)}${t}`)].join('\n')).join('\n')}

Options (kamishibai <command> --help lists a command's own):
${optionLines(names)}
`;

/** `kamishibai <command> --help`: that command and the options it takes. */
export function commandHelp(command: Command): string {
  const { args, text } = ABOUT[command];
  const given = args ? `${args} ` : '';
  return `Usage: npx kamishibai ${command} ${given}[options]
       npm run ${command} -- ${given}[options]

${text.join('\n')}

Options:
${optionLines(names.filter((n) => appliesTo(n, command)), true)}
`;
}
