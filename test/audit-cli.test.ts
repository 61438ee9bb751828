import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startTestGateway, waitFor, type TestGateway } from './helpers.js';

/** The compiled CLI and the standalone verifier, run as real processes. */
const CLI = fileURLToPath(new URL('../dist/src/cli/main.js', import.meta.url));
const VERIFIER = fileURLToPath(new URL('../tools/audit-verify.mjs', import.meta.url));
const ENV: NodeJS.ProcessEnv = { ...process.env };
delete ENV['WARDEN_ADMIN_TOKEN'];
delete ENV['WARDEN_URL'];

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}
function run(file: string, args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [file, ...args], { env: ENV, timeout: 15_000, killSignal: 'SIGKILL' }, (err, stdout, stderr) => {
      if (err === null) return resolve({ code: 0, stdout, stderr });
      const e = err as NodeJS.ErrnoException & { code?: number | string };
      if (typeof e.code === 'string') return reject(err);
      resolve({ code: e.code ?? null, stdout, stderr });
    });
  });
}

describe('warden audit (CLI) and tools/audit-verify.mjs', () => {
  let gw: TestGateway;
  let cfg: string[];
  let oldSize: number;
  let newSize: number;
  const cli = (...args: string[]) => run(CLI, ['audit', ...args, ...cfg]);
  const file = (name: string, content: string) => {
    const f = path.join(gw.dataDir, name);
    writeFileSync(f, content);
    return f;
  };

  beforeAll(async () => {
    gw = await startTestGateway();
    cfg = ['--config', path.join(gw.dataDir, 'warden.yaml')];
    const send = async (content: string) => {
      const before = gw.events.length;
      const r = await fetch(`${gw.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${gw.key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'warden-sim', messages: [{ role: 'user', content }] }),
      });
      await r.text();
      await waitFor(() => gw.events.length > before);
    };
    await send('one');
    await send('two');
    oldSize = (await gw.warden.audit!.signHead()).size;
    await send('three');
    await fetch(`${gw.url}/admin/accounts`, { method: 'POST', headers: gw.adminHeaders, body: JSON.stringify({ id: 'acct-cli', country: 'FR' }) });
    newSize = (await gw.warden.audit!.signHead()).size;
  });
  afterAll(() => gw?.close());

  it('verifies the log, and prints proofs the standalone verifier accepts', async () => {
    const v = await cli('verify');
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/^OK: 4 entries/);
    const [proof, pem, cons] = await Promise.all([cli('proof', '--entry', '1', '--json'), cli('public-key'), cli('consistency', '--old', String(oldSize), '--new', String(newSize), '--json')]);
    expect(proof.code).toBe(0);
    expect(pem.stdout).toContain('BEGIN PUBLIC KEY');
    const key = file('pub.pem', pem.stdout);
    const ok = await run(VERIFIER, ['--public-key', key, file('proof.json', proof.stdout), file('cons.json', cons.stdout)]);
    expect(ok.stdout).toContain('OK');
    expect(ok.stdout).toContain('entry 1 is in the signed tree of size 4 (payload matches)');
    expect(ok.stdout).toContain(`tree of size ${oldSize} is a prefix of the tree of size ${newSize} (both signed)`);
    expect(ok.code).toBe(0);

    // By request id too.
    const ref = (JSON.parse(proof.stdout) as { payload: string }).payload;
    const byRef = await cli('proof', '--entry', (JSON.parse(ref) as { id: string }).id, '--json');
    expect(JSON.parse(byRef.stdout).leafIndex).toBe(1);
  });

  it('the verifier rejects tampered proofs, a wrong key and malformed input, saying why', async () => {
    const proof = JSON.parse((await cli('proof', '--entry', '2', '--json')).stdout);
    const key = file('pub2.pem', (await cli('public-key')).stdout);
    const flip = (h: string) => (h[0] === '0' ? '1' : '0') + h.slice(1);
    const badPath = file('bad-path.json', JSON.stringify({ ...proof, path: [flip(proof.path[0]), ...proof.path.slice(1)] }));
    const badPayload = file('bad-payload.json', JSON.stringify({ ...proof, payload: proof.payload.replace('"status":200', '"status":201') }));
    const badSig = file('bad-sig.json', JSON.stringify({ ...proof, head: { ...proof.head, size: proof.head.size + 1 }, treeSize: proof.treeSize + 1 }));
    const r = await run(VERIFIER, ['--public-key', key, badPath, badPayload, badSig]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('FAIL');
    expect(r.stdout).toMatch(/bad-path\.json: inclusion proof does not lead to the signed root/);
    expect(r.stdout).toMatch(/bad-payload\.json: the payload is not the one the leaf commits to/);
    expect(r.stdout).toMatch(/bad-sig\.json: head: signature does not verify/);

    const other = file('other.pem', (await import('node:crypto')).generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }) as string);
    const wrongKey = await run(VERIFIER, ['--public-key', other, file('p2.json', JSON.stringify(proof))]);
    expect(wrongKey.code).toBe(1);
    const malformed = await run(VERIFIER, ['--public-key', key, file('m1.json', '{not json'), file('m2.json', JSON.stringify({ type: 'inclusion', head: proof.head, treeSize: proof.treeSize, leafData: 'x', path: ['zz'] }))]);
    expect(malformed.code).toBe(2);
    expect(malformed.stdout).toMatch(/m1\.json: malformed input/);
    expect(malformed.stdout).toMatch(/m2\.json: malformed input/);
    expect((await run(VERIFIER, [])).code).toBe(2);
  });

  it('queries, exports and reports, and rejects bad input with a message and exit code 1', async () => {
    const [csv, jsonl, report, table] = await Promise.all([
      cli('query', '--account', 'acct-test', '--format', 'csv'),
      cli('export', '--kind', 'admin'),
      cli('report', '--account', 'acct-test', '--json'),
      cli('query', '--ip', '127.0.0.0/8'),
    ]);
    expect(csv.stdout.trim().split('\n')).toHaveLength(4);
    expect(JSON.parse(jsonl.stdout.trim())).toMatchObject({ kind: 'admin', action: 'account.create', account: 'acct-cli' });
    expect(JSON.parse(report.stdout)).toMatchObject({ account: 'acct-test', requests: 3, countries: { SG: 3 } });
    expect(table.stdout).toContain('SEQ');
    const bad = await Promise.all([cli('query', '--ip', 'nope'), cli('proof', '--entry', '9999'), cli('consistency', '--old', '3', '--new', '1'), cli('verify', '--from-size', '999')]);
    expect(bad.map((b) => b.code)).toEqual([1, 1, 1, 1]);
    expect(bad[0]?.stderr).toContain('WARDEN_ERR_AUDIT_INVALID_QUERY');
    expect(bad[1]?.stderr).toContain('WARDEN_ERR_AUDIT_NOT_FOUND');
    expect(bad[2]?.stderr).toContain('WARDEN_ERR_AUDIT_BAD_PROOF');
    expect(bad[3]?.stdout).toContain('bad_start');
  });

  it('pinpoints a flipped byte in storage and exits 1', async () => {
    const db = new Database(path.join(gw.dataDir, 'audit.db'));
    try {
      const row = db.prepare<[], { payload: string }>('SELECT payload FROM audit_entries WHERE seq = 2').get()!;
      db.prepare('UPDATE audit_entries SET payload = ? WHERE seq = 2').run(row.payload.replace('"status":200', '"status":500'));
      const v = await cli('verify');
      expect(v.code).toBe(1);
      expect(v.stdout).toContain('payload_mismatch entry 2');
      expect(v.stderr).toContain('WARDEN_ERR_AUDIT_VERIFY_FAILED');
      db.prepare('UPDATE audit_entries SET payload = ? WHERE seq = 2').run(row.payload);
    } finally {
      db.close();
    }
    expect(readFileSync(path.join(gw.dataDir, 'audit-signing-key.pem'), 'utf8')).toContain('PRIVATE KEY');
  });

  it('with --url, reads a running server’s trail through its admin API, and has the server sign heads', async () => {
    const remote = (...args: string[]) => run(CLI, ['audit', ...args, '--url', gw.url, '--admin-token', ADMIN_TOKEN]);
    const r = await fetch(`${gw.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${gw.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'warden-sim', messages: [{ role: 'user', content: 'four' }] }),
    });
    await r.text();
    // Committed by the live server's writer within flushMs, and visible to the CLI without restarting anything.
    for (let tries = 0; JSON.parse((await remote('query', '--account', 'acct-test', '--json')).stdout).length < 4; tries++) {
      if (tries > 20) throw new Error('the fourth request never showed up through --url');
    }
    const head = JSON.parse((await remote('head', '--sign', '--json')).stdout) as { size: number };
    expect(head.size).toBe(newSize + 1);
    const [proof, pem, verify, csv, report] = await Promise.all([
      remote('proof', '--entry', String(newSize), '--json'),
      remote('public-key'),
      remote('verify'),
      remote('export', '--account', 'acct-test', '--format', 'csv'),
      remote('report', '--account', 'acct-test', '--json'),
    ]);
    const ok = await run(VERIFIER, ['--public-key', file('pub-url.pem', pem.stdout), file('proof-url.json', proof.stdout)]);
    expect(ok.stdout).toContain(`entry ${newSize} is in the signed tree of size ${newSize + 1} (payload matches)`);
    expect(verify.stdout).toMatch(new RegExp(`^OK: ${newSize + 1} entries`));
    expect(csv.stdout.trim().split('\n')).toHaveLength(5);
    expect(JSON.parse(report.stdout)).toMatchObject({ account: 'acct-test', requests: 4 });

    const [retention, badToken, notFound] = await Promise.all([
      remote('retention'),
      run(CLI, ['audit', 'head', '--url', gw.url, '--admin-token', 'wadm_wrong']),
      remote('proof', '--entry', '9999'),
    ]);
    expect([retention.code, badToken.code, notFound.code]).toEqual([1, 1, 1]);
    expect(retention.stderr).toContain('WARDEN_ERR_INVALID_REQUEST');
    expect(badToken.stderr).toContain('WARDEN_ERR_ADMIN_UNAUTHORIZED');
    expect(notFound.stderr).toContain('WARDEN_ERR_AUDIT_NOT_FOUND');
  });
});
