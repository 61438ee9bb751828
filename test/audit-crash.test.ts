import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadPublicKey } from '../src/audit/keys.js';
import { openAuditStore } from '../src/audit/store/open.js';
import { verifyLog } from '../src/audit/verify.js';
import { tempDirs } from './helpers.js';

const CHILD = fileURLToPath(new URL('./fixtures/audit-crash-child.mjs', import.meta.url));
const tempDir = tempDirs('warden-audit-crash-');

/** Runs the appender until `killAfterMs` after it is ready, SIGKILLs it, and returns every ref it acknowledged. */
function runAndKill(dir: string, file: string, run: string, writer: 'thread' | 'inline', killAfterMs: number): Promise<{ acked: Map<string, number>; startSize: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, dir, file, run, writer], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acked = new Map<string, number>();
    let startSize = -1;
    let buf = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      const lines = buf.split('\n');
      buf = lines.pop() ?? '';
      for (const line of lines) {
        const [what, a, b] = line.split(' ');
        if (what === 'ready') {
          startSize = Number(a);
          setTimeout(() => child.kill('SIGKILL'), killAfterMs);
        } else if (what === 'ack') acked.set(b as string, Number(a));
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`appender exited by itself (${code}): ${stderr}`));
      resolve({ acked, startSize });
    });
  });
}

describe('crash safety (sync durability)', () => {
  it('loses no acknowledged entry and verifies after SIGKILL at random points', async () => {
    if (!existsSync(fileURLToPath(new URL('../dist/src/audit/log.js', import.meta.url)))) throw new Error('dist/ is missing: run npm run build');
    const dir = tempDir();
    const file = path.join(dir, 'audit.db');
    const all = new Map<string, number>();
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let run = 0; run < 5; run++) {
      // Both writers on one log: the writer thread (the server's default) and the inline one.
      const { acked, startSize } = await runAndKill(dir, file, `r${run}`, run % 2 === 0 ? 'thread' : 'inline', 150 + Math.floor(random() * 450));
      expect(startSize).toBeGreaterThanOrEqual(all.size);
      expect(acked.size).toBeGreaterThan(0);
      for (const [ref, seq] of acked) all.set(ref, seq);

      const store = await openAuditStore(`sqlite:${file}`);
      try {
        const report = await verifyLog(store, loadPublicKey(dir));
        expect(report.problems).toEqual([]);
        const size = await store.size();
        const stored = new Map((await store.scan(0, size + 1)).map((e) => [e.ref as string, e.seq]));
        const missing = [...all].filter(([ref, seq]) => stored.get(ref) !== seq);
        expect(missing).toEqual([]);
      } finally {
        await store.close();
      }
    }
    expect(all.size).toBeGreaterThan(500);
  }, 60_000);
});
