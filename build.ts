// Kamishibai's command line: reads flags, calls the library in src/, prints what it
// returns and sets the exit code. Everything else lives in src/.
import { parseArgs } from 'node:util';
import { build, formatDiagnostic, hasErrors, type Diagnostic } from './src/index.js';

export const HELP = `Usage: npm run build [-- <deck.md|folder>...] [options]
       npm run check [-- <deck.md|folder>...] [options]

Commands:
  build            Build every talk in slides/ (or the decks named) into dist/
  check            Build in memory and report problems; writes nothing

Options:
  --out DIR        Output folder (default: dist)
  --strict         Treat warnings as errors
  --quiet          Print only problems
  --debug          Show stack traces for internal errors
  -h, --help       Show this help
`;

const OPTIONS = {
  out: { type: 'string' },
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
  try {
    const started = performance.now();
    const result = await build({ inputs, outDir: values.out, strict: values.strict, onProgress: log });
    printDiagnostics(result.diagnostics);
    if (!result.ok || hasErrors(result.diagnostics, values.strict)) {
      const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
      const warnings = result.diagnostics.length - errors;
      process.stderr.write(`build failed: ${errors} error(s), ${warnings} warning(s); previous output left as it was\n`);
      return 1;
    }
    log?.(`built ${result.talks.length} talk(s) in ${Math.round(performance.now() - started)} ms`);
    return 0;
  } catch (e) {
    if (values.debug) process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
    else process.stderr.write(`error: ${(e as Error).message} (run with --debug for details)\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
