import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll } from 'vitest';
import { loadConfig, type ConfigOverrides } from '../src/config/load.js';
import type { TrafficEvent } from '../src/events/types.js';
import { startWarden, type StartOptions, type Warden } from '../src/warden.js';

export const ADMIN_TOKEN = 'wadm_test-admin-token-0123456789abcdef';
export const PG_URL = process.env['WARDEN_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Collects log lines (as text and parsed) so tests can assert on them. */
export class LogCapture extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: () => void): void {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    cb();
  }
  get text(): string {
    return this.lines.join('\n');
  }
  records(): Array<Record<string, unknown>> {
    return this.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  }
}

export interface TestGateway {
  warden: Warden;
  url: string;
  /** A working API key of account `acct-test`. */
  key: string;
  logs: LogCapture;
  events: TrafficEvent[];
  dataDir: string;
  adminHeaders: Record<string, string>;
  close(): Promise<void>;
}

export interface TestGatewayOptions extends StartOptions {
  /** Raw config (as the YAML file would hold), merged under the test defaults. */
  config?: Record<string, unknown>;
  overrides?: ConfigOverrides;
}

/**
 * A real Warden on an ephemeral port with a temp SQLite store and (unless the
 * config names upstreams) its built-in simulated upstream.
 */
export async function startTestGateway(opts: TestGatewayOptions = {}): Promise<TestGateway> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'warden-test-'));
  const configFile = path.join(dataDir, 'warden.yaml');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(configFile, JSON.stringify({ server: { port: 0 }, dataDir, ...(opts.config ?? {}) }));
  const config = loadConfig(configFile, opts.overrides ?? {});
  const logs = new LogCapture();
  const events: TrafficEvent[] = [];
  const env = { ...process.env, WARDEN_ADMIN_TOKEN: ADMIN_TOKEN, ...(opts.env ?? {}) };
  const warden = await startWarden(config, {
    ...opts,
    env,
    logDestination: logs,
    processMetrics: false,
    sinks: [{ emit: (e) => events.push(e) }, ...(opts.sinks ?? [])],
  });
  await warden.identity.createAccount({ id: 'acct-test', tier: 'paid', kyc: 'email', country: 'SG' });
  const { secret } = await warden.identity.createKey('acct-test', { name: 'test' });
  return {
    warden,
    url: warden.url,
    key: secret,
    logs,
    events,
    dataDir,
    adminHeaders: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    close: async () => {
      await warden.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function waitFor(predicate: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A loopback port that was free a moment ago (nothing listens on it now). */
export async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise((r) => srv.close(r));
  return port;
}

/** Temp directories for one test file, all removed after its tests (call at module level). */
export function tempDirs(prefix: string): () => string {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  return () => {
    const d = mkdtempSync(path.join(tmpdir(), prefix));
    dirs.push(d);
    return d;
  };
}

/** One series' value from a gateway's /metrics (Prometheus text format), or undefined when it is not there. */
export async function metricValue(url: string, series: string): Promise<number | undefined> {
  const text = await (await fetch(`${url}/metrics`)).text();
  for (const line of text.split('\n')) {
    if (line.startsWith(`${series} `)) return Number(line.slice(series.length + 1));
  }
  return undefined;
}
