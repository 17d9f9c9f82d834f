// Kamishibai's command line: reads flags, calls the library in src/, prints what it
// returns, owns the signals and sets the exit code. Everything else lives in src/. (Its
// length is mostly the help text, kept beside the flags it documents.)
import { isIP } from 'node:net';
import { parseArgs } from 'node:util';
import { spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { build, findTalks, formatDiagnostic, hasErrors, newTalk, resolveInputs, serve, type DevServer, type Diagnostic } from './src/index.js';
import { visible } from './src/core/errors.js';
import { present, type Presenter } from './src/present.js';
import { displayPath } from './src/paths.js';
import { regexProblem, suggestKey } from './src/core/config.js';
import type { DialectName } from './src/core/model.js';

const DIALECTS: DialectName[] = ['kamishibai', 'reveal', 'marp', 'slidev'];

export const HELP = `Usage: npm run build [-- <deck.md|folder>...] [options]
       npm run check [-- <deck.md|folder>...] [options]
       npm run dev [-- <talk|deck.md|folder>] [options]
       npm run present [-- <talk>] [--host ADDRESS] [--port N]
       npm run new -- <talk-name> [--title "..."] [--lang ja|en]

Commands:
  build            Build every talk in slides/ (or the decks named) into dist/:
                   HTML deck, slide PDF, handout PDF, og.png
  check            Build in a temporary folder and measure every slide in Chromium
                   (overflow, broken images, fallback fonts); writes nothing
  dev              Serve a talk (default: the one edited last) on http://127.0.0.1,
                   rebuild on save and reload the page on the same slide
  present          Serve a built talk (dist/<talk>) on the local network: every browser
                   that opens it follows your slide; your phone moves the deck from a
                   control page (a QR code of its address is printed) that needs a secret
                   token; nothing but the talk's own files is served
  new              Create slides/<talk-name>/ from the starter deck (every feature
                   shown); never overwrites an existing talk

Options:
  --out DIR            Output folder (default: dist)
  --theme NAME         Use this theme for every deck (kamishibai, kamishibai-dark,
                       or a .css file next to each deck), over front matter and config
  --no-pdf             Build the HTML decks only; skip the browser
  --no-handout         Skip the handout PDF (slides with notes)
  --pdf-fragments      One PDF page per fragment step (default: final state only)
  --separator RE       Read decks as reveal.js does, with this slide separator (a
                       regular expression, as in data-separator="^\\n\\n\\n")
  --vertical-separator RE  The same for vertical slides (default: \\r?\\n----\\r?\\n)
  --dialect NAME       Read decks as marp, slidev, reveal or kamishibai decks, whatever
                       they declare (marp: true, a Slidev headmatter, separators)
  --png                Also write one PNG per slide into dist/<talk>/png/
  --single-file        Also write dist/<talk>/<talk>.html: the deck in one file, to
                       mail or carry on a USB stick (fonts, images, script inlined)
  --pptx               Also write dist/<talk>/<talk>.pptx: an editable PowerPoint file
                       (text boxes, lists, tables, notes, the deck's fonts embedded)
  --notes              Also write dist/<talk>/<talk>-notes.md: each slide's title and
                       its notes, for transcripts, captions and translators
  --base-url URL       The site the talks are published under: a talk without url gets
                       URL/<talk>/ (Open Graph image and address; the Pages workflow sets it)
  --browser-path PATH  Chromium or Chrome to use for PDF export and checks
  --timeout SECONDS    Limit for each browser step of a talk (default: 120)
  --host HOST          dev: address to listen on (default: 127.0.0.1, loopback only)
  --port PORT          dev: first port to try (default: 4321; the next free one is used)
  --open               dev: open the deck in the default browser
  --title TEXT         new: the talk's title
  --lang ja|en         new: the starter's language (default: en)
  --strict             Treat warnings (overflow, fallback fonts...) as errors
  --quiet              Print only problems
  --debug              Show stack traces for internal errors
  -h, --help           Show this help
`;

const OPTIONS = {
  out: { type: 'string' },
  theme: { type: 'string' },
  'no-pdf': { type: 'boolean', default: false },
  'no-handout': { type: 'boolean', default: false },
  'pdf-fragments': { type: 'boolean', default: false },
  separator: { type: 'string' },
  'vertical-separator': { type: 'string' },
  dialect: { type: 'string' },
  png: { type: 'boolean', default: false },
  'single-file': { type: 'boolean', default: false },
  notes: { type: 'boolean', default: false },
  pptx: { type: 'boolean', default: false },
  'base-url': { type: 'string' },
  'browser-path': { type: 'string' },
  timeout: { type: 'string' },
  host: { type: 'string' },
  port: { type: 'string' },
  open: { type: 'boolean', default: false },
  title: { type: 'string' },
  lang: { type: 'string' },
  strict: { type: 'boolean', default: false },
  quiet: { type: 'boolean', default: false },
  debug: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

const COMMANDS = ['build', 'check', 'dev', 'present', 'new'];

/** Flags that override every deck's front matter. */
function deckFlags(values: { theme?: string; separator?: string; 'vertical-separator'?: string; pptx?: boolean }) {
  const deck = {
    ...(values.pptx ? { pptx: true } : {}),
    ...(values.theme ? { theme: values.theme } : {}),
    ...(values.separator ? { separator: values.separator } : {}),
    ...(values['vertical-separator'] ? { verticalSeparator: values['vertical-separator'] } : {}),
  };
  return Object.keys(deck).length > 0 ? deck : undefined;
}

/** parseArgs' complaint as one line, with the nearest real flag for a typo. */
function flagProblem(e: Error & { code?: string }): string {
  const unknown = /Unknown option '(-{1,2}[^']+)'/.exec(e.message)?.[1];
  if (unknown) {
    const hint = suggestKey(unknown.replace(/^-+/, ''), Object.keys(OPTIONS));
    return `unknown option ${unknown}; ${hint ? `did you mean --${hint}? ` : ''}--help lists the options`;
  }
  return `${e.message.split('\n')[0]} (--help lists the options)`;
}

/** A fault that ended a command: its message, or with --debug its stack. */
function printFault(e: unknown, debug: boolean) {
  if (debug) process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  else process.stderr.write(`error: ${visible((e as Error).message)} (run with --debug for details)\n`);
}

function printDiagnostics(diagnostics: Diagnostic[]) {
  for (const d of diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
}

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    process.stderr.write(`${flagProblem(e as Error & { code?: string })}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const [command = 'build', ...inputs] = positionals;
  if (command === 'dev') return dev(inputs, values);
  if (command === 'present') return presentTalk(inputs, values);
  if (command === 'new') return scaffold(inputs, values);
  if (command !== 'build' && command !== 'check') {
    const hint = suggestKey(command, COMMANDS);
    process.stderr.write(`unknown command "${command}"; ${hint ? `did you mean "${hint}"? ` : ''}commands: ${COMMANDS.join(', ')} (--help shows how to use them)\n`);
    return 2;
  }
  return buildOrCheck(command, inputs, values);
}

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

async function buildOrCheck(command: 'build' | 'check', inputs: string[], values: Values): Promise<number> {
  // File and talk names come from the repository: shown, like diagnostics, without raw control characters.
  const log = values.quiet ? undefined : (m: string) => process.stderr.write(`${visible(m)}\n`);
  // Progress on a terminal; CI logs get only the result.
  const progress = process.stderr.isTTY && !process.env.CI ? log : undefined;
  for (const flag of ['separator', 'vertical-separator'] as const) {
    const problem = values[flag] === undefined ? undefined : regexProblem(values[flag]);
    if (problem) {
      process.stderr.write(`--${flag} takes a regular expression: ${problem}\n`);
      return 2;
    }
  }
  if (values.dialect !== undefined && !DIALECTS.includes(values.dialect as DialectName)) {
    const hint = suggestKey(values.dialect, DIALECTS);
    process.stderr.write(`--dialect takes ${DIALECTS.join(', ')}; got "${values.dialect}"${hint ? ` (did you mean "${hint}"?)` : ''}\n`);
    return 2;
  }
  if (values['base-url'] !== undefined && !/^https?:\/\/[^/\s]+/.test(values['base-url'])) {
    process.stderr.write(`--base-url takes the site's address, such as https://you.github.io/talks/; got "${values['base-url']}"\n`);
    return 2;
  }
  const timeout = values.timeout === undefined ? undefined : Number(values.timeout);
  if (timeout !== undefined && !(timeout > 0)) {
    process.stderr.write(`--timeout takes a number of seconds, got "${values.timeout}"\n`);
    return 2;
  }
  // Ctrl-C (or SIGTERM) stops the build cleanly: the library closes Chromium and removes its
  // staging folder. A second one exits at once; exit hooks still remove what they can.
  const interrupt = new AbortController();
  // Once the build has returned (its output swapped in, or left as it was), a signal changes
  // nothing: the process is about to exit with the build's own code. Without a handler then,
  // a late Ctrl-C would end it "by signal" after a complete build.
  let finished = false;
  const onSignal = () => {
    if (finished) return;
    if (interrupt.signal.aborted) process.exit(130);
    interrupt.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const started = performance.now();
    const result = await build({
      signal: interrupt.signal,
      inputs,
      outDir: values.out,
      strict: values.strict,
      check: command === 'check',
      deck: deckFlags(values),
      ...(values.dialect ? { dialect: values.dialect as DialectName } : {}),
      pdf: !values['no-pdf'],
      handout: !values['no-handout'],
      pdfFragments: values['pdf-fragments'],
      png: values.png,
      singleFile: values['single-file'],
      notes: values.notes,
      ...(values['base-url'] ? { baseUrl: values['base-url'] } : {}),
      browserPath: values['browser-path'],
      timeoutMs: timeout === undefined ? undefined : timeout * 1000,
      onProgress: progress,
    });
    printDiagnostics(result.diagnostics);
    if (!result.ok || hasErrors(result.diagnostics, values.strict)) {
      const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
      const warnings = result.diagnostics.length - errors;
      const kept = result.ok === false && command === 'build' && !result.written ? '; previous output left as it was' : '';
      process.stderr.write(`${command} failed: ${errors} error(s), ${warnings} warning(s)${kept}\n`);
      return 1;
    }
    const verb = command === 'check' ? 'checked' : 'built';
    log?.(`${verb} ${result.talks.length} talk(s) in ${Math.round(performance.now() - started)} ms`);
    for (const note of result.notes) log?.(`note: ${note}`);
    // Only an absolute address works in a link preview (og:image) and a canonical link: say
    // so, once, without failing the build (a talk is often built before it has a home).
    const homeless = result.builds.filter((b) => !b.deck.url).map((b) => b.source.slug);
    if (command === 'build' && homeless.length > 0) {
      log?.(`note: ${homeless.join(', ')} ${homeless.length === 1 ? 'has' : 'have'} no url: link previews need an absolute og:image, and the canonical link is left out; set url: or pass --base-url (the Pages workflow does)`);
    }
    return 0;
  } catch (e) {
    if (interrupt.signal.aborted) {
      process.stderr.write(`${command} interrupted; the previous output was left as it was\n`);
      return 130;
    }
    printFault(e, values.debug);
    return 1;
  } finally {
    finished = true;
  }
}

/** --port and --host for a server command, or why they cannot be used (printed; exit 2). */
function serverFlags(values: Values): { port?: number } | undefined {
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) {
    process.stderr.write(`--port takes a port number from 0 to 65535 (0: any free one), got "${values.port}"\n`);
    return undefined;
  }
  if (values.host !== undefined && values.host !== 'localhost' && isIP(values.host) === 0) {
    process.stderr.write(`--host takes an IP address of this machine (127.0.0.1, ::1, or 0.0.0.0 for every network), got "${values.host}"\n`);
    return undefined;
  }
  return { port };
}

/** The talk a server command is about: the one named, else the one edited last. */
async function oneTalk(inputs: string[]) {
  const found = inputs.length > 0 ? await resolveInputs(inputs.slice(0, 1), path.resolve('slides')) : await findTalks(path.resolve('slides'));
  printDiagnostics(found.diagnostics);
  return inputs.length > 0 ? found.talks[0] : await lastEdited(found.talks);
}

/** Serve until Ctrl-C or SIGTERM, then close. */
function untilStopped(close: () => Promise<void>): Promise<number> {
  return new Promise((resolve) => {
    const stop = () => {
      process.stderr.write('stopping\n');
      void close().then(() => resolve(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

async function dev(inputs: string[], values: Values): Promise<number> {
  const flags = serverFlags(values);
  if (!flags) return 2;
  const { port } = flags;
  const talk = await oneTalk(inputs);
  if (!talk) return 1;
  let server: DevServer;
  try {
    server = await serve({
      talk,
      host: values.host,
      port,
      browserPath: values['browser-path'],
      onEvent: (e) => {
        if (e.type === 'listening') {
          const where = e.network.length > 0 ? e.network.map((u) => `${u}/${talk.slug}/`).join(' and ') : `${e.url}/${talk.slug}/`;
          process.stderr.write(`serving ${talk.displayFile} at ${where} (Ctrl-C to stop)\n`);
          if (e.network.length > 0) process.stderr.write('warning: anyone on your network can open this deck and its notes; leave out --host to keep it to this machine\n');
        } else if (e.type === 'built') {
          process.stderr.write(e.reloaded ? `rebuilt in ${Math.round(e.ms)} ms, ${e.changedFiles} file(s) changed; reloading\n` : `rebuilt in ${Math.round(e.ms)} ms, nothing changed\n`);
        } else if (e.type === 'failed') printDiagnostics(e.diagnostics);
        else if (e.type === 'pdf') process.stderr.write(`exported ${e.file} in ${Math.round(e.ms)} ms\n`);
      },
    });
  } catch (e) {
    printFault(e, values.debug);
    return 1;
  }
  if (values.open) openInBrowser(`${server.url}/${talk.slug}/`);
  return untilStopped(() => server.close());
}

/** `present`: the built talk on the local network, followed by every browser, moved from the phone. */
async function presentTalk(inputs: string[], values: Values): Promise<number> {
  const flags = serverFlags(values);
  if (!flags) return 2;
  const talk = await oneTalk(inputs);
  if (!talk) return 1;
  let presenter: Presenter;
  try {
    presenter = await present({
      dir: path.resolve(values.out ?? 'dist', talk.slug),
      sources: path.dirname(talk.file),
      host: values.host,
      port: flags.port,
      onRebuilt: (slides) => process.stderr.write(`serving the new build of ${talk.slug} (${slides} slides); the audience's browsers reload it\n`),
    });
  } catch (e) {
    printFault(e, values.debug);
    return 1;
  }
  const audience = presenter.network.length > 0 ? presenter.network : [presenter.url];
  process.stderr.write(`presenting ${talk.slug} (Ctrl-C to stop)\n  audience: ${audience.map((u) => `${u}/`).join(' or ')}\n  you (keep it to yourself): ${presenter.control}\n`);
  const qr = await (await import('qrcode')).default.toString(presenter.control, { type: 'terminal', small: true });
  process.stderr.write(`${qr}\n`);
  // Building here would make the speaker wait (and could fail minutes before the talk); a
  // rebuild in another terminal is served as it lands, with the same token and phone.
  if (presenter.stale) process.stderr.write(`warning: ${displayPath(presenter.stale)} changed after this build; run npm run build -- ${talk.slug} to present the changes (the new build is served as soon as it is written)\n`);
  return untilStopped(() => presenter.close());
}

async function scaffold(inputs: string[], values: Values): Promise<number> {
  const [slug] = inputs;
  if (!slug || inputs.length > 1) {
    process.stderr.write(`name the talk: npm run new -- <talk-name> [--title "..."] [--lang ja|en]\n`);
    return 2;
  }
  if (values.lang !== undefined && values.lang !== 'ja' && values.lang !== 'en') {
    process.stderr.write(`--lang takes ja or en, got "${values.lang}"\n`);
    return 2;
  }
  try {
    const root = process.cwd();
    const { deck } = await newTalk({
      root,
      starter: path.join(root, 'templates', 'starter'),
      slug,
      title: values.title,
      lang: values.lang,
      today: new Date().toISOString().slice(0, 10),
    });
    process.stdout.write(
      `created ${path.relative(root, deck)}\n\nnext:\n  npm run dev -- ${slug}      # edit with live reload\n  npm run build -- ${slug}    # HTML, PDF and handout into dist/${slug}/\n`,
    );
    return 0;
  } catch (e) {
    process.stderr.write(`error: ${(e as Error).message}\n`);
    return 1;
  }
}

/** The talk whose deck was saved last: the one being worked on. */
async function lastEdited<T extends { file: string }>(talks: T[]): Promise<T | undefined> {
  const times = await Promise.all(talks.map((t) => stat(t.file).then((s) => s.mtimeMs)));
  let best: T | undefined;
  let newest = -1;
  talks.forEach((t, i) => {
    if (times[i]! > newest) [best, newest] = [t, times[i]!];
  });
  return best;
}

function openInBrowser(url: string) {
  const cmd = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'cmd' : 'xdg-open';
  const args = process.platform === 'win32' ? ['/c', 'start', '', url] : [url];
  spawn(cmd, args, { stdio: 'ignore', detached: true }).on('error', () => process.stderr.write(`open ${url} in your browser\n`)).unref();
}

process.exitCode = await main(process.argv.slice(2));
