import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../src/engine/policy.js';
import type { Verdict } from '../src/engine/types.js';
import { replay } from '../src/replay/replay.js';
import { loadSimulation } from '../src/traffic/profiles.js';
import { writeTrace } from '../src/traffic/write.js';
import { tempDirs } from './helpers.js';

const run = promisify(execFile);
const CLI = path.resolve('dist/src/cli/main.js');
const tempDir = tempDirs('warden-replay-test-');

const readVerdicts = (dir: string): Verdict[] =>
  readFileSync(path.join(dir, 'verdicts.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Verdict);

const acct = (account: string, ts: string, extra: object = {}) => JSON.stringify({ type: 'account', ts, account, tier: 'free', kyc: 'email', ...extra });
const req = (account: string, ts: string, content: string, extra: object = {}) =>
  JSON.stringify({ type: 'request', ts, account, ip: '198.51.100.7', body: { model: 'm', messages: [{ role: 'user', content }] }, ...extra });

describe('warden replay', () => {
  it('writes one spec-shaped verdict per account and a summary', async () => {
    const dir = tempDir();
    const trace = path.join(dir, 'trace.jsonl');
    writeFileSync(trace, [acct('a-1', '2026-04-01T00:00:00Z'), req('a-1', '2026-04-01T00:00:01Z', 'What is the capital of France?'), req('a-2', '2026-04-01T00:00:02Z', 'hello')].join('\n') + '\n');
    const summary = await replay({ input: trace, outDir: dir, policy: DEFAULT_POLICY });
    expect(summary).toMatchObject({ events: 3, account_events: 1, request_events: 2, accounts: 2, invalid_lines: 0, input_error: null });
    const verdicts = readVerdicts(dir);
    expect(verdicts.map((v) => v.account)).toEqual(['a-1', 'a-2']);
    for (const v of verdicts) {
      expect(Object.keys(v).sort()).toEqual(['account', 'action', 'cluster', 'first_flag_ts', 'flagged', 'reasons', 'requests_before_flag', 'requests_total', 'score'].sort());
      expect(v.flagged).toBe(false);
      expect(v.first_flag_ts).toBeNull();
      expect(v.requests_before_flag).toBe(v.requests_total);
      expect(v.action).toBe('allow');
    }
    expect(JSON.parse(readFileSync(path.join(dir, 'summary.json'), 'utf8'))).toMatchObject({ events: 3, accounts: 2 });
  });

  it('reports every kind of bad line with its number and reason, skips it, and keeps going', async () => {
    const dir = tempDir();
    const trace = path.join(dir, 'trace.jsonl');
    const lines = [
      acct('a-1', '2026-04-01T00:00:00Z'), // 1 ok
      '{"type":"request", "ts": ', // 2 malformed JSON
      JSON.stringify({ type: 'request', ts: '2026-04-01T00:00:01Z', body: {} }), // 3 no account
      JSON.stringify({ type: 'request', ts: '2026-04-01T00:00:01Z', account: 'a-1' }), // 4 no body
      JSON.stringify({ type: 'request', ts: 12, account: 'a-1', body: {} }), // 5 ts wrong type
      JSON.stringify({ type: 'request', ts: 'yesterday', account: 'a-1', body: {} }), // 6 ts not a time
      JSON.stringify({ type: 'click', ts: '2026-04-01T00:00:01Z', account: 'a-1' }), // 7 unknown type
      JSON.stringify({ type: 'account', ts: '2026-04-01T00:00:01Z', account: 'a-3', tier: 'platinum' }), // 8 bad tier
      JSON.stringify({ type: 'request', ts: '2026-04-01T00:00:01Z', account: 'a-1', body: { messages: 'hi' } }), // 9 messages not an array
      '[1,2,3]', // 10 not an object
      req('a-1', '2026-04-01T00:00:05Z', 'fine', { extra_field: { ignored: true } }), // 11 ok, extra field
      req('a-1', '2026-04-01T00:00:03Z', 'earlier than the previous line'), // 12 ok, out of order
      req('a-1', '2026-04-01T00:00:06Z', 'x'.repeat(9 * 1024 * 1024)), // 13 huge
      '', // 14 blank: ignored
      req('a-1', '2026-04-01T00:00:07Z', 'last, without newline'), // 15 ok
    ];
    writeFileSync(trace, lines.join('\n'));
    const invalid: Array<[number, string]> = [];
    const summary = await replay({ input: trace, outDir: dir, policy: DEFAULT_POLICY, onInvalid: (l, r) => invalid.push([l, r]) });
    expect(invalid.map(([l]) => l)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 13]);
    expect(invalid.find(([l]) => l === 2)![1]).toMatch(/malformed JSON/);
    expect(invalid.find(([l]) => l === 3)![1]).toMatch(/account/);
    expect(invalid.find(([l]) => l === 4)![1]).toMatch(/body/);
    expect(invalid.find(([l]) => l === 7)![1]).toMatch(/unknown event type "click"/);
    expect(invalid.find(([l]) => l === 8)![1]).toMatch(/tier/);
    expect(invalid.find(([l]) => l === 13)![1]).toMatch(/over the limit/);
    expect(summary).toMatchObject({ events: 4, invalid_lines: 10, out_of_order_lines: 1, input_error: null });
    expect(readVerdicts(dir)).toHaveLength(1);
    expect(readVerdicts(dir)[0]!.requests_total).toBe(3);
    const listed = readFileSync(path.join(dir, 'invalid.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { line: number });
    expect(listed.map((l) => l.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 13]);
  });

  it('reads gzip, and says so when a gzip is truncated instead of writing a silently wrong summary', async () => {
    const dir = tempDir();
    const text = Array.from({ length: 2000 }, (_, i) => req(`a-${i % 50}`, `2026-04-01T00:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z`, `question number ${i} about topic ${i % 7}`)).join('\n') + '\n';
    const gz = gzipSync(text);
    writeFileSync(path.join(dir, 'ok.jsonl.gz'), gz);
    writeFileSync(path.join(dir, 'cut.gz'), gz.subarray(0, Math.floor(gz.length / 2)));
    const ok = await replay({ input: path.join(dir, 'ok.jsonl.gz'), outDir: path.join(dir, 'ok'), policy: DEFAULT_POLICY });
    expect(ok).toMatchObject({ events: 2000, input_error: null });
    const cut = await replay({ input: path.join(dir, 'cut.gz'), outDir: path.join(dir, 'cut'), policy: DEFAULT_POLICY });
    expect(cut.input_error).toMatch(/truncated/);
    expect(cut.events).toBeLessThan(2000);
    expect(JSON.parse(readFileSync(path.join(dir, 'cut', 'summary.json'), 'utf8')).input_error).toMatch(/truncated/);
    // The CLI exits non-zero and says why.
    const res = await run('node', [CLI, 'replay', path.join(dir, 'cut.gz'), '--out', path.join(dir, 'cli')]).catch((e: { code: number; stderr: string }) => e);
    expect((res as { code: number }).code).toBe(1);
    expect((res as { stderr: string }).stderr).toMatch(/truncated/);
  });

  it('reads stdin, and rejects a missing file and a bad policy file with messages naming the problem', async () => {
    const dir = tempDir();
    const missing = await run('node', [CLI, 'replay', path.join(dir, 'nope.jsonl'), '--out', dir]).catch((e: { stderr: string }) => e);
    expect((missing as { stderr: string }).stderr).toMatch(/trace file not found/);
    const policy = path.join(dir, 'policy.yaml');
    writeFileSync(policy, 'flag_at: 2\nactions:\n  - {min_score: 0.5, action: obliterate}\n');
    writeFileSync(path.join(dir, 't.jsonl'), req('a-1', '2026-04-01T00:00:00Z', 'hi') + '\n');
    const bad = await run('node', [CLI, 'replay', path.join(dir, 't.jsonl'), '--out', dir, '--policy', policy]).catch((e: { stderr: string }) => e);
    expect((bad as { stderr: string }).stderr).toMatch(/flag_at/);
    expect((bad as { stderr: string }).stderr).toMatch(/actions\.0\.action/);
    const child = execFile('node', [CLI, 'replay', '-', '--out', path.join(dir, 'stdin'), '--json']);
    child.stdin!.end(req('a-9', '2026-04-01T00:00:00Z', 'hello there') + '\n');
    const out = await new Promise<string>((resolve) => {
      let s = '';
      child.stdout!.on('data', (d: Buffer) => (s += d));
      child.on('close', () => resolve(s));
    });
    expect(JSON.parse(out)).toMatchObject({ events: 1, accounts: 1 });
  });

  it('gives byte-identical verdicts for the same trace, with any number of parsing threads, and under --shadow (which only stops enforcement)', async () => {
    const dir = tempDir();
    await writeTrace({ sim: loadSimulation(), seed: 21, scale: 0.05, days: 3 }, dir);
    const trace = path.join(dir, 'trace.jsonl');
    await replay({ input: trace, outDir: path.join(dir, 'a'), policy: DEFAULT_POLICY });
    await replay({ input: trace, outDir: path.join(dir, 'b'), policy: DEFAULT_POLICY });
    await replay({ input: trace, outDir: path.join(dir, 's'), policy: { ...DEFAULT_POLICY, shadow: true } });
    const a = readFileSync(path.join(dir, 'a', 'verdicts.jsonl'), 'utf8');
    expect(readFileSync(path.join(dir, 'b', 'verdicts.jsonl'), 'utf8')).toBe(a);
    // Parsing in worker threads or inline changes nothing.
    await replay({ input: trace, outDir: path.join(dir, 't0'), policy: DEFAULT_POLICY, threads: 0 });
    await replay({ input: trace, outDir: path.join(dir, 't3'), policy: DEFAULT_POLICY, threads: 3 });
    expect(readFileSync(path.join(dir, 't0', 'verdicts.jsonl'), 'utf8')).toBe(a);
    expect(readFileSync(path.join(dir, 't3', 'verdicts.jsonl'), 'utf8')).toBe(a);
    // Shadow mode records the same verdicts (it only stops enforcement on the request path).
    expect(readFileSync(path.join(dir, 's', 'verdicts.jsonl'), 'utf8')).toBe(a);
    expect(JSON.parse(readFileSync(path.join(dir, 's', 'summary.json'), 'utf8')).shadow).toBe(true);
    // Five replays and a simulation: on a busy shared machine this takes far longer than a unit test.
  }, 90_000);
});
