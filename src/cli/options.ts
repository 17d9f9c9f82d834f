// The command line's commands and options, once: parseArgs reads them, --help prints them
// (all of them, or one command's with `kamishibai build --help`), and a flag given to a
// command it does nothing for is refused instead of ignored.
import { REVEAL_THEMES } from '../core/foreign-keys.js';

export const COMMANDS = ['build', 'check', 'dev', 'present', 'new'] as const;
export type Command = (typeof COMMANDS)[number];

interface Option {
  type: 'string' | 'boolean';
  /** What the value is, as help shows it (string options). */
  arg?: string;
  short?: string;
  /** Help text, wrapped when printed. */
  text: string;
  /** The commands it is for; every command when absent. */
  for?: Command[];
}

const BUILD_AND_CHECK: Command[] = ['build', 'check'];

export const OPTIONS = {
  out: { type: 'string', arg: 'DIR', text: 'Output folder (default: dist in the project); present serves DIR/<talk>', for: ['build', 'check', 'present'] },
  theme: {
    type: 'string',
    arg: 'NAME',
    text: `Use this theme for every deck, over front matter and config: kamishibai, kamishibai-dark, a reveal.js theme (${Object.keys(REVEAL_THEMES).join(', ')}), or a .css file next to each deck`,
    for: BUILD_AND_CHECK,
  },
  'no-pdf': { type: 'boolean', text: 'Build the HTML decks only; skip the browser', for: ['build'] },
  'no-handout': { type: 'boolean', text: 'Skip the handout PDF (slides with notes)', for: ['build'] },
  'pdf-fragments': { type: 'boolean', text: 'One PDF page per fragment step (default: final state only)', for: ['build'] },
  separator: { type: 'string', arg: 'RE', text: 'Read decks as reveal.js does, with this slide separator (a regular expression, as in data-separator="^\\n\\n\\n")', for: BUILD_AND_CHECK },
  'vertical-separator': { type: 'string', arg: 'RE', text: 'The same for vertical slides (default: \\r?\\n----\\r?\\n)', for: BUILD_AND_CHECK },
  dialect: { type: 'string', arg: 'NAME', text: 'Read decks as marp, slidev, reveal or kamishibai decks, whatever they declare (marp: true, a Slidev headmatter, separators)', for: BUILD_AND_CHECK },
  png: { type: 'boolean', text: 'Also write one PNG per slide into dist/<talk>/png/', for: ['build'] },
  'single-file': { type: 'boolean', text: 'Also write dist/<talk>/<talk>.html: the deck in one file, to mail or carry on a USB stick (fonts, images, script inlined)', for: ['build'] },
  pptx: { type: 'boolean', text: 'Also write dist/<talk>/<talk>.pptx: an editable PowerPoint file (text boxes, lists, tables, notes, the deck\'s fonts embedded); check: report what would become a picture', for: BUILD_AND_CHECK },
  notes: { type: 'boolean', text: "Also write dist/<talk>/<talk>-notes.md: each slide's title and its notes, for transcripts, captions and translators", for: ['build'] },
  'base-url': { type: 'string', arg: 'URL', text: 'The site the talks are published under: a talk without url gets URL/<talk>/ (Open Graph image and address, links in the PDFs; the Pages workflow sets it)', for: BUILD_AND_CHECK },
  'browser-path': { type: 'string', arg: 'PATH', text: 'Chromium or Chrome to use for PDF export, checks and diagrams', for: ['build', 'check', 'dev'] },
  timeout: { type: 'string', arg: 'SECONDS', text: 'Limit for each browser step of a talk (default: 120)', for: BUILD_AND_CHECK },
  host: { type: 'string', arg: 'HOST', text: 'dev and present: address to listen on (dev: 127.0.0.1, this machine only; present: 0.0.0.0, every network)', for: ['dev', 'present'] },
  port: { type: 'string', arg: 'PORT', text: 'dev and present: first port to try (dev: 4321, present: 4322; the next free one is used)', for: ['dev', 'present'] },
  open: { type: 'boolean', text: 'dev: open the deck in the default browser', for: ['dev'] },
  title: { type: 'string', arg: 'TEXT', text: "new: the talk's title", for: ['new'] },
  lang: { type: 'string', arg: 'ja|en', text: "new: the starter's language (default: en)", for: ['new'] },
  strict: { type: 'boolean', text: 'Treat warnings (overflow, fallback fonts...) as errors', for: BUILD_AND_CHECK },
  quiet: { type: 'boolean', text: 'Print only problems', for: BUILD_AND_CHECK },
  debug: { type: 'boolean', text: 'Show stack traces for internal errors' },
  version: { type: 'boolean', short: 'v', text: "Print Kamishibai's version" },
  help: { type: 'boolean', short: 'h', text: 'Show this help' },
} satisfies Record<string, Option>;

export type OptionName = keyof typeof OPTIONS;

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
  check: { args: '[<deck.md|folder|talk>...]', text: ['Build in a temporary folder and measure every slide in Chromium', '(overflow, broken images, fallback fonts); writes nothing'] },
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

function optionLines(names: OptionName[]): string {
  return names
    .map((name) => {
      const o: Option = OPTIONS[name];
      const flag = `${o.short ? `-${o.short}, ` : ''}--${name}${o.arg ? ` ${o.arg}` : ''}`;
      const [first, ...rest] = wrap(o.text, 64);
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
  return `Usage: npx kamishibai ${command} ${args} [options]
       npm run ${command} -- ${args} [options]

${text.join('\n')}

Options:
${optionLines(names.filter((n) => appliesTo(n, command)))}
`;
}
