/**
 * `npm run bench:simulate`: events written per second and peak memory of
 * `warden simulate`, at two trace lengths in separate processes, so "memory
 * flat in trace length" is a ratio measured in one run.
 *
 *   node dist/bench/simulate.js [--scale 1] [--days 2,8]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    days: { type: 'string', default: '2,8' },
    child: { type: 'boolean', default: false },
    out: { type: 'string' },
  },
});

interface ChildResult {
  days: number;
  events: number;
  seconds: number;
  eventsPerSecond: number;
  peakRssMb: number;
}

if (values.child) {
  const { loadSimulation } = await import('../src/traffic/profiles.js');
  const { writeTrace } = await import('../src/traffic/write.js');
  const days = Number(values.days);
  const r = await writeTrace({ sim: loadSimulation(), seed: 1, scale: Number(values.scale), days }, values.out as string);
  const result: ChildResult = {
    days,
    events: r.events,
    seconds: r.seconds,
    eventsPerSecond: Math.round(r.events / r.seconds),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  process.stdout.write(JSON.stringify(result));
} else {
  const self = fileURLToPath(import.meta.url);
  const results: ChildResult[] = [];
  for (const days of values.days.split(',')) {
    const dir = mkdtempSync(join(tmpdir(), 'warden-bench-sim-'));
    try {
      const out = execFileSync(process.execPath, [self, '--child', '--scale', values.scale, '--days', days, '--out', dir], { encoding: 'utf8', maxBuffer: 1 << 20 });
      results.push(JSON.parse(out) as ChildResult);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  console.log('days  events       events/s   peak RSS MB');
  for (const r of results) console.log(`${String(r.days).padEnd(5)} ${String(r.events).padEnd(12)} ${String(r.eventsPerSecond).padEnd(10)} ${r.peakRssMb}`);
  const first = results[0] as ChildResult;
  const last = results[results.length - 1] as ChildResult;
  const rssRatio = Math.round((last.peakRssMb / first.peakRssMb) * 100) / 100;
  const minRate = Math.min(...results.map((r) => r.eventsPerSecond));
  console.log(`\nevents/s ${minRate} (target ≥ 200000: ${minRate >= 200_000 ? 'PASS' : 'FAIL'}); peak RSS ×${rssRatio} for ×${last.days / first.days} the trace length (flat: ${rssRatio <= 1.25 ? 'PASS' : 'FAIL'})`);
  console.log('BENCH_RESULT ' + JSON.stringify({ bench: 'simulate', results, rssRatio, minEventsPerSecond: minRate }));
}
