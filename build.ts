// Kamishibai's command line: reads flags, calls the library in src/, prints what it
// returns and sets the exit code. Everything else lives in src/.
import { parseArgs } from 'node:util';
import { build, formatDiagnostic, hasErrors, type Diagnostic } from './src/index.js';

export const HELP = `Usage: npm run build [-- <deck.md|folder>...] [options]
       npm run check [-- <deck.md|folder>...] [options]

Commands:
  build            Build every talk in slides/ (or the decks named) into dist/:
                   HTML deck, slide PDF, handout PDF, og.png
  check            Build in a temporary folder and measure every slide in Chromium
                   (overflow, broken images, fallback fonts); writes nothing

Options:
  --out DIR            Output folder (default: dist)
  --no-pdf             Build the HTML decks only; skip the browser
  --no-handout         Skip the handout PDF (slides with notes)
  --pdf-fragments      One PDF page per fragment step (default: final state only)
  --png                Also write one PNG per slide into dist/<talk>/png/
  --browser-path PATH  Chromium or Chrome to use for PDF export and checks
  --timeout SECONDS    Limit for each browser step of a talk (default: 120)
  --strict             Treat warnings (overflow, fallback fonts...) as errors
  --quiet              Print only problems
  --debug              Show stack traces for internal errors
  -h, --help           Show this help
`;

const OPTIONS = {
  out: { type: 'string' },
  'no-pdf': { type: 'boolean', default: false },
  'no-handout': { type: 'boolean', default: false },
  'pdf-fragments': { type: 'boolean', default: false },
  png: { type: 'boolean', default: false },
  'browser-path': { type: 'string' },
  timeout: { type: 'string' },
  strict: { type: 'boolean', default: false },
  quiet: { type: 'boolean', default: false },
  debug: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

function printDiagnostics(diagnostics: Diagnostic[]) {
  for (const d of diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
}

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n\n${HELP}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const [command = 'build', ...inputs] = positionals;
  if (command !== 'build' && command !== 'check') {
    process.stderr.write(`unknown command "${command}"\n\n${HELP}`);
    return 2;
  }
  const log = values.quiet ? undefined : (m: string) => process.stderr.write(`${m}\n`);
  // Progress on a terminal; CI logs get only the result.
  const progress = process.stderr.isTTY && !process.env.CI ? log : undefined;
  const timeout = values.timeout === undefined ? undefined : Number(values.timeout);
  if (timeout !== undefined && !(timeout > 0)) {
    process.stderr.write(`--timeout takes a number of seconds, got "${values.timeout}"\n`);
    return 2;
  }
  try {
    const started = performance.now();
    const result = await build({
      inputs,
      outDir: values.out,
      strict: values.strict,
      check: command === 'check',
      pdf: !values['no-pdf'],
      handout: !values['no-handout'],
      pdfFragments: values['pdf-fragments'],
      png: values.png,
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
    return 0;
  } catch (e) {
    if (values.debug) process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
    else process.stderr.write(`error: ${(e as Error).message} (run with --debug for details)\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
