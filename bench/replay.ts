/**
 * `npm run bench:replay`: replay throughput and engine memory on a large
 * simulated trace. The trace is generated first (not timed); the replay is
 * the same code path as `warden replay`, once parsing inline (`--threads 0`,
 * one core) and once with the default parse workers; then the engine's
 * retained heap is divided by the accounts it tracks.
 *
 *   node --expose-gc dist/bench/replay.js [--scale 1] [--days 7]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Engine } from '../src/engine/engine.js';
import { normalizeEvent } from '../src/engine/normalize.js';
import { lineBatches } from '../src/replay/line-batches.js';
import { openTrace } from '../src/replay/lines.js';
import { defaultThreads, replay } from '../src/replay/replay.js';
import { DEFAULT_POLICY } from '../src/engine/policy.js';
import { loadSimulation } from '../src/traffic/profiles.js';
import { writeTrace } from '../src/traffic/write.js';

const { values } = parseArgs({ options: { scale: { type: 'string', default: '1' }, days: { type: 'string', default: '7' } } });
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  console.error('run with node --expose-gc (npm run bench:replay does)');
  process.exit(2);
}

const dir = mkdtempSync(join(tmpdir(), 'warden-bench-replay-'));
try {
  const gen = await writeTrace({ sim: loadSimulation(), seed: 1, scale: Number(values.scale), days: Number(values.days) }, dir);
  console.log(`trace: ${gen.events.toLocaleString('en-US')} events, ${gen.accounts.toLocaleString('en-US')} accounts`);

  // 1. The CLI's path, end to end (parse, engine, verdicts, summary): on one core, then with the default workers.
  const threads = defaultThreads();
  const inline = await replay({ input: join(dir, 'trace.jsonl'), outDir: join(dir, 'inline'), policy: DEFAULT_POLICY, threads: 0 });
  const pooled = await replay({ input: join(dir, 'trace.jsonl'), outDir: join(dir, 'pooled'), policy: DEFAULT_POLICY, threads });
  const rss = Math.round(process.resourceUsage().maxRSS / 1024);

  // 2. Engine state: retained heap of a live engine after the same events, per tracked account.
  gc();
  const before = process.memoryUsage().heapUsed;
  const engine = new Engine(DEFAULT_POLICY);
  for await (const b of lineBatches(await openTrace(join(dir, 'trace.jsonl')))) {
    for (let i = 0; i < b.count; i++) {
      if (b.starts[i]! < 0) continue;
      const n = normalizeEvent(JSON.parse(b.buf.toString('utf8', b.starts[i], b.ends[i])));
      if (n.ok) engine.process(n.event);
    }
  }
  gc();
  const retained = process.memoryUsage().heapUsed - before;
  const accounts = engine.stats().accounts;
  const perAccount = Math.round(retained / accounts);

  const verdict = (eps: number) => (eps >= 50_000 ? 'PASS' : 'FAIL');
  console.log(`replay, inline (--threads 0, one core): ${inline.events_per_second.toLocaleString('en-US')} events/s (target ≥ 50,000: ${verdict(inline.events_per_second)})`);
  console.log(`replay, default (--threads ${threads}): ${pooled.events_per_second.toLocaleString('en-US')} events/s (target ≥ 50,000: ${verdict(pooled.events_per_second)})`);
  console.log(`engine state: ${(retained / 1048576).toFixed(1)} MB for ${accounts.toLocaleString('en-US')} accounts = ${perAccount} bytes/account (target ≤ 4096: ${perAccount <= 4096 ? 'PASS' : 'FAIL'})`);
  console.log(`peak RSS ${rss} MB (over both replays)`);
  console.log(
    'BENCH_RESULT ' +
      JSON.stringify({
        bench: 'replay',
        events: inline.events,
        inlineEventsPerSecond: inline.events_per_second,
        threads,
        eventsPerSecond: pooled.events_per_second,
        bytesPerAccount: perAccount,
        accounts,
        peakRssMb: rss,
      }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
