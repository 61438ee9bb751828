/**
 * `npm run eval`: the detection quality bar, measured. For several seeds (and
 * once with every campaign's evasion knobs turned up) it simulates a trace,
 * replays it through the engine exactly as `warden replay` does, and scores
 * the verdicts against the truth labels per profile.
 *
 *   node dist/bench/eval.js [--seeds 1,2,3] [--scale 0.5] [--days 7] [--no-evasion]
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { DEFAULT_POLICY } from '../src/engine/policy.js';
import type { Verdict } from '../src/engine/types.js';
import { withEvasion } from '../src/eval/evasion.js';
import { formatScore, scoreVerdicts, type EvalScore } from '../src/eval/score.js';
import { openTrace } from '../src/replay/lines.js';
import { replay } from '../src/replay/replay.js';
import { BufferedFileWriter } from '../src/util/file-writer.js';
import { loadSimulation, type Simulation } from '../src/traffic/profiles.js';
import { writeTrace } from '../src/traffic/write.js';

const { values } = parseArgs({
  options: {
    seeds: { type: 'string', default: '1,2,3' },
    scale: { type: 'string', default: '0.5' },
    days: { type: 'string', default: '7' },
    'no-evasion': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});

function readVerdicts(dir: string): Verdict[] {
  return readFileSync(join(dir, 'verdicts.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Verdict);
}

/** Writes the trace without its `account` lines: logs that hold requests only (no cards, domains, signups). */
async function stripAccountEvents(from: string, to: string): Promise<void> {
  const out = new BufferedFileWriter(to);
  for await (const line of createInterface({ input: await openTrace(from), crlfDelay: Infinity })) {
    if (line.startsWith('{"type":"account"')) continue;
    const pending = out.write(line + '\n');
    if (pending !== undefined) await pending;
  }
  await out.close();
}

async function runOne(name: string, sim: Simulation, seed: number, scale: number, days: number, requestsOnly: boolean): Promise<EvalScore[]> {
  const dir = mkdtempSync(join(tmpdir(), 'warden-eval-'));
  try {
    const gen = await writeTrace({ sim, seed, scale, days }, dir);
    const summary = await replay({ input: join(dir, 'trace.jsonl'), outDir: dir, policy: DEFAULT_POLICY });
    const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')) as Record<string, string>;
    const score = scoreVerdicts(truth, readVerdicts(dir));
    process.stdout.write(`\n## ${name} (seed ${seed}, scale ${scale}, ${days} days: ${gen.events.toLocaleString('en-US')} events, replay ${summary.events_per_second.toLocaleString('en-US')} events/s)\n\n`);
    process.stdout.write(formatScore(score) + '\n');
    const scores = [score];
    if (requestsOnly) {
      const sub = join(dir, 'requests-only');
      mkdirSync(sub);
      await stripAccountEvents(join(dir, 'trace.jsonl'), join(sub, 'trace.jsonl'));
      await replay({ input: join(sub, 'trace.jsonl'), outDir: sub, policy: DEFAULT_POLICY });
      const stripped = scoreVerdicts(truth, readVerdicts(sub));
      process.stdout.write(`\n### the same trace without its account events (no tiers, KYC, cards, domains or signups: trust cannot soften)\n\n`);
      process.stdout.write(formatScore(stripped) + '\n');
      scores.push(stripped);
    }
    if (values.keep) process.stdout.write(`(kept ${dir})\n`);
    return scores;
  } finally {
    if (!values.keep) rmSync(dir, { recursive: true, force: true });
  }
}

const sim = loadSimulation();
const seeds = values.seeds.split(',').map(Number);
const scale = Number(values.scale);
const days = Number(values.days);
const results: Array<{ run: string; seed: number; score: EvalScore }> = [];
const informational: typeof results = [];
for (const [i, seed] of seeds.entries()) {
  const [score, stripped] = await runOne('default profiles', sim, seed, scale, days, i === 0);
  results.push({ run: 'default', seed, score: score! });
  if (stripped) informational.push({ run: 'default, requests only', seed, score: stripped });
}
if (!values['no-evasion']) {
  const seed = (seeds[seeds.length - 1] ?? 1) + 100;
  const [score, stripped] = await runOne('evasion knobs up', withEvasion(sim), seed, scale, days, true);
  results.push({ run: 'evasion', seed, score: score! });
  informational.push({ run: 'evasion, requests only', seed, score: stripped! });
}
// The bar is judged on the traces as simulated; request-only logs are reported beside it.
const pass = results.every((r) => r.score.campaignsMeetingTargets);
process.stdout.write(`\nquality bar ${pass ? 'MET' : 'NOT MET'} on ${results.length} runs\n`);
process.stdout.write(
  'EVAL_RESULT ' +
    JSON.stringify(
      [...results, ...informational].map((r) => ({
        run: r.run,
        seed: r.seed,
        fp_rate_pct: r.score.benignFpRatePct,
        trap_blocks: r.score.trapBlocks,
        profiles: Object.fromEntries(r.score.profiles.map((p) => [p.label, { flagged_pct: p.flaggedPct, answered_before_flag_pct: p.answeredBeforeFlagPct }])),
      })),
    ) +
    '\n',
);
