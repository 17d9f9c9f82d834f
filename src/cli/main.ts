// Kamishibai's command line: reads flags, calls the library in src/, prints what it
// returns, owns the signals and sets the exit code. The flags and their help are in
// options.ts, what npm does to a command in npm.ts, the server commands in serving.ts, what
// every command prints in report.ts.
import { parseArgs } from 'node:util';
import path from 'node:path';
import { readFileSync } from 'node:fs';
// From their modules, not index.ts: its re-export of the dev server would load node:http into every build.
import { build, type BuildResult } from '../commands/build.js';
import { newTalk } from '../commands/scaffold.js';
import { appliesTo, commandHelp, COMMANDS, HELP, type Command, type OptionName } from './options.js';
import { invocation, keptByNpm, keptMessage, npmIsQuiet, spelled, type Invocation } from './npm.js';
import { hasErrors, visible } from '../core/errors.js';
import { findProject, projectPaths } from '../run/project.js';
import { displayPath, ENGINE_ROOT } from '../io/paths.js';
import { suggestKey } from '../core/config.js';
import { OPTIONS, printDiagnostics, printFault, runOptions, type Values } from './report.js';
import { writeIndex } from '../commands/talk-index.js';

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
 * The command line's run: `argv` without node and the script; resolves to the exit code.
 * `exitNow` ends the process at a second Ctrl-C during a build: the process is build.ts's.
 */
export async function main(argv: string[], exitNow: (code: number) => void): Promise<number> {
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
  // The servers (node:http and their pages) loaded only for their commands: ~10 ms of every build's start.
  if (command === 'dev') return (await import('./serving.js')).dev(inputs, values, how);
  if (command === 'present') return (await import('./serving.js')).presentTalk(inputs, values, how);
  if (command === 'new') return scaffold(inputs, values, how);
  if (command === 'index') return listTalks(inputs, values, how);
  return buildOrCheck(command as 'build' | 'check', inputs, values, how, exitNow);
}

async function buildOrCheck(command: 'build' | 'check', inputs: string[], values: Values, how: Invocation, exitNow: (code: number) => void): Promise<number> {
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
    if (interrupt.signal.aborted) exitNow(130);
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
    return reportBuild(command, result, values, log, performance.now() - started);
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

/** What a build found, then its result in one line and its notes; the exit code. */
function reportBuild(command: 'build' | 'check', result: BuildResult, values: Values, log: ((m: string) => void) | undefined, ms: number): number {
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
  else log?.(`${verb} ${result.talks.length} talk(s) in ${Math.round(ms)} ms${fresh && `; ${fresh}`}`);
  for (const note of result.notes) log?.(`note: ${note}`);
  // Only an absolute address works in a link preview (og:image) and a canonical link: say
  // so, once, without failing the build (a talk is often built before it has a home).
  const homeless = result.builds.filter((b) => !b.deck.url).map((b) => b.source.slug);
  if (command === 'build' && homeless.length > 0) {
    log?.(`note: ${homeless.join(', ')} ${homeless.length === 1 ? 'has' : 'have'} no url: link previews need an absolute og:image, the canonical link is left out, and a <!-- qr --> of the talk's address draws nothing; set url: or pass --base-url (the Pages workflow does)`);
  }
  return 0;
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

