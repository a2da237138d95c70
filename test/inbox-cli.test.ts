// The `faultline-inbox` command as a user runs it: a real child process (needs the build).

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEnvelope, serializeEnvelope } from '@faultline/core';
import { runCli, stopCli, waitForDsn, type CliRun } from '../packages/inbox/test/cliprocess';

const runs: CliRun[] = [];
const cleanups: Array<() => Promise<unknown>> = [];

afterEach(async () => {
  await Promise.all(runs.splice(0).map(stopCli));
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function dataFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'inbox-cli-test-'));
  cleanups.push(() => rm(folder, { recursive: true, force: true }));
  return join(folder, 'data');
}

function start(args: string[]): CliRun {
  const run = runCli(args);
  runs.push(run);
  return run;
}

/** Exit code and stderr of a run that must fail at start-up. */
async function failure(args: string[]): Promise<{ code: number | null; stderrLines: string[]; stdout: string }> {
  const run = start(args);
  const code = await run.exited;
  return { code, stderrLines: run.stderr().split('\n').filter(Boolean), stdout: run.stdout() };
}

function sendEvent(url: string, key: string, message: string): Promise<Response> {
  const event = { event_id: 'a'.repeat(32), platform: 'node', level: 'error', message, timestamp: Date.now() / 1000 };
  const body = serializeEnvelope(createEnvelope({ event_id: event.event_id }, [[{ type: 'event' }, event]])) as string;
  return fetch(`${url}/api/1/envelope/?sentry_key=${key}`, { method: 'POST', body });
}

describe('faultline-inbox', () => {
  it('prints the DSN with the real port for --port 0, and keeps the generated key', async () => {
    const data = await dataFolder();
    const first = await waitForDsn(start(['--port', '0', '--data', data]));
    expect(first.port).toBeGreaterThan(0);
    expect(first.key).toMatch(/^[0-9a-f]{32}$/);
    expect((await readFile(join(data, 'key'), 'utf8')).trim()).toBe(first.key);
    await stopCli(runs[0]);

    const second = await waitForDsn(start(['--port=0', `--data=${data}`]));
    expect(second.key).toBe(first.key);
  });

  it('uses --key and listens on 127.0.0.1 only', async () => {
    const { dsn, port } = await waitForDsn(start(['--port', '0', '--data', await dataFolder(), '--key', 'team-key']));
    expect(dsn).toBe(`http://team-key@127.0.0.1:${port}/1`);
  });

  it('prints one line per received event and serves it after a restart', async () => {
    const data = await dataFolder();
    const run = start(['--port', '0', '--data', data]);
    const { url, key } = await waitForDsn(run);
    expect((await sendEvent(url, key, 'saved before the restart')).status).toBe(200);
    await expect.poll(() => run.stdout()).toMatch(/^\d\d:\d\d:\d\d {2}error {4}saved before the restart$/m);
    expect(await stopCli(run)).toBe(0);

    const again = await waitForDsn(start(['--port', '0', '--data', data]));
    const events = (await (await fetch(`${again.url}/api/1/events/`)).json()) as Array<{ message: string }>;
    expect(events.map((event) => event.message)).toEqual(['saved before the restart']);
  });

  it('exits 2 with one line on stderr when the port is in use', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', done));
    cleanups.push(() => new Promise((done) => blocker.close(done)));
    const port = (blocker.address() as { port: number }).port;

    const { code, stderrLines, stdout } = await failure(['--port', String(port), '--data', await dataFolder()]);
    expect(code).toBe(2);
    expect(stderrLines).toEqual([`faultline-inbox: port ${port} on 127.0.0.1 is already in use (choose another with --port, or --port 0 for a free one)`]);
    expect(stdout).not.toContain('DSN:');
  });

  it('exits 2 with one line on stderr for an unknown flag', async () => {
    const { code, stderrLines } = await failure(['--verbose']);
    expect(code).toBe(2);
    expect(stderrLines).toHaveLength(1);
    expect(stderrLines[0]).toMatch(/^faultline-inbox: unknown option "--verbose" \(usage: faultline-inbox \[--port 7755\]/);
  });

  it('exits 2 with one line on stderr for a data folder it cannot write', async () => {
    const folder = await dataFolder();
    const file = `${folder}-file`;
    await writeFile(file, 'not a folder');
    cleanups.push(() => rm(file, { force: true }));
    const { code, stderrLines } = await failure(['--port', '0', '--data', join(file, 'inbox')]);
    expect(code).toBe(2);
    expect(stderrLines).toHaveLength(1);
    expect(stderrLines[0]).toMatch(/^faultline-inbox: cannot use the data folder .*-file\/inbox: ENOTDIR/);
  });

  it('exits 2 for another interface than loopback without --key, and for a bad port', async () => {
    const open = await failure(['--host', '0.0.0.0', '--port', '0', '--data', await dataFolder()]);
    expect(open.code).toBe(2);
    expect(open.stderrLines).toEqual([
      'faultline-inbox: refusing to listen on 0.0.0.0, which is not loopback, without an explicit key (--key)',
    ]);
    const badPort = await failure(['--port', 'eighty']);
    expect(badPort.code).toBe(2);
    expect(badPort.stderrLines).toEqual(['faultline-inbox: --port must be a whole number from 0 to 65535, got "eighty"']);
  });
});
