// The date a talk's PDFs carry: SOURCE_DATE_EPOCH when set (reproducible builds, as Debian and
// others use it), else the time of the deck file's last commit, else now. The commit time is
// the same on every machine for the same source, so rebuilding a checkout gives the same bytes.
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';

export function buildDate(deckFile: string, env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && /^\d+$/.test(epoch.trim())) return new Date(Number(epoch) * 1000);
  try {
    const out = execFileSync('git', ['log', '-1', '--format=%ct', '--', path.basename(deckFile)], {
      cwd: path.dirname(deckFile),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 5000,
    }).trim();
    if (/^\d+$/.test(out)) return new Date(Number(out) * 1000);
  } catch {
    // Not in a git checkout, or no git: the deck's own time, below.
  }
  try {
    // Whole seconds: a PDF date has no finer unit, and a copy may keep only seconds.
    return new Date(Math.floor(statSync(deckFile).mtimeMs / 1000) * 1000);
  } catch {
    return new Date();
  }
}
