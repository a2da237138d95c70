// Firefox (Debian's firefox-esr: SpiderMonkey) and WebKit (WPE WebKit through Debian's `cog`:
// JavaScriptCore, Safari's engine), headless and with no driver: each opens one URL, and the
// page reports back over HTTP (to the inbox, or to a route of the test's own server).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type EngineName = 'firefox' | 'webkit';

export const ENGINES: EngineName[] = ['firefox', 'webkit'];

export interface EngineWindow {
  /** Ends the browser and every process it started. */
  close(): Promise<void>;
}

/** No update checks, telemetry, first-run pages or other traffic next to the test's own. */
const FIREFOX_PREFS = {
  'app.update.disabledForTesting': true,
  'browser.shell.checkDefaultBrowser': false,
  'browser.startup.homepage_override.mstone': 'ignore',
  'datareporting.policy.dataSubmissionEnabled': false,
  'toolkit.telemetry.reportingpolicy.firstRun': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'browser.safebrowsing.update.enabled': false,
  'extensions.update.enabled': false,
  'remote.prefs.recommended': true,
  // The page's console on stdout, for ENGINE_LOG=1 runs.
  'devtools.console.stdout.content': true,
};

export interface OpenOptions {
  /** A profile folder to keep (storage such as IndexedDB survives into the next launch); default: a fresh one, removed on close. */
  profile?: string;
  /** Firefox preferences on top of the quiet defaults, e.g. `{ 'network.cookie.cookieBehavior': 2 }` (cookies and storage blocked). */
  prefs?: Record<string, string | number | boolean>;
}

/**
 * Opens `url` in headless `engine`, in a fresh profile unless one is given.
 *
 * @example
 * const opened = await openInEngine('webkit', `${site.url}/`);
 * await opened.close();
 */
export async function openInEngine(engine: EngineName, url: string, options: OpenOptions = {}): Promise<EngineWindow> {
  const profile = options.profile ?? mkdtempSync(join(tmpdir(), `faultline-${engine}-`));
  let child: ChildProcess;
  if (engine === 'firefox') {
    const prefs = Object.entries({ ...FIREFOX_PREFS, ...options.prefs }).map(([name, value]) => `user_pref(${JSON.stringify(name)}, ${JSON.stringify(value)});`);
    writeFileSync(join(profile, 'user.js'), `${prefs.join('\n')}\n`);
    child = spawn('firefox-esr', ['--headless', '--no-remote', '--profile', profile, url], {
      stdio: process.env.ENGINE_LOG ? 'inherit' : 'ignore',
      detached: true,
      env: { ...process.env, MOZ_CRASHREPORTER_DISABLE: '1' },
    });
  } else {
    // WebKit keeps its caches and storage under XDG folders: inside the profile, not $HOME.
    child = spawn('cog', ['--platform=headless', url], {
      stdio: process.env.ENGINE_LOG ? 'inherit' : 'ignore',
      detached: true,
      env: { ...process.env, XDG_CACHE_HOME: join(profile, 'cache'), XDG_DATA_HOME: join(profile, 'data') },
    });
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', (error) => reject(new Error(`${engine} could not start (apt-get install ${engine === 'firefox' ? 'firefox-esr' : 'cog'}): ${error.message}`)));
  });
  return {
    async close() {
      // As a user closes it, so storage is written out; what is left after 3 s is killed.
      const signal = (name: NodeJS.Signals, group: boolean) => {
        try {
          process.kill(group ? -child.pid! : child.pid!, name);
        } catch {
          // Already gone.
        }
      };
      signal('SIGTERM', false);
      const timer = setTimeout(() => signal('SIGKILL', true), 3000);
      await exited;
      clearTimeout(timer);
      signal('SIGKILL', true);
      if (!options.profile) rmSync(profile, { recursive: true, force: true });
    },
  };
}
