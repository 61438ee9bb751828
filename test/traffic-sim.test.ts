import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { normalizeEvent } from '../src/engine/normalize.js';
import { runLive } from '../src/traffic/live.js';
import { loadSimulation } from '../src/traffic/profiles.js';
import { TraceGenerator } from '../src/traffic/trace.js';
import { writeTrace } from '../src/traffic/write.js';
import { ADMIN_TOKEN, startTestGateway, tempDirs } from './helpers.js';

const run = promisify(execFile);
const CLI = path.resolve('dist/src/cli/main.js');
const sim = loadSimulation();
const tempDir = tempDirs('warden-sim-test-');

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const DOC_RANGES = [/^192\.0\.2\.\d+$/, /^198\.51\.100\.\d+$/, /^203\.0\.113\.\d+$/, /^100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\.\d+\.\d+$/, /^2001:db8:/];

describe('warden simulate (trace files)', () => {
  it('is byte-identical for one seed and differs for another', async () => {
    const [a, b, c] = [tempDir(), tempDir(), tempDir()];
    await writeTrace({ sim, seed: 7, scale: 0.03, days: 2 }, a);
    await writeTrace({ sim, seed: 7, scale: 0.03, days: 2 }, b);
    await writeTrace({ sim, seed: 8, scale: 0.03, days: 2 }, c);
    expect(sha(path.join(a, 'trace.jsonl'))).toBe(sha(path.join(b, 'trace.jsonl')));
    expect(sha(path.join(a, 'truth.json'))).toBe(sha(path.join(b, 'truth.json')));
    expect(sha(path.join(a, 'trace.jsonl'))).not.toBe(sha(path.join(c, 'trace.jsonl')));
  });

  it('writes spec-valid lines in timestamp order, with truth for every account and no label in any id', async () => {
    const dir = tempDir();
    const result = await writeTrace({ sim, seed: 3, scale: 0.05, days: 3 }, dir);
    const lines = readFileSync(path.join(dir, 'trace.jsonl'), 'utf8').split('\n').filter(Boolean);
    expect(lines.length).toBe(result.events);
    const truth = JSON.parse(readFileSync(path.join(dir, 'truth.json'), 'utf8')) as Record<string, string>;
    const seen = new Set<string>();
    let last = '';
    for (const line of lines) {
      const raw = JSON.parse(line) as Record<string, unknown>;
      const n = normalizeEvent(raw);
      expect(n.ok, line.slice(0, 200)).toBe(true);
      expect(String(raw['ts']) >= last).toBe(true);
      last = String(raw['ts']);
      const account = String(raw['account']);
      seen.add(account);
      expect(truth[account]).toBeDefined();
      if (raw['type'] === 'account') {
        expect(seen.has(account)).toBe(true);
      } else {
        expect(DOC_RANGES.some((r) => r.test(String(raw['ip']))), String(raw['ip'])).toBe(true);
        expect(['/v1/chat/completions', '/v1/messages']).toContain(raw['endpoint']);
      }
      for (const id of [raw['account'], raw['key'], raw['org'], raw['id']]) {
        if (typeof id === 'string') expect(id).toMatch(/^[akor]-[0-9a-f]+$/);
      }
    }
    // Every account in truth appears in the trace (its account event at least).
    for (const account of Object.keys(truth)) expect(seen.has(account)).toBe(true);
  });

  it('keeps population proportions at every scale', () => {
    for (const scale of [0.1, 0.4]) {
      const gen = new TraceGenerator({ sim, seed: 5, scale, days: 30 });
      const counts: Record<string, number> = {};
      for (const a of gen.population.accounts) counts[a.group.label] = (counts[a.group.label] ?? 0) + 1;
      for (const [name, p] of Object.entries(sim.profiles)) {
        expect(counts[name]).toBe(Math.max(1, Math.round(p.accounts * scale)));
      }
    }
  });

  it('gives each population its documented shape', async () => {
    const dir = tempDir();
    const r = await writeTrace({ sim, seed: 11, scale: 0.1, days: 5 }, dir);
    const perAccount = (label: string) => (r.requestsByLabel[label] ?? 0) / (r.labels[label] ?? 1);
    // Extraction accounts are far busier than ordinary users; hydra accounts stay low-volume.
    expect(perAccount('broad_extraction')).toBeGreaterThan(20 * perAccount('benign_casual'));
    expect(perAccount('hydra')).toBeLessThan(perAccount('broad_extraction') / 10);
    expect(r.labels['hydra']).toBeGreaterThan(r.labels['broad_extraction']! * 10);
    const events = readFileSync(path.join(dir, 'trace.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, any>);
    const truth = JSON.parse(readFileSync(path.join(dir, 'truth.json'), 'utf8')) as Record<string, string>;
    const ipsOf = (label: string) => new Set(events.filter((e) => e.type === 'request' && truth[e.account] === label).map((e) => e.ip));
    expect(ipsOf('fp_university_class').size).toBe(1);
    expect(ipsOf('hydra').size).toBeGreaterThan(20);
    // Broad extraction moves to the new model within a day of its release (day 3, 2026-04-04).
    const late = events.filter((e) => e.type === 'request' && truth[e.account] === 'broad_extraction' && e.ts >= '2026-04-05');
    expect(late.length).toBeGreaterThan(0);
    expect(late.every((e) => e.body.model === sim.models.released)).toBe(true);
    // Shared payment methods among the reasoning campaign's accounts.
    const pf = events.filter((e) => e.type === 'account' && truth[e.account] === 'reasoning_extraction').map((e) => e.payment_fingerprint);
    expect(new Set(pf).size).toBeLessThan(pf.length);
  });

  it('rejects bad arguments and bad profile files with a clear message', async () => {
    const bad = await run('node', [CLI, 'simulate', '--seed', '-3', '--out', tempDir()]).catch((e: { stderr: string; code: number }) => e);
    expect((bad as { code: number }).code).not.toBe(0);
    expect((bad as { stderr: string }).stderr).toMatch(/--seed.*non-negative integer/);
    const neither = await run('node', [CLI, 'simulate']).catch((e: { stderr: string }) => e);
    expect((neither as { stderr: string }).stderr).toMatch(/exactly one of --out DIR .* or --live URL/);
    const file = path.join(tempDir(), 'p.yaml');
    writeFileSync(file, 'start: "2026-04-01T00:00:00Z"\nmodels: {current: m, released: n, release_day: 1}\nprofiles:\n  x:\n    accounts: -1\n');
    const badFile = await run('node', [CLI, 'simulate', '--profiles', file, '--out', tempDir()]).catch((e: { stderr: string }) => e);
    expect((badFile as { stderr: string }).stderr).toMatch(/profiles\.x\.accounts/);
  });

  it('runs from the CLI and reports what it wrote', async () => {
    const dir = tempDir();
    const { stdout } = await run('node', [CLI, 'simulate', '--seed', '2', '--scale', '0.02', '--days', '1', '--out', dir, '--json']);
    const r = JSON.parse(stdout) as { events: number; accounts: number };
    expect(r.events).toBeGreaterThan(100);
    expect(Object.keys(JSON.parse(readFileSync(path.join(dir, 'truth.json'), 'utf8'))).length).toBe(r.accounts);
  });
});

describe('warden simulate --live', () => {
  it('provisions accounts through the admin API and sends the timeline through a running gateway', async () => {
    const gw = await startTestGateway({ config: { server: { port: 0, trustProxy: true } } });
    try {
      const result = await runLive({ sim, seed: 4, scale: 0.02, days: 1, url: gw.url, adminToken: ADMIN_TOKEN, rate: 500, timeFactor: 1e6, concurrency: 8, limit: 60 });
      expect(result.requests).toBe(60);
      expect(result.statuses['200']).toBe(60);
      const truth = new TraceGenerator({ sim, seed: 4, scale: 0.02, days: 1 }).truth();
      const requests = gw.events.filter((e) => e.type === 'request' && e.account !== 'acct-test');
      expect(requests.length).toBe(60);
      for (const e of requests) {
        expect(truth[e.account]).toBeDefined();
        // The simulated client address arrives through X-Forwarded-For.
        expect(DOC_RANGES.some((r) => r.test(String((e as { ip?: string }).ip)))).toBe(true);
      }
      const account = await fetch(`${gw.url}/admin/accounts/${requests[0]!.account}`, { headers: gw.adminHeaders });
      expect(account.status).toBe(200);
    } finally {
      await gw.close();
    }
  });
});
