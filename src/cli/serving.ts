// The CLI's server commands: `dev` (one talk, rebuilt and reloaded as it is edited) and
// `present` (the built talk followed by every browser, moved from a phone). Each prints where
// it listens and runs until Ctrl-C.
import { isIP } from 'node:net';
import { spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { findTalks, resolveInputs, serve, type DevServer } from '../index.js';
import { visible } from '../core/errors.js';
import { defaultOutDir } from '../output/folder.js';
import { present, type Presenter } from '../server/present.js';
import { displayPath } from '../io/paths.js';
import { spelled, type Invocation } from './npm.js';
import { printDiagnostics, printFault, runOptions, type Values } from './report.js';

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

export async function dev(inputs: string[], values: Values, how: Invocation): Promise<number> {
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
          process.stderr.write(`serving ${visible(talk.displayFile)} at ${where} (Ctrl-C to stop)\n`);
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
export async function presentTalk(inputs: string[], values: Values, how: Invocation): Promise<number> {
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
      onRebuilt: (slides) => process.stderr.write(`serving the new build of ${visible(talk.slug)} (${slides} slides); the audience's browsers reload it\n`),
    });
  } catch (e) {
    printFault(e, !!values.debug);
    return 1;
  }
  const audience = presenter.network.length > 0 ? presenter.network : [presenter.url];
  process.stderr.write(`presenting ${visible(talk.slug)} (Ctrl-C to stop)\n  audience: ${audience.map((u) => `${u}/`).join(' or ')}\n  you (keep it to yourself): ${presenter.control}\n`);
  // Drawn with terminal escapes: only on a terminal, never into a log file.
  if (process.stderr.isTTY) process.stderr.write(`${await (await import('qrcode')).default.toString(presenter.control, { type: 'terminal', small: true })}\n`);
  // Building here would make the speaker wait (and could fail minutes before the talk); a
  // rebuild in another terminal is served as it lands, with the same token and phone.
  if (presenter.stale) process.stderr.write(`warning: ${visible(displayPath(presenter.stale))} changed after this build; run ${visible(rebuild)} to present the changes (the new build is served as soon as it is written)\n`);
  return untilStopped(() => presenter.close());
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
