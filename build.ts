// Kamishibai's command line: reads flags, calls the library in src/, prints what it
// returns, owns the signals and sets the exit code. Everything else lives in src/ (the
// flags and their help in src/cli/options.ts, what npm does to a command in src/cli/npm.ts).
import { isIP } from 'node:net';
import { parseArgs } from 'node:util';
import { spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { build, findTalks, formatDiagnostic, hasErrors, KamishibaiError, newTalk, resolveInputs, serve, type DevServer, type Diagnostic } from './src/index.js';
import { appliesTo, commandHelp, COMMANDS, HELP, parseArgsOptions, runOptionsOf, type Command, type OptionName, type RunOptions } from './src/cli/options.js';
import { invocation, keptByNpm, keptMessage, npmIsQuiet, spelled, type Invocation } from './src/cli/npm.js';
import { capFloods, visible } from './src/core/errors.js';
import { findProject, projectPaths } from './src/run/project.js';
import { defaultOutDir } from './src/output/folder.js';
import { present, type Presenter } from './src/server/present.js';
import { displayPath, ENGINE_ROOT } from './src/io/paths.js';
import { suggestKey } from './src/core/config.js';
import { writeIndex } from './src/commands/talk-index.js';

const OPTIONS = parseArgsOptions();

/** parseArgs' complaint as one line, with the nearest real flag for a typo. */
function flagProblem(e: Error & { code?: string }): string {
  const unknown = /Unknown option '(-{1,2}[^']+)'/.exec(e.message)?.[1];
  if (unknown) {
    const hint = suggestKey(unknown.replace(/^-+/, ''), Object.keys(OPTIONS));
    return `unknown option ${unknown}; ${hint ? `did you mean --${hint}? ` : ''}--help lists the options`;
  }
  return `${e.message.split('\n')[0]} (--help lists the options)`;
}

/**
 * A fault that ended a command: a user's mistake (KamishibaiError) in words, anything else
 * as the crash it is, or with --debug its stack.
 */
function printFault(e: unknown, debug: boolean) {
  if (debug) process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  else if (e instanceof KamishibaiError) process.stderr.write(`error: ${visible(e.message)}\n`);
  else process.stderr.write(`error: ${visible((e as Error).message)} (run with --debug for details)\n`);
}

function printDiagnostics(diagnostics: Diagnostic[]) {
  for (const d of capFloods(diagnostics)) process.stderr.write(`${formatDiagnostic(d)}\n`);
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
  const [command = 'build', ...inputs] = positionals;
  const known = (COMMANDS as readonly string[]).includes(command);
  if (values.version) {
    const { version } = JSON.parse(readFileSync(path.join(ENGINE_ROOT, 'package.json'), 'utf8')) as { version: string };
    process.stdout.write(`kamishibai ${version}\n`);
    return 0;
  }
  // `--help`, `help` and `help build`, as git and npm take them.
  if (values.help || command === 'help') {
    const about = command === 'help' ? inputs[0] : positionals.length > 0 ? command : undefined;
    process.stdout.write(about !== undefined && (COMMANDS as readonly string[]).includes(about) ? commandHelp(about as Command) : HELP);
    return 0;
  }
  if (!known) {
    const hint = suggestKey(command, [...COMMANDS]);
    process.stderr.write(`unknown command "${command}"; ${hint ? `did you mean "${hint}"? ` : ''}commands: ${COMMANDS.join(', ')} (--help shows how to use them)\n`);
    return 2;
  }
  const started = invocation(process.env, process.cwd());
  // npm found the project itself; the installed command looks for it from the folder it runs in.
  const how = started.script || started.npx ? started : { ...started, root: findProject(started.here) ?? started.root };
  const kept = how.script ? keptByNpm(process.env) : [];
  if (kept.length > 0) {
    process.stderr.write(keptMessage(how.script!, kept, positionals.slice(how.scriptArgs ?? 0)));
    return 2;
  }
  // npm takes `--quiet` and `--silent` before `--` as its own; they ask for less, as ours does.
  if (how.script && npmIsQuiet(process.env)) values.quiet = true;
  const foreign = (Object.keys(values) as OptionName[]).filter((name) => !appliesTo(name, command as Command));
  if (foreign.length > 0) {
    process.stderr.write(`${foreign.map((f) => `--${f}`).join(', ')} ${foreign.length === 1 ? 'is not an option' : 'are not options'} of ${command}; kamishibai ${command} --help lists its options\n`);
    return 2;
  }
  // Paths on the command line are the user's, read from the folder they typed it in; the
  // project (slides/, templates/, the config) is where npm found it.
  if (how.here !== process.cwd()) process.chdir(how.here);
  if (command === 'dev') return dev(inputs, values, how);
  if (command === 'present') return presentTalk(inputs, values, how);
  if (command === 'new') return scaffold(inputs, values, how);
  if (command === 'index') return listTalks(inputs, values, how);
  return buildOrCheck(command as 'build' | 'check', inputs, values, how);
}

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

async function buildOrCheck(command: 'build' | 'check', inputs: string[], values: Values, how: Invocation): Promise<number> {
  // File and talk names come from the repository: shown, like diagnostics, without raw control characters.
  const log = values.quiet ? undefined : (m: string) => process.stderr.write(`${visible(m)}\n`);
  // Progress on a terminal; CI logs get only the result.
  const progress = process.stderr.isTTY && !process.env.CI ? log : undefined;
  const run = runOptions(values);
  if (!run) return 2;
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
      ...run,
      signal: interrupt.signal,
      root: how.root,
      inputs,
      outDir: values.out === undefined ? undefined : path.resolve(values.out),
      check: command === 'check',
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
    const fresh = result.upToDate?.length ? `${result.upToDate.length} talk${result.upToDate.length === 1 ? '' : 's'} up to date` : '';
    if (fresh && result.talks.length === 0) log?.(`${fresh}: nothing to build (--force builds ${result.upToDate!.length === 1 ? 'it' : 'them'} again)`);
    else log?.(`${verb} ${result.talks.length} talk(s) in ${Math.round(performance.now() - started)} ms${fresh && `; ${fresh}`}`);
    for (const note of result.notes) log?.(`note: ${note}`);
    // Only an absolute address works in a link preview (og:image) and a canonical link: say
    // so, once, without failing the build (a talk is often built before it has a home).
    const homeless = result.builds.filter((b) => !b.deck.url).map((b) => b.source.slug);
    if (command === 'build' && homeless.length > 0) {
      log?.(`note: ${homeless.join(', ')} ${homeless.length === 1 ? 'has' : 'have'} no url: link previews need an absolute og:image, the canonical link is left out, and a <!-- qr --> of the talk's address draws nothing; set url: or pass --base-url (the Pages workflow does)`);
    }
    return 0;
  } catch (e) {
    if (interrupt.signal.aborted) {
      process.stderr.write(`${command} interrupted; the previous output was left as it was\n`);
      return 130;
    }
    printFault(e, !!values.debug);
    return 1;
  } finally {
    finished = true;
  }
}

/** The run options the flags give (the table in src/cli/options.ts), or why they cannot be used (printed; exit 2). */
function runOptions(values: Values): RunOptions | undefined {
  const { options, problems } = runOptionsOf(values);
  for (const problem of problems) process.stderr.write(`${problem}\n`);
  return problems.length > 0 ? undefined : options;
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
async function oneTalk(inputs: string[], root: string) {
  if (inputs.length > 1) {
    process.stderr.write(`one talk at a time: got ${inputs.map((i) => `"${visible(i)}"`).join(', ')}\n`);
    return undefined;
  }
  const slides = path.join(root, 'slides');
  const found = inputs.length > 0 ? await resolveInputs(inputs.slice(0, 1), slides) : await findTalks(slides);
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

async function dev(inputs: string[], values: Values, how: Invocation): Promise<number> {
  const flags = serverFlags(values);
  if (!flags) return 2;
  const { port } = flags;
  const run = runOptions(values);
  if (!run) return 2;
  const talk = await oneTalk(inputs, how.root);
  if (!talk) return 1;
  let server: DevServer;
  // The first build comes before the server listens: it is no rebuild and reloads nothing.
  let listening = false;
  try {
    server = await serve({
      ...run,
      root: how.root,
      talk,
      host: values.host,
      port,
      onEvent: (e) => {
        if (e.type === 'listening') {
          listening = true;
          const where = e.network.length > 0 ? e.network.map((u) => `${u}/${talk.slug}/`).join(' and ') : `${e.url}/${talk.slug}/`;
          process.stderr.write(`serving ${talk.displayFile} at ${where} (Ctrl-C to stop)\n`);
          if (e.network.length > 0) process.stderr.write('warning: anyone on your network can open this deck and its notes; leave out --host to keep it to this machine\n');
        } else if (e.type === 'built') {
          printDiagnostics(e.diagnostics);
          if (!listening) process.stderr.write(`built in ${Math.round(e.ms)} ms\n`);
          else process.stderr.write(e.reloaded ? `rebuilt in ${Math.round(e.ms)} ms, ${e.changedFiles} file(s) changed; reloading\n` : `rebuilt in ${Math.round(e.ms)} ms, nothing changed\n`);
        } else if (e.type === 'failed') printDiagnostics(e.diagnostics);
        else if (e.type === 'pdf') process.stderr.write(`exported ${e.file} in ${Math.round(e.ms)} ms\n`);
      },
    });
  } catch (e) {
    printFault(e, !!values.debug);
    return 1;
  }
  if (values.open) openInBrowser(`${server.url}/${talk.slug}/`);
  return untilStopped(() => server.close());
}

/** `present`: the built talk on the local network, followed by every browser, moved from the phone. */
async function presentTalk(inputs: string[], values: Values, how: Invocation): Promise<number> {
  const flags = serverFlags(values);
  if (!flags) return 2;
  const talk = await oneTalk(inputs, how.root);
  if (!talk) return 1;
  const rebuild = spelled(how, 'build', [inputs[0] ?? talk.slug, ...(values.out === undefined ? [] : ['--out', values.out])]);
  let presenter: Presenter;
  try {
    presenter = await present({
      buildCommand: rebuild,
      dir: path.join(values.out === undefined ? defaultOutDir(how.root, [talk.file]) : path.resolve(values.out), talk.slug),
      sources: path.dirname(talk.file),
      host: values.host,
      port: flags.port,
      onRebuilt: (slides) => process.stderr.write(`serving the new build of ${talk.slug} (${slides} slides); the audience's browsers reload it\n`),
    });
  } catch (e) {
    printFault(e, !!values.debug);
    return 1;
  }
  const audience = presenter.network.length > 0 ? presenter.network : [presenter.url];
  process.stderr.write(`presenting ${talk.slug} (Ctrl-C to stop)\n  audience: ${audience.map((u) => `${u}/`).join(' or ')}\n  you (keep it to yourself): ${presenter.control}\n`);
  // Drawn with terminal escapes: only on a terminal, never into a log file.
  if (process.stderr.isTTY) process.stderr.write(`${await (await import('qrcode')).default.toString(presenter.control, { type: 'terminal', small: true })}\n`);
  // Building here would make the speaker wait (and could fail minutes before the talk); a
  // rebuild in another terminal is served as it lands, with the same token and phone.
  if (presenter.stale) process.stderr.write(`warning: ${displayPath(presenter.stale)} changed after this build; run ${rebuild} to present the changes (the new build is served as soon as it is written)\n`);
  return untilStopped(() => presenter.close());
}

async function scaffold(inputs: string[], values: Values, how: Invocation): Promise<number> {
  const [slug] = inputs;
  if (!slug || inputs.length > 1) {
    process.stderr.write(`name the talk: ${spelled(how, 'new', [], '<talk-name> [--title "..."] [--lang ja|en]')}\n`);
    return 2;
  }
  if (values.lang !== undefined && values.lang !== 'ja' && values.lang !== 'en') {
    process.stderr.write(`--lang takes ja or en, got "${values.lang}"\n`);
    return 2;
  }
  try {
    const { deck } = await newTalk({
      root: how.root,
      starter: path.join(projectPaths(how.root).templates, 'starter'),
      slug,
      title: values.title,
      lang: values.lang,
      today: new Date().toISOString().slice(0, 10),
    });
    const next = [
      [spelled(how, 'dev', [slug]), 'edit with live reload'],
      [spelled(how, 'build', [slug]), `HTML, PDF and handout into dist/${slug}/`],
    ] as const;
    const width = Math.max(...next.map(([cmd]) => cmd.length));
    process.stdout.write(
      `created ${path.relative(process.cwd(), deck)}\n\nnext:\n${next.map(([cmd, what]) => `  ${cmd.padEnd(width)}  # ${what}\n`).join('')}`,
    );
    return 0;
  } catch (e) {
    process.stderr.write(`error: ${(e as Error).message}\n`);
    return 1;
  }
}

/** `index`: the talk list of an output folder, from the talks in it (shard builds joined). */
async function listTalks(inputs: string[], values: Values, how: Invocation): Promise<number> {
  if (inputs.length > 0) {
    process.stderr.write(`index takes no talks; it lists every talk in the output folder (--out DIR, default dist)\n`);
    return 2;
  }
  try {
    const r = await writeIndex({ root: how.root, outDir: values.out === undefined ? undefined : path.resolve(values.out) });
    printDiagnostics(r.diagnostics);
    if (!r.ok) return 1;
    process.stderr.write(`listed ${r.talks.length} talk(s) in ${displayPath(values.out === undefined ? path.join(how.root, 'dist') : path.resolve(values.out))}/index.html\n`);
    return 0;
  } catch (e) {
    printFault(e, !!values.debug);
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
