// Chromium started as Puppeteer's launch() starts it, but before Puppeteer is loaded: loading
// its DevTools client (cdp.ts) takes ~50 ms, which Chromium then spends starting instead of waiting
// (launch.ts connects to it over the same pipe once it is loaded). Puppeteer's launcher cannot
// be told to start a process and connect later, so its switches are repeated here, and
// test/browser/spawn.test.ts keeps them equal to its defaultArgs().
import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';

/** Puppeteer's defaultArgs() for Chrome, before --user-data-dir (puppeteer-core 24). */
export const PUPPETEER_SWITCHES = [
  '--allow-pre-commit-input',
  '--disable-background-networking',
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--disable-breakpad',
  '--disable-client-side-phishing-detection',
  '--disable-component-extensions-with-background-pages',
  '--disable-crash-reporter',
  '--disable-default-apps',
  '--disable-dev-shm-usage',
  '--disable-hang-monitor',
  '--disable-infobars',
  '--disable-ipc-flooding-protection',
  '--disable-popup-blocking',
  '--disable-prompt-on-repost',
  '--disable-renderer-backgrounding',
  '--disable-search-engine-choice-screen',
  '--disable-sync',
  '--enable-automation',
  '--export-tagged-pdf',
  '--force-color-profile=srgb',
  '--generate-pdf-document-outline',
  '--metrics-recording-only',
  '--no-first-run',
  '--password-store=basic',
  '--use-mock-keychain',
];
/** Features Puppeteer turns off and on; a caller's --disable-features and --enable-features join them, as in defaultArgs(). */
const PUPPETEER_FEATURES = {
  disable: ['Translate', 'AcceptCHFrame', 'MediaRouter', 'OptimizationHints', 'WebUIReloadButton', 'ProcessPerSiteUpToMainFrameThreshold', 'IsolateSandboxedIframes'],
  enable: ['PdfOopif'],
};

/** The command line Puppeteer's launch({ headless, userDataDir, args, pipe: true }) gives Chromium. */
export function chromiumArgs(options: { headless: 'shell' | true; userDataDir: string; args: string[] }): string[] {
  const switchOf = (how: 'disable' | 'enable') => {
    const flag = `--${how}-features=`;
    const theirs = options.args.filter((a) => a.startsWith(flag)).flatMap((a) => a.slice(flag.length).split(','));
    return `${flag}${[...PUPPETEER_FEATURES[how], ...theirs].filter(Boolean).join(',')}`;
  };
  return [
    ...PUPPETEER_SWITCHES,
    switchOf('disable'),
    switchOf('enable'),
    `--user-data-dir=${options.userDataDir}`,
    options.headless === 'shell' ? '--headless' : '--headless=new',
    '--hide-scrollbars',
    '--mute-audio',
    '--disable-extensions',
    'about:blank',
    ...options.args.filter((a) => !/^--(disable|enable)-features=/.test(a)),
    '--remote-debugging-pipe',
  ];
}

export interface Spawned {
  process: ChildProcess;
  /** DevTools' pipe: Chromium reads from fd 3 and writes to fd 4. */
  pipe: { write: Writable; read: Readable };
  /** Rejects when Chromium exits, with the last lines it wrote: before it is connected, why it did not start. */
  exited: Promise<never>;
  /** Whether it has exited already: its pipe's end then came before anyone could hear it. */
  hasExited(): boolean;
}

/**
 * Chromium as a process group leader (so that killGroup ends it with all its helpers), its
 * stderr kept (the last lines say why a start failed), and nothing on our terminal.
 */
export function spawnChromium(executablePath: string, args: string[]): Spawned {
  const child = spawn(executablePath, args, { detached: true, stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'], env: process.env });
  let lines: string[] = [];
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (text: string) => (lines = [...lines, ...text.split('\n').filter((l) => l.trim() !== '')].slice(-8)));
  let gone = false;
  let reject: (e: Error) => void = () => {};
  const exited = new Promise<never>((_, r) => (reject = r));
  exited.catch(() => {}); // raced against the connection in launch.ts; an exit later is no error here
  // Exited, or never started (not executable).
  const ended = (why: () => Error) => {
    gone = true;
    // Our ends of its pipes would keep this process running (a transport on them hears them close).
    for (const stream of child.stdio) stream?.destroy();
    // Its last words may come in just after the exit.
    setTimeout(() => reject(why()), 20);
  };
  child.once('exit', (code, signal) => ended(() => new Error(`it exited (${signal ?? `code ${code}`})${lines.length > 0 ? `: ${lines.join(' | ')}` : ''}`)));
  child.once('error', (e) => ended(() => e));
  return { process: child, pipe: { write: child.stdio[3] as Writable, read: child.stdio[4] as Readable }, exited, hasExited: () => gone };
}

/** Kill Chromium and every helper of it at once: spawnChromium made it its process group's leader. */
export function killGroup(child: ChildProcess): void {
  try {
    process.kill(-child.pid!, 'SIGKILL');
  } catch {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}
