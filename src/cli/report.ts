// What every CLI command prints the same way: a fault that ended it, the diagnostics of a
// build, and run options the flags cannot give. The library returns these; the CLI says them.
import type { parseArgs } from 'node:util';
import { capFloods, formatDiagnostic, KamishibaiError, visible, type Diagnostic } from '../core/errors.js';
import { parseArgsOptions, runOptionsOf, type RunOptions } from './options.js';

export const OPTIONS = parseArgsOptions();

/** The flags as parseArgs gives them. */
export type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

/**
 * A fault that ended a command: a user's mistake (KamishibaiError) in words, anything else
 * as the crash it is, or with --debug its stack.
 */
export function printFault(e: unknown, debug: boolean) {
  if (debug) process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  else if (e instanceof KamishibaiError) process.stderr.write(`error: ${visible(e.message)}\n`);
  else process.stderr.write(`error: ${visible((e as Error).message)} (run with --debug for details)\n`);
}

export function printDiagnostics(diagnostics: Diagnostic[]) {
  for (const d of capFloods(diagnostics)) process.stderr.write(`${formatDiagnostic(d)}\n`);
}

/** The run options the flags give (the table in src/cli/options.ts), or why they cannot be used (printed; exit 2). */
export function runOptions(values: Values): RunOptions | undefined {
  const { options, problems } = runOptionsOf(values);
  for (const problem of problems) process.stderr.write(`${problem}\n`);
  return problems.length > 0 ? undefined : options;
}
