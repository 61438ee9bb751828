import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passages, speeches } from '../bench/human-corpus.js';
import { BigramStudent } from '../bench/ngram-student.js';
import { accountTable, Keyring } from '../src/watermark/keys.js';
import { markText } from '../src/watermark/mark.js';

/** `warden watermark` as a real process against a real data directory (SQLite store, key files). */
const CLI = fileURLToPath(new URL('../dist/src/cli/main.js', import.meta.url));
const ENV: NodeJS.ProcessEnv = { ...process.env };
delete ENV['WARDEN_URL'];

let dir: string;
let leak: string;

function warden(args: string[], input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [CLI, ...args, '--data', dir], { env: ENV, timeout: 30_000, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    if (input !== undefined) child.stdin?.end(input);
  });
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'warden-wm-cli-'));
  // Twelve accounts; acct-7's reply leaks.
  for (let i = 0; i < 12; i++) expect((await warden(['accounts', 'create', '--id', `acct-${i}`])).code).toBe(0);
  // `mark` needs a key: the first rotate creates v1 (a serving gateway would have on its first start).
  expect((await warden(['watermark', 'rotate'])).stdout).toMatch(/v1 created/);
  const text = passages(speeches(1990), 800)[3] as string;
  writeFileSync(path.join(dir, 'reply.txt'), text);
  const marked = await warden(['watermark', 'mark', path.join(dir, 'reply.txt'), '--account', 'acct-7']);
  expect(marked.code).toBe(0);
  expect(marked.stdout).not.toBe(text);
  leak = path.join(dir, 'leak.txt');
  writeFileSync(leak, marked.stdout);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('warden watermark', () => {
  it('detect names the account a leaked reply was marked for, among all accounts, with a corrected p-value', async () => {
    const r = await warden(['watermark', 'detect', leak, '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { attributed: boolean; tested: number; best: { account: string; pAdjusted: number; score: { p: number; method: string } } };
    expect(out.tested).toBe(12);
    expect(out.best.account).toBe('acct-7');
    expect(out.attributed).toBe(true);
    expect(out.best.pAdjusted).toBeCloseTo(Math.min(1, out.best.score.p * 12), 20);
    expect(out.best.score.method).toBe('exact');
    const human = await warden(['watermark', 'detect', leak]);
    expect(human.stdout).toMatch(/ATTRIBUTED to acct-7/);
  }, 60_000);

  it('detect against one account, and unmarked text is not attributed', async () => {
    const other = await warden(['watermark', 'detect', leak, '--account', 'acct-3', '--json']);
    expect(JSON.parse(other.stdout).attributed).toBe(false);
    const plain = await warden(['watermark', 'detect', path.join(dir, 'reply.txt'), '--json']);
    expect(JSON.parse(plain.stdout).attributed).toBe(false);
  }, 60_000);

  it('after a key rotation, text marked with the old key still traces (every version is tested)', async () => {
    expect((await warden(['watermark', 'rotate'])).stdout).toMatch(/v2 created/);
    const r = JSON.parse((await warden(['watermark', 'detect', leak, '--json'])).stdout) as { tested: number; best: { account: string; version: number }; attributed: boolean };
    expect(r.tested).toBe(24);
    expect(r.best).toMatchObject({ account: 'acct-7', version: 1 });
    expect(r.attributed).toBe(true);
  }, 60_000);

  it('provenance finds the account whose marked replies a student model was trained on, and nothing in a student of unmarked text', async () => {
    // The harvester's replies were marked with the data directory's newest key, as a serving gateway would.
    const key = Keyring.open(path.join(dir, 'watermark-keys'), { create: false }).current;
    const harvester = accountTable(key, 'acct-4');
    const training = passages(speeches(1900), 300);
    const studentText = (share: number) => {
      const s = new BigramStudent();
      training.forEach((d, i) => s.train(((i * 7919) % 1000) / 1000 < share ? markText(d, harvester).text : d));
      return s.generate(2_000_000, 11);
    };
    writeFileSync(path.join(dir, 'suspect.txt'), studentText(0.2));
    writeFileSync(path.join(dir, 'clean-model.txt'), studentText(0));
    const r = await warden(['watermark', 'provenance', path.join(dir, 'suspect.txt'), '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { detected: boolean; tested: number; trials: number; best: { account: string; version: number; pAdjusted: number; score: { p: number } } };
    expect(out.tested).toBe(24);
    expect(out.trials).toBeGreaterThan(1000);
    expect(out.best).toMatchObject({ account: 'acct-4', version: key.version });
    expect(out.best.pAdjusted).toBeLessThan(1e-6);
    expect(out.detected).toBe(true);
    expect((await warden(['watermark', 'provenance', path.join(dir, 'suspect.txt')])).stdout).toMatch(/DETECTED: the model learned from replies marked for acct-4/);
    const clean = JSON.parse((await warden(['watermark', 'provenance', path.join(dir, 'clean-model.txt'), '--json'])).stdout) as { detected: boolean; best: { pAdjusted: number } };
    expect(clean.detected).toBe(false);
    expect(clean.best.pAdjusted).toBeGreaterThan(1e-3);
    const one = JSON.parse((await warden(['watermark', 'provenance', path.join(dir, 'suspect.txt'), '--account', 'acct-9', '--json'])).stdout) as { detected: boolean; tested: number };
    expect(one).toMatchObject({ detected: false, tested: 2 });
  }, 120_000);

  it('detect on a dataset gathered through two accounts names both of them, and no other', async () => {
    const key = Keyring.open(path.join(dir, 'watermark-keys'), { create: false }).current;
    // Each account's marks are diluted by the other's text: 3,200 words each (corrected p below 1e-12 for any key, measured).
    const texts = passages(speeches(1950), 3200);
    const harvesters = ['acct-2', 'acct-9'];
    const dataset = harvesters.map((a, i) => markText(texts[i] as string, accountTable(key, a)).text).join('\n\n');
    writeFileSync(path.join(dir, 'dataset.txt'), dataset);
    const r = await warden(['watermark', 'detect', path.join(dir, 'dataset.txt'), '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { matches: Array<{ account: string; version: number; pAdjusted: number }> };
    expect(out.matches.map((m) => m.account).sort()).toEqual(harvesters);
    for (const m of out.matches) expect(m).toMatchObject({ version: key.version });
    expect((await warden(['watermark', 'detect', path.join(dir, 'dataset.txt')])).stdout).toMatch(/also attributed \(a text gathered through several accounts\): acct-\d/);
  }, 60_000);

  it('rejects empty, binary, non-UTF-8 and missing input with a clear error and exit code 1', async () => {
    const cases: [string, string | Buffer, RegExp][] = [
      ['empty.txt', '', /is empty/],
      ['binary.bin', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2]), /binary/],
      ['latin1.txt', Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x69, 0x74]), /not UTF-8/],
    ];
    for (const [name, content, message] of cases) {
      writeFileSync(path.join(dir, name), content);
      for (const command of ['detect', 'provenance']) {
        const r = await warden(['watermark', command, path.join(dir, name)]);
        expect(r.code, `${command} ${name}`).toBe(1);
        expect(r.stderr, `${command} ${name}`).toMatch(message);
        expect(r.stderr).toMatch(/WARDEN_ERR_WATERMARK_INPUT/);
      }
    }
    const missing = await warden(['watermark', 'detect', path.join(dir, 'nope.txt')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/cannot read/);
    const alpha = await warden(['watermark', 'detect', leak, '--alpha', '2']);
    expect(alpha.code).not.toBe(0);
    expect(alpha.stderr).toMatch(/probability/);
  }, 60_000);

  it('reads a huge input only up to its limit, and stdin', async () => {
    const big = path.join(dir, 'huge.txt');
    writeFileSync(big, Buffer.alloc(64 * 1024 * 1024 + 1, 0x61));
    const r = await warden(['watermark', 'detect', big]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/at most 67108864 are read/);
    const { readFileSync } = await import('node:fs');
    const viaStdin = await warden(['watermark', 'detect', '-', '--json'], readFileSync(leak, 'utf8'));
    expect(JSON.parse(viaStdin.stdout).best.account).toBe('acct-7');
  }, 60_000);
});
