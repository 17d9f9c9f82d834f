// How the CLI was started: straight (node bin/kamishibai.mjs, an installed `kamishibai`),
// by an npm script (`npm run build -- ...`), or by npx. npm runs a script in the project's
// folder, not the one the user typed the command in (that is INIT_CWD); and it keeps for
// itself the options written before `--`, leaving them only in its environment.
import path from 'node:path';
import { COMMANDS, OPTIONS, type OptionName } from './options.js';

export interface Invocation {
  /** The project: the folder holding slides/, templates/ and kamishibai.config.ts. */
  root: string;
  /** The folder the command was typed in: paths on the command line are relative to it. */
  here: string;
  /** The npm script that ran the CLI (`npm run <script>`), if one did. */
  script?: string;
  /** How many of the words the CLI was given the script itself wrote (`build` in `kamishibai build`). */
  scriptArgs?: number;
  /** Started by `npx kamishibai`. */
  npx?: true;
}

type Env = Record<string, string | undefined>;

export function invocation(env: Env, cwd: string): Invocation {
  // Only when npm started Kamishibai itself: a script or test that npm started, which starts
  // Kamishibai in turn, leaves the same variables behind about another command.
  const ours = /\bkamishibai\b/.test(env.npm_lifecycle_script ?? '');
  if (ours && env.npm_lifecycle_event === 'npx' && env.npm_config_local_prefix) return { root: env.npm_config_local_prefix, here: cwd, npx: true };
  if (ours && env.npm_lifecycle_event && env.INIT_CWD && env.npm_package_json && path.dirname(env.npm_package_json) === cwd) {
    const words = env.npm_lifecycle_script!.split(/\s+/);
    const after = words.slice(words.findIndex((w) => /kamishibai/.test(w)) + 1);
    return { root: cwd, here: env.INIT_CWD, script: env.npm_lifecycle_event, scriptArgs: after.filter((w) => !w.startsWith('-')).length };
  }
  return { root: cwd, here: cwd };
}

/**
 * npm reads some of our flags as bundles of its one-letter ones: `--png` as -p -n -g
 * (parseable, no "yes", global), `--lang` as -l -a -n -g (long, all...).
 */
const BUNDLED: Partial<Record<OptionName, string>> = { png: 'npm_config_parseable', lang: 'npm_config_long' };

/** Our options that npm kept (they were written before `--`): each as typed, its value if npm kept that too. */
export function keptByNpm(env: Env): { name: OptionName; value?: string }[] {
  const kept: { name: OptionName; value?: string }[] = [];
  for (const [name, option] of Object.entries(OPTIONS) as [OptionName, (typeof OPTIONS)[OptionName]][]) {
    const negated = name.startsWith('no-');
    const value = env[BUNDLED[name] ?? `npm_config_${(negated ? name.slice(3) : name).replace(/-/g, '_')}`];
    if (value === undefined) continue;
    // npm writes true as "true" and false as "" (--no-pdf is pdf=false).
    if (negated ? value === '' : value === 'true') kept.push({ name });
    else if (option.type === 'string' && value !== '' && !negated) kept.push({ name, value });
  }
  return kept;
}

/**
 * npm was told to print less (`--quiet`, `--silent`, or loglevel in an .npmrc): it keeps those
 * flags for itself, even after a script's name, and says so only in npm_config_loglevel.
 */
export const npmIsQuiet = (env: Env): boolean => ['warn', 'error', 'silent'].includes(env.npm_config_loglevel ?? '');

const quote = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

/**
 * Another command, spelled the way this one was started, for a message to show: npm's own
 * scripts (`npm run build -- talk`), npx, or the installed command. `args` are quoted for the
 * shell; `usage` (placeholders such as `<talk-name>`) is written as it is.
 */
export function spelled(how: Invocation, command: string, args: string[], usage = ''): string {
  const words = [...args.map(quote), ...(usage ? [usage] : [])].join(' ');
  if (how.script && (COMMANDS as readonly string[]).includes(how.script)) return `npm run ${command}${words ? ` -- ${words}` : ''}`;
  return `${how.script || how.npx ? 'npx ' : ''}kamishibai ${command}${words ? ` ${words}` : ''}`;
}

/** What to say when npm kept some of our options: the command to type instead, when it can be known. */
export function keptMessage(script: string, kept: { name: OptionName; value?: string }[], positionals: string[]): string {
  const flags = kept.map((k) => `--${k.name}`).join(', ');
  const lost = kept.filter((k) => OPTIONS[k.name].type === 'string' && k.value === undefined);
  const typed = kept.map((k) => `--${k.name}${k.value === undefined ? '' : ` ${quote(k.value)}`}`);
  const again =
    lost.length === 0
      ? `npm run ${script} -- ${[...positionals.map(quote), ...typed].join(' ')}`
      : `npm run ${script} -- <decks> ${kept.map((k) => `--${k.name}${'arg' in OPTIONS[k.name] ? ` ${k.value === undefined ? (OPTIONS[k.name] as { arg: string }).arg : quote(k.value)}` : ''}`).join(' ')}`;
  const passed = lost.length > 0 ? ` and passed ${lost.length === 1 ? 'its value' : 'their values'} on as if ${lost.length === 1 ? 'it were a deck' : 'they were decks'}` : '';
  return `npm took ${flags} for itself${passed}, so Kamishibai never saw ${kept.length === 1 ? 'it' : 'them'}; nothing was done. Options for Kamishibai go after --, as in:\n  ${again}\n`;
}
