/**
 * `npm run bench:limits` part 1: limiter decisions per second, in-process and
 * against Redis, and the number of Redis round trips per decision.
 * (Part 2, the gateway with limits on vs off, is `bench/gateway.ts --limits`.)
 */
import { Redis } from 'ioredis';
import { limitsSchema } from '../src/limits/config.js';
import { MemoryLimiter } from '../src/limits/memory.js';
import { PlanCache, planRules } from '../src/limits/plan.js';
import { RedisLimiter } from '../src/limits/redis.js';
import { estimatePromptTokens, requestedOutputTokens } from '../src/limits/tokens.js';

const REDIS_URL = process.env['BENCH_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/** A typical plan (4 rules: key rpm, account rpm + tpm + concurrent) and a heavy one (every scope, 8 rules). */
const PLANS = {
  typical: limitsSchema.parse({ tiers: { free: { key: { rpm: 1e9 }, account: { rpm: 1e9, tpm: 1e12, concurrent: 1e6 } } } }),
  heavy: limitsSchema.parse({
    tiers: { free: { key: { rpm: 1e9, rpd: 1e12 }, account: { rpm: 1e9, tpm: 1e12, tpd: 1e15, concurrent: 1e6 }, org: { rpm: 1e9, tpm: 1e12 } } },
  }),
};
const body = { model: 'warden-sim', messages: [{ role: 'user', content: 'Say hi, briefly, in one sentence.' }], max_tokens: 64 };

function accountFor(i: number) {
  return { keyId: `wdn_${(i % 1000).toString(16).padStart(12, '0')}`, account: { id: `acct-${i % 1000}`, tier: 'free' as const, orgId: `org-${i % 50}` } };
}

function benchMemory(cfg: (typeof PLANS)['typical'], iterations: number) {
  const limiter = new MemoryLimiter();
  const plans = Array.from({ length: 1000 }, (_, i) => planRules(cfg, accountFor(i), 'default'));
  const rulesPerDecision = plans[0]!.length;
  // Warm up the JIT.
  for (let i = 0; i < 20_000; i++) {
    const lease = `w${i}`;
    limiter.acquireSync({ rules: plans[i % 1000]!, tokens: 100, leaseId: lease });
    limiter.settleSync({ rules: plans[i % 1000]!, leaseId: lease, refundTokens: 10 });
  }
  // The machine is shared: time each part in several rounds and keep the median.
  const median = (f: (round: number) => number) => {
    const xs = Array.from({ length: 5 }, (_, r) => f(r)).sort((a, b) => a - b);
    return xs[2] as number;
  };
  const timed = (fn: (i: number) => void) => {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) fn(i);
    return Number(process.hrtime.bigint() - t0) / iterations;
  };
  const acquireNs = median((r) => timed((i) => limiter.acquireSync({ rules: plans[i % 1000]!, tokens: 100, leaseId: `l${r}:${i}` })));
  const settleNs = median((r) => timed((i) => limiter.settleSync({ rules: plans[i % 1000]!, leaseId: `l${r}:${i}`, refundTokens: 10 })));
  // The whole check as the stage runs it: plan the rules (cached per key), estimate tokens, decide;
  // then settle, as every request does, so concurrency slots are returned.
  const subjects = Array.from({ length: 1000 }, (_, i) => accountFor(i));
  const planCache = new PlanCache(cfg);
  const fullNs = median((r) =>
    timed((i) => {
      const rules = planCache.rules(subjects[i % 1000]!, 'default');
      const tokens = estimatePromptTokens(body) + requestedOutputTokens(body, 4096);
      const leaseId = `f${r}:${i}`;
      limiter.acquireSync({ rules, tokens, leaseId });
      limiter.settleSync({ rules, leaseId, refundTokens: 10 });
    }),
  ) - settleNs;
  void limiter.close();
  return { rulesPerDecision, acquireUs: acquireNs / 1000, settleUs: settleNs / 1000, fullCheckUs: fullNs / 1000, decisionsPerSec: Math.round(1e9 / acquireNs) };
}

async function evalCalls(redis: Redis): Promise<number> {
  const info = await redis.info('commandstats');
  let calls = 0;
  for (const m of info.matchAll(/cmdstat_(evalsha|eval):calls=(\d+)/g)) calls += Number(m[2]);
  return calls;
}

async function benchRedis(cfg: (typeof PLANS)['typical'], total: number, concurrency: number) {
  const admin = new Redis(REDIS_URL);
  const limiter = new RedisLimiter({ url: REDIS_URL, keyPrefix: `warden:bench:${process.pid}:`, commandTimeoutMs: 2_000 });
  await limiter.ready();
  const plans = Array.from({ length: 1000 }, (_, i) => planRules(cfg, accountFor(i), 'default'));
  for (let i = 0; i < 2_000; i++) await limiter.acquire({ rules: plans[i % 1000]!, tokens: 100, leaseId: `w${i}` });
  const before = await evalCalls(admin);
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        await limiter.acquire({ rules: plans[i % 1000]!, tokens: 100, leaseId: `r${i}` });
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const calls = (await evalCalls(admin)) - before;
  await limiter.close();
  admin.disconnect();
  return { decisionsPerSec: Math.round(total / seconds), concurrency, roundTripsPerDecision: calls / total };
}

const iterations = Number(process.env['BENCH_ITERATIONS'] ?? 100_000);
const memory = benchMemory(PLANS.typical, iterations);
const heavy = benchMemory(PLANS.heavy, iterations);
let redis: Awaited<ReturnType<typeof benchRedis>> | { error: string };
try {
  redis = await benchRedis(PLANS.typical, Number(process.env['BENCH_REDIS_DECISIONS'] ?? 30_000), 32);
} catch (err) {
  redis = { error: (err as Error).message };
}

for (const [name, m] of [['typical', memory], ['heavy', heavy]] as const) {
  console.log(`in-process, ${name} plan (${m.rulesPerDecision} rules): acquire ${m.acquireUs.toFixed(2)} µs, settle ${m.settleUs.toFixed(2)} µs,`);
  console.log(`  full check (plan + token estimate + acquire) ${m.fullCheckUs.toFixed(2)} µs, ${m.decisionsPerSec.toLocaleString()} decisions/s`);
}
if ('error' in redis) console.log(`redis: unavailable (${redis.error})`);
else console.log(`redis: ${redis.decisionsPerSec.toLocaleString()} decisions/s at concurrency ${redis.concurrency}, ${redis.roundTripsPerDecision.toFixed(3)} round trips per decision`);
console.log(`${memory.fullCheckUs < 5 ? 'PASS' : 'FAIL'} in-process check < 5 µs, typical plan (${memory.fullCheckUs.toFixed(2)} µs)`);
if (!('error' in redis)) console.log(`${redis.roundTripsPerDecision <= 1.0001 ? 'PASS' : 'FAIL'} Redis path: one round trip per decision`);
console.log(`BENCH_LIMITS ${JSON.stringify({ memory, heavy, redis })}`);
