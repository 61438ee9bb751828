/**
 * Gateway benchmark: the same load, in one run, against
 *
 *   sim    the simulated upstream on its own (the ceiling),
 *   bare   a do-nothing Node proxy in front of it (the floor for any Node proxy, bench/bare-proxy.ts),
 *   warden Warden in front of it, with a real account, key and info-level logging,
 *
 * and, with --limits, a fourth target:
 *
 *   warden_limits  a second Warden, identical but started with --config <file> that
 *                  turns metering on (memory backend, limits far above anything the
 *                  load can reach), so every request goes through the limits stage
 *                  and none is refused; what it adds over `warden` is the cost of
 *                  metering,
 *
 * with --audit-baseline, `warden_noaudit`: a Warden identical to `warden` but with
 * the audit trail off (what the trail costs, from one run), and with --ref-cli
 * <another build's dist/src/cli/main.js>, `warden_ref`: that build's Warden,
 * configured like `warden` (before/after figures of a change, from one run),
 *
 * so Warden is judged on what it adds over a bare proxy, on the same machine at
 * the same moment. Targets are interleaved per scenario (sim, bare, warden[,
 * warden_limits], then the next scenario) so that noise from the machine falls
 * on all of them.
 *
 * Each scenario's round of targets is repeated N times (--repeat N, default 3),
 * still interleaved: for each scenario, for each round, for each target a
 * warm-up and a measured run. On a small shared VM one round's warden/bare ratio
 * moves by ±15 points from run to run, so every figure reported for a
 * (scenario, target) -- rps, p50, p99, cpu µs/req -- is the MEDIAN over its N
 * rounds (for an even N, the mean of the two middle values); the other fields
 * come from the round with the median req/s, and `rounds`, `rps_runs` and
 * `p99_runs` keep every round's values. Ratios and PASS/FAIL use the medians.
 * The run takes about N times as long as a single round.
 *
 *   npm run bench:gateway [-- --duration S] [-- --repeat N] [-- --profile] [-- --limits] [-- --audit MODE]
 *
 * `--audit off|async|sync` sets the audit trail of the `warden` target (default: the
 * server default, async); run once with `--audit off` to see what the trail costs.
 *   npm run bench:limits            (bench/limits.ts, then this with --limits)
 *   BENCH_DURATION=10 BENCH_REPEAT=5 npm run bench:gateway
 *
 * Besides req/s and latency, each run records the CPU time each process spent
 * per request (from /proc) and how much of the machine other work took: on a
 * small or shared machine throughput swings with the neighbours, while CPU per
 * request stays put, so the warden/bare CPU ratio is the steadiest figure.
 *
 * Prints a table, PASS/FAIL lines for the performance targets, and one
 * `BENCH_RESULT {json}` line for tools (with --limits, each scenario also carries
 * the limits-on vs limits-off deltas). Exits 0 when the measurement is valid,
 * whether or not the targets are met; 1 if the load saw errors in any round (the
 * figures are then meaningless); 2 if a server failed to start or to answer
 * correctly.
 */
import autocannon from 'autocannon';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { childrenCpuMs, deadChild, freePort, killAllNow, startNode, stopAll, waitForHttp, waitForLine, type Child } from './children.js';
import { formatSummary, summarizeProfile } from './profile-summary.js';

const CLI = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
const BARE_PROXY = fileURLToPath(new URL('./bare-proxy.js', import.meta.url));
const REPO = fileURLToPath(new URL('../../', import.meta.url));

const DEFAULT_DURATION_S = 5;
/** Rounds of every scenario's targets; each (scenario, target) reports the median over them. */
const DEFAULT_REPEAT = 3;
const DEFAULT_WARMUP_S = 1;
/** Time for the previous run's connections to close before the next run starts. */
const SETTLE_MS = 250;

// The performance targets this benchmark evaluates.
const MIN_THROUGHPUT_VS_BARE = 0.7;
const MAX_P99_ADDED_VS_BARE_MS = 1;
const MIN_SIM_RPS = 20_000;

type BaseTargetName = 'sim' | 'bare' | 'warden';
type VariantName = 'warden_limits' | 'warden_output' | 'warden_unmarked' | 'warden_noaudit' | 'warden_ref';
type TargetName = BaseTargetName | VariantName;
const BASE_TARGETS: readonly BaseTargetName[] = ['sim', 'bare', 'warden'];

/** The targets of a run, in the order they are measured within each scenario. */
function targetNames(opts: Options): readonly TargetName[] {
  return [...BASE_TARGETS, ...variantsOf(opts).map((v) => v.name)];
}

/**
 * Config for `warden_limits`: metering on for the bench account's tier, with
 * limits no run can reach, so every request passes through the limits stage
 * (reservation, token count, settlement) and none is refused. Any refusal shows
 * up as a non-2xx and makes the run invalid.
 */
const LIMITS_CONFIG = {
  limits: {
    backend: 'memory',
    tiers: {
      enterprise: {
        key: { rpm: 1_000_000_000 },
        account: { rpm: 1_000_000_000, tpm: 1_000_000_000_000, tpd: 1_000_000_000_000_000, concurrent: 1_000_000 },
      },
    },
  },
};

/**
 * Config for `warden_output`: output governance active on every request of the
 * bench account (reasoning redacted, so every stream goes through the stage's
 * event hooks, and the account set to degrade mode by the operator CLI on its
 * store copy). The bench bodies stay within the degrade caps, so responses are
 * the same and only the stage's cost differs.
 */
const OUTPUT_CONFIG = {
  output: { reasoning: { default: 'redact' }, degrade: { maxTokens: 512 } },
};

/** A second Warden measured next to `warden`, differing only by its config (and store copy). */
interface Variant {
  name: VariantName;
  /** Option that turns it on, and the prefix of its deltas in BENCH_RESULT. */
  key: 'limits' | 'output' | 'watermark' | 'auditBaseline' | 'ref';
  label: string;
  /** How its difference from `warden` reads: a feature turned on (default) or off. */
  state?: 'ON' | 'OFF';
  describe: string;
  config: Record<string, unknown>;
  /** CLI commands run on its copy of the store before it starts. */
  setup: string[][];
  /** Another build's CLI to start it with (warden_ref); this build's by default. */
  cli?: string;
}

const VARIANTS: readonly Variant[] = [
  {
    name: 'warden_limits',
    key: 'limits',
    label: 'limits',
    describe: 'Warden with metering on (limits far above the load); warden: limits off',
    config: LIMITS_CONFIG,
    setup: [],
  },
  {
    name: 'warden_output',
    key: 'output',
    label: 'output governance',
    describe: 'Warden with output governance active (reasoning redact, account degraded); warden: defaults (pass-through)',
    config: OUTPUT_CONFIG,
    setup: [['accounts', 'update', 'bench', '--output-mode', 'degraded']],
  },
  {
    name: 'warden_unmarked',
    key: 'watermark',
    label: 'watermarking',
    state: 'OFF',
    describe: 'Warden with watermarking off; warden: defaults (every reply marked)',
    config: { watermark: { enabled: false } },
    setup: [],
  },
  {
    name: 'warden_noaudit',
    key: 'auditBaseline',
    label: 'audit trail',
    state: 'OFF',
    describe: 'Warden with the audit trail off; warden: audit as --audit says (default async)',
    config: { audit: { enabled: false } },
    setup: [],
  },
  {
    name: 'warden_ref',
    key: 'ref',
    label: 'reference build',
    describe: 'the --ref-cli build\'s Warden, configured like warden; warden: this build',
    config: {},
    setup: [],
  },
];

function variantsOf(opts: Pick<Options, 'limits' | 'output' | 'watermark' | 'auditBaseline' | 'refCli'>): readonly Variant[] {
  return VARIANTS.filter((v) => (v.key === 'ref' ? opts.refCli !== undefined : opts[v.key])).map((v) =>
    v.key === 'ref' ? { ...v, cli: opts.refCli as string } : v,
  );
}

interface Target {
  name: TargetName;
  url: string;
  child: Child;
}

interface Scenario {
  id: string;
  connections: number;
  stream: boolean;
  body: string;
}

const NON_STREAMING_BODY = JSON.stringify({
  model: 'warden-sim',
  messages: [{ role: 'user', content: 'Say hi [sim:tokens=12]' }],
  max_tokens: 16,
});
const STREAMING_BODY = JSON.stringify({
  model: 'warden-sim',
  messages: [{ role: 'user', content: 'Say hi [sim:tokens=24]' }],
  max_tokens: 16,
  stream: true,
});

const SCENARIOS: readonly Scenario[] = [
  { id: 'nonstream_c1', connections: 1, stream: false, body: NON_STREAMING_BODY },
  { id: 'nonstream_c16', connections: 16, stream: false, body: NON_STREAMING_BODY },
  { id: 'stream_c1', connections: 1, stream: true, body: STREAMING_BODY },
  { id: 'stream_c16', connections: 16, stream: true, body: STREAMING_BODY },
];

interface Measurement {
  rps: number;
  /** Percentiles of per-response latency from hrtime, not autocannon's whole-millisecond histogram. */
  p50_ms: number;
  p90_ms: number;
  p99_ms: number;
  max_ms: number;
  /** autocannon's own figures, for comparison with other autocannon runs. */
  ac_requests_average: number;
  ac_p50_ms: number;
  ac_p99_ms: number;
  requests: number;
  duration_s: number;
  bytes_per_response: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  status_codes: Record<string, number>;
  /** CPU time per request of the target's own process (for sim, the sim), in µs; null where /proc is missing. */
  cpu_us_per_req: number | null;
  /** CPU time per request of the sim behind the target. */
  sim_cpu_us_per_req: number | null;
  /** CPU time per request of this process (autocannon). */
  loadgen_cpu_us_per_req: number;
  /** Share of the machine's CPU that other processes (or the hypervisor) took during the run: noise. */
  other_cpu_busy: number | null;
}

/**
 * What is reported for one (scenario, target): rps, p50_ms, p99_ms and
 * cpu_us_per_req are medians over the rounds; every other field is from the
 * round with the median req/s.
 */
interface Aggregate extends Measurement {
  rounds: number;
  /** Every round's req/s, in the order measured. */
  rps_runs: number[];
  /** Every round's p99 in ms, in the order measured. */
  p99_runs: number[];
}

type LoadFigures = Omit<Measurement, 'cpu_us_per_req' | 'sim_cpu_us_per_req' | 'loadgen_cpu_us_per_req' | 'other_cpu_busy'>;

// ------------------------------------------------------------------ options

interface Options {
  durationS: number;
  /** Rounds per scenario (each target measured once per round). */
  repeat: number;
  profile: boolean;
  /** Also measure `warden_limits` (Warden with metering on). */
  limits: boolean;
  /** Also measure `warden_output` (Warden with output governance active). */
  output: boolean;
  watermark: boolean;
  /** The audit trail of the `warden` target (and the variants but warden_noaudit): off, async (the default) or sync. */
  audit: 'off' | 'async' | 'sync';
  /** Also measure `warden_noaudit` (Warden with the audit trail off). */
  auditBaseline: boolean;
  /** Also measure `warden_ref`: the Warden of another build, started from this CLI path. */
  refCli: string | undefined;
  /** Unmeasured load before each measured run (JIT, caches, connection pools). */
  warmupS: number;
}

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string' },
      repeat: { type: 'string' },
      profile: { type: 'boolean', default: false },
      limits: { type: 'boolean', default: false },
      output: { type: 'boolean', default: false },
      watermark: { type: 'boolean', default: false },
      audit: { type: 'string', default: 'async' },
      'audit-baseline': { type: 'boolean', default: false },
      'ref-cli': { type: 'string' },
      warmup: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(
      'usage: npm run bench:gateway [-- --duration S] [-- --repeat N] [-- --profile] [-- --limits] [-- --output]\n' +
        `  --duration S   measured seconds per run (default ${DEFAULT_DURATION_S}, or $BENCH_DURATION)\n` +
        `  --warmup S     unmeasured seconds of load before each run (default ${DEFAULT_WARMUP_S})\n` +
        `  --repeat N     rounds per scenario, targets interleaved within each round (default ${DEFAULT_REPEAT},\n` +
        '                 or $BENCH_REPEAT); each figure is the median over the rounds, and the run\n' +
        `                 takes about N times as long (each run keeps its warm-up)\n` +
        '  --profile      run the bare proxy and Warden under --cpu-prof (slows both down!) and summarise\n' +
        '                 where their CPU time went; the difference is what Warden adds\n' +
        '  --limits       also measure warden_limits: a second Warden with metering on (limits set far\n' +
        '                 above the load, so nothing is refused) and report what metering adds over\n' +
        '                 warden; `npm run bench:limits` runs bench/limits.js and then this\n' +
        '  --output       also measure warden_output: a second Warden with output governance active\n' +
        '                 (reasoning redacted for every tier, the bench account in degrade mode)\n' +
        '  --watermark    also measure warden_unmarked: a second Warden with watermarking off (warden\n' +
        '                 marks every reply by default), so the difference is what marking costs\n' +
        '  --audit MODE   audit trail of the warden target: off, async (default) or sync\n' +
        '  --audit-baseline  also measure warden_noaudit (audit off) and report what the trail costs\n' +
        '  --ref-cli PATH also measure warden_ref: another build\'s Warden (its dist/src/cli/main.js),\n' +
        '                 configured like warden, for before/after figures from one run\n',
    );
    process.exit(0);
  }
  const raw = values.duration ?? process.env['BENCH_DURATION'] ?? String(DEFAULT_DURATION_S);
  const durationS = Number(raw);
  if (!Number.isFinite(durationS) || durationS <= 0) {
    process.stderr.write(`--duration / BENCH_DURATION must be a positive number of seconds, got "${raw}"\n`);
    process.exit(2);
  }
  const rawRepeat = values.repeat ?? process.env['BENCH_REPEAT'] ?? String(DEFAULT_REPEAT);
  const repeat = Number(rawRepeat);
  if (!Number.isInteger(repeat) || repeat < 1) {
    process.stderr.write(`--repeat / BENCH_REPEAT must be a whole number of rounds >= 1, got "${rawRepeat}"\n`);
    process.exit(2);
  }
  const audit = values.audit;
  if (audit !== 'off' && audit !== 'async' && audit !== 'sync') {
    process.stderr.write(`--audit must be off, async or sync, got "${audit}"\n`);
    process.exit(2);
  }
  const warmupS = Number(values.warmup ?? DEFAULT_WARMUP_S);
  if (!Number.isFinite(warmupS) || warmupS < 0) {
    process.stderr.write(`--warmup must be a number of seconds >= 0, got "${values.warmup}"\n`);
    process.exit(2);
  }
  const refCli = values['ref-cli'] === undefined ? undefined : path.resolve(values['ref-cli']);
  return {
    durationS,
    repeat,
    profile: values.profile,
    limits: values.limits,
    output: values.output,
    watermark: values.watermark,
    audit,
    auditBaseline: values['audit-baseline'],
    refCli,
    warmupS,
  };
}

// ------------------------------------------------------------------ setup

const run = promisify(execFile);

/** Creates the account and key in Warden's store before it starts, exactly as an operator would. */
async function createKey(dataDir: string): Promise<string> {
  await run(process.execPath, [CLI, 'accounts', 'create', '--id', 'bench', '--tier', 'enterprise', '--data', dataDir]);
  const { stdout } = await run(process.execPath, [CLI, 'keys', 'create', '--account', 'bench', '--data', dataDir]);
  const key = stdout.trim();
  if (key === '' || key.includes('\n')) throw new Error(`"keys create" did not print exactly one key line: ${JSON.stringify(stdout)}`);
  return key;
}

/** Node flags that make a child write a CPU profile into `<profileDir>/<name>/` as it exits. */
function cpuProf(profileDir: string | undefined, name: TargetName): string[] {
  return profileDir === undefined ? [] : ['--cpu-prof', '--cpu-prof-dir', path.join(profileDir, name)];
}

async function startTargets(dataDir: string, profileDir: string | undefined, variants: readonly Variant[], audit: Options['audit']): Promise<{ targets: Target[]; key: string }> {
  const [simPort, barePort, wardenPort] = [await freePort(), await freePort(), await freePort()];

  const sim = startNode('upstream-sim', CLI, ['upstream-sim', '--port', String(simPort)], { stdout: 'pipe' });
  const simUrl = (await waitForLine(sim, /https?:\/\/[^\s]+/))[0];
  await waitForHttp(sim, `${simUrl}/healthz`);

  const key = await createKey(dataDir);
  // Each variant gets its own copy of the store (same account and key), taken before any Warden opens it.
  const variantDirs = variants.map((v) => copyStore(dataDir, `${v.name}-data`));
  for (const [i, v] of variants.entries()) {
    for (const args of v.setup) await run(process.execPath, [CLI, ...args, '--data', variantDirs[i] as string]);
  }

  const bare = startNode('bare-proxy', BARE_PROXY, ['--port', String(barePort), '--upstream', simUrl], {
    stdout: 'pipe',
    extraNodeArgs: cpuProf(profileDir, 'bare'),
  });
  const bareUrl = `http://127.0.0.1:${barePort}`;
  // Through the proxy to the sim's /healthz: proves the whole path works, not just that a port is open.
  await waitForHttp(bare, `${bareUrl}/healthz`);

  // Warden's info log (one JSON line per request) is part of its real cost: kept, and sent to /dev/null.
  const auditMode = { audit: audit === 'off' ? { enabled: false } : { durability: audit } };
  const auditConfig = path.join(dataDir, 'audit-config.json');
  writeFileSync(auditConfig, JSON.stringify(auditMode));
  const warden = startNode(
    'warden',
    CLI,
    ['serve', '--config', auditConfig, '--port', String(wardenPort), '--data', dataDir, '--upstream', simUrl, '--log-level', 'info'],
    { stdout: 'ignore', extraNodeArgs: cpuProf(profileDir, 'warden') },
  );
  const wardenUrl = `http://127.0.0.1:${wardenPort}`;
  await waitForHttp(warden, `${wardenUrl}/healthz`);

  const targets: Target[] = [
    { name: 'sim', url: simUrl, child: sim },
    { name: 'bare', url: bareUrl, child: bare },
    { name: 'warden', url: wardenUrl, child: warden },
  ];
  for (const [i, v] of variants.entries()) {
    // Same as `warden` but for --config; the flags still override the file.
    const configFile = path.join(dataDir, `${v.name}-config.json`);
    writeFileSync(configFile, `${JSON.stringify({ ...auditMode, ...v.config }, null, 2)}\n`);
    const port = await freePort();
    const child = startNode(
      v.name.replace('_', '-'),
      v.cli ?? CLI,
      ['serve', '--config', configFile, '--port', String(port), '--data', variantDirs[i] as string, '--upstream', simUrl, '--log-level', 'info'],
      { stdout: 'ignore', extraNodeArgs: cpuProf(profileDir, v.name) },
    );
    const url = `http://127.0.0.1:${port}`;
    await waitForHttp(child, `${url}/healthz`);
    targets.push({ name: v.name, url, child });
  }
  return { key, targets };
}

/** Copies the store's files (account and key just created, no server open on it) into `<dataDir>/<name>`. */
function copyStore(dataDir: string, name: string): string {
  const entries = readdirSync(dataDir, { withFileTypes: true }).filter((e) => !e.name.endsWith('-data'));
  const copy = path.join(dataDir, name);
  mkdirSync(copy);
  for (const e of entries) {
    if (!e.isFile()) throw new Error(`unexpected non-file ${e.name} in the data dir; cannot copy the store for ${name}`);
    copyFileSync(path.join(dataDir, e.name), path.join(copy, e.name));
  }
  return copy;
}

function post(url: string, headers: Record<string, string>, body: string): Promise<{ status: number; type: string; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers, agent: false, timeout: 5_000 }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (s: string) => (text += s));
      res.once('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), text }));
    });
    req.once('timeout', () => req.destroy(new Error('timeout')));
    req.once('error', reject);
    req.end(body);
  });
}

/**
 * One request per target and body before any load: a 2xx is not enough (a
 * broken proxy can answer 200 with an empty body and look very fast).
 */
async function preflight(targets: Target[], headers: Record<string, string>): Promise<void> {
  for (const t of targets) {
    for (const scenario of [SCENARIOS[0], SCENARIOS[2]]) {
      if (!scenario) continue;
      const res = await post(`${t.url}/v1/chat/completions`, headers, scenario.body);
      const problem = scenario.stream ? checkStream(res) : checkJson(res);
      if (problem) {
        throw new Error(`${t.name} answered the ${scenario.stream ? 'streaming' : 'non-streaming'} request wrongly: ${problem}\n${res.text.slice(0, 500)}`);
      }
    }
  }
}

function checkJson(res: { status: number; type: string; text: string }): string | undefined {
  if (res.status !== 200) return `status ${res.status}`;
  try {
    const json = JSON.parse(res.text) as { choices?: Array<{ message?: { content?: unknown } }> };
    const content = json.choices?.[0]?.message?.content;
    return typeof content === 'string' && content.startsWith('[simulated]') ? undefined : 'no simulated completion in the body';
  } catch {
    return 'body is not JSON';
  }
}

function checkStream(res: { status: number; type: string; text: string }): string | undefined {
  if (res.status !== 200) return `status ${res.status}`;
  if (!res.type.startsWith('text/event-stream')) return `content-type ${res.type}`;
  if (!res.text.includes('[simulated]')) return 'no simulated text in the stream';
  return res.text.endsWith('data: [DONE]\n\n') ? undefined : 'stream does not end with data: [DONE]';
}

// ------------------------------------------------------------------ load

/** Every 2xx latency of a run, in ms, at hrtime resolution. */
class LatencyRecorder {
  #values = new Float64Array(1 << 16);
  #n = 0;

  add(ms: number): void {
    if (this.#n === this.#values.length) {
      const bigger = new Float64Array(this.#values.length * 2);
      bigger.set(this.#values);
      this.#values = bigger;
    }
    this.#values[this.#n++] = ms;
  }

  /** Nearest-rank percentiles. */
  percentiles(ps: number[]): number[] {
    const sorted = this.#values.subarray(0, this.#n).sort();
    return ps.map((p) => (this.#n === 0 ? NaN : (sorted[Math.max(0, Math.ceil((p / 100) * this.#n) - 1)] ?? NaN)));
  }
}

function load(url: string, scenario: Scenario, headers: Record<string, string>, seconds: number): Promise<LoadFigures> {
  const latencies = new LatencyRecorder();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${url}/v1/chat/completions`,
        method: 'POST',
        headers,
        body: scenario.body,
        connections: scenario.connections,
        pipelining: 1,
        duration: seconds,
        timeout: 10,
      },
      (err, r) => {
        if (err) return reject(err as Error);
        const [p50, p90, p99, max] = latencies.percentiles([50, 90, 99, 100]);
        const statusCodes: Record<string, number> = {};
        for (const [code, stat] of Object.entries(r.statusCodeStats ?? {})) statusCodes[code] = stat.count ?? 0;
        resolve({
          rps: r.requests.total / r.duration,
          p50_ms: p50 ?? NaN,
          p90_ms: p90 ?? NaN,
          p99_ms: p99 ?? NaN,
          max_ms: max ?? NaN,
          ac_requests_average: r.requests.average,
          ac_p50_ms: r.latency.p50,
          ac_p99_ms: r.latency.p99,
          requests: r.requests.total,
          duration_s: r.duration,
          bytes_per_response: r['2xx'] > 0 ? r.throughput.total / r['2xx'] : 0,
          errors: r.errors,
          timeouts: r.timeouts,
          non2xx: r.non2xx,
          status_codes: statusCodes,
        });
      },
    );
    instance.on('response', (_client, status, _bytes, ms) => {
      if (status >= 200 && status < 300) latencies.add(ms);
    });
  });
}

/** Runs the measured load and charges the CPU each process spent during it to the requests served. */
async function measure(target: Target, sim: Target, scenario: Scenario, headers: Record<string, string>, seconds: number): Promise<Measurement> {
  const before = { target: target.child.cpuMs(), sim: sim.child.cpuMs(), self: process.cpuUsage(), machine: cpuSnapshot() };
  const m = await load(target.url, scenario, headers, seconds);
  const self = process.cpuUsage(before.self);
  const otherCpu = otherCpuShare(before.machine, cpuSnapshot());
  const perReq = (start: number | undefined, end: number | undefined) =>
    start === undefined || end === undefined || m.requests === 0 ? null : ((end - start) * 1000) / m.requests;
  return {
    ...m,
    cpu_us_per_req: perReq(before.target, target.child.cpuMs()),
    sim_cpu_us_per_req: perReq(before.sim, sim.child.cpuMs()),
    loadgen_cpu_us_per_req: m.requests === 0 ? 0 : (self.user + self.system) / m.requests,
    other_cpu_busy: otherCpu,
  };
}

function failures(m: LoadFigures): number {
  // autocannon's `errors` already includes timeouts. A 429 (refused by the limits stage) is a non-2xx.
  return m.errors + m.non2xx;
}

/** Names a refusal by the limits stage in an INVALID line. */
function refusalNote(m: LoadFigures): string {
  const refused = m.status_codes['429'] ?? 0;
  return refused > 0 ? ` (${refused} refused with 429: the limits were reached)` : '';
}

// ------------------------------------------------------------------ report

/** One scenario's figures (medians over the rounds); variants only when their option is on. */
type Row = Record<BaseTargetName, Aggregate> & Partial<Record<VariantName, Aggregate>>;
type Results = Record<string, Row>;

/** Median of the numbers (mean of the two middle ones for an even count); NaN when empty. */
function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return NaN;
  const hi = sorted[Math.floor(n / 2)] as number;
  return n % 2 === 1 ? hi : ((sorted[n / 2 - 1] as number) + hi) / 2;
}

/** Folds one (scenario, target)'s rounds, in the order measured, into the reported figures. */
function aggregate(runs: readonly Measurement[]): Aggregate {
  if (runs.length === 0) throw new Error('aggregate() needs at least one round');
  const rps = median(runs.map((m) => m.rps));
  // The round whose req/s is the median (for an even count, the nearest to it; ties to the lower).
  const base = [...runs].sort((a, b) => Math.abs(a.rps - rps) - Math.abs(b.rps - rps) || a.rps - b.rps)[0] as Measurement;
  const cpu = runs.map((m) => m.cpu_us_per_req).filter((v): v is number => v !== null);
  return {
    ...base,
    rps,
    p50_ms: median(runs.map((m) => m.p50_ms)),
    p99_ms: median(runs.map((m) => m.p99_ms)),
    cpu_us_per_req: cpu.length === 0 ? null : median(cpu),
    rounds: runs.length,
    rps_runs: runs.map((m) => m.rps),
    p99_runs: runs.map((m) => m.p99_ms),
  };
}

interface Check {
  name: string;
  scenario: string;
  actual: number;
  target: string;
  pass: boolean;
}

function derived(r: Row) {
  return {
    warden_throughput_vs_bare: r.warden.rps / r.bare.rps,
    warden_p99_added_vs_bare_ms: r.warden.p99_ms - r.bare.p99_ms,
    warden_p50_added_vs_sim_ms: r.warden.p50_ms - r.sim.p50_ms,
    bare_p50_added_vs_sim_ms: r.bare.p50_ms - r.sim.p50_ms,
    sim_rps: r.sim.rps,
    warden_cpu_per_req_vs_bare:
      r.warden.cpu_us_per_req !== null && r.bare.cpu_us_per_req !== null ? r.warden.cpu_us_per_req / r.bare.cpu_us_per_req : null,
  };
}

/** What a variant adds: against bare and against warden; undefined when it was not measured. */
function variantDerived(r: Row, v: Variant) {
  const l = r[v.name];
  if (!l) return undefined;
  return {
    throughput_vs_bare: l.rps / r.bare.rps,
    p99_added_vs_bare_ms: l.p99_ms - r.bare.p99_ms,
    added_p50_ms: l.p50_ms - r.warden.p50_ms,
    added_p99_ms: l.p99_ms - r.warden.p99_ms,
    throughput_vs_warden: l.rps / r.warden.rps,
    cpu_added_us_per_req: l.cpu_us_per_req !== null && r.warden.cpu_us_per_req !== null ? l.cpu_us_per_req - r.warden.cpu_us_per_req : null,
  };
}

/** The deltas as BENCH_RESULT fields (`warden_limits_throughput_vs_bare`, `limits_added_p50_ms`, …). */
function variantFields(r: Row): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const v of VARIANTS) {
    const d = variantDerived(r, v);
    if (!d) continue;
    out[`${v.name}_throughput_vs_bare`] = d.throughput_vs_bare;
    out[`${v.name}_p99_added_vs_bare_ms`] = d.p99_added_vs_bare_ms;
    out[`${v.key}_added_p50_ms`] = d.added_p50_ms;
    out[`${v.key}_added_p99_ms`] = d.added_p99_ms;
    out[`${v.key}_throughput_vs_warden`] = d.throughput_vs_warden;
    out[`${v.key}_cpu_added_us_per_req`] = d.cpu_added_us_per_req;
  }
  return out;
}

function evaluate(results: Results): Check[] {
  const checks: Check[] = [];
  for (const s of SCENARIOS) {
    const r = results[s.id];
    if (!r) continue;
    const d = derived(r);
    checks.push({
      name: `warden throughput >= ${MIN_THROUGHPUT_VS_BARE * 100}% of bare proxy`,
      scenario: s.id,
      actual: d.warden_throughput_vs_bare,
      target: `>= ${MIN_THROUGHPUT_VS_BARE}`,
      pass: d.warden_throughput_vs_bare >= MIN_THROUGHPUT_VS_BARE,
    });
    if (s.connections === 16) {
      checks.push({
        name: `warden p99 within ${MAX_P99_ADDED_VS_BARE_MS} ms of bare proxy`,
        scenario: s.id,
        actual: d.warden_p99_added_vs_bare_ms,
        target: `<= ${MAX_P99_ADDED_VS_BARE_MS} ms`,
        pass: d.warden_p99_added_vs_bare_ms <= MAX_P99_ADDED_VS_BARE_MS,
      });
    }
    if (s.id === 'nonstream_c16') {
      checks.push({
        name: `simulator alone >= ${MIN_SIM_RPS} req/s`,
        scenario: s.id,
        actual: d.sim_rps,
        target: `>= ${MIN_SIM_RPS}`,
        pass: d.sim_rps >= MIN_SIM_RPS,
      });
    }
  }
  // The same gateway targets for each variant, grouped after the others.
  for (const v of VARIANTS) {
    for (const s of SCENARIOS) {
      const r = results[s.id];
      const d = r && variantDerived(r, v);
      if (!d) continue;
      checks.push({
        name: `${checkPrefix(v)} throughput >= ${MIN_THROUGHPUT_VS_BARE * 100}% of bare proxy`,
        scenario: s.id,
        actual: d.throughput_vs_bare,
        target: `>= ${MIN_THROUGHPUT_VS_BARE}`,
        pass: d.throughput_vs_bare >= MIN_THROUGHPUT_VS_BARE,
      });
      if (s.connections === 16) {
        checks.push({
          name: `${checkPrefix(v)} p99 within ${MAX_P99_ADDED_VS_BARE_MS} ms of bare proxy`,
          scenario: s.id,
          actual: d.p99_added_vs_bare_ms,
          target: `<= ${MAX_P99_ADDED_VS_BARE_MS} ms`,
          pass: d.p99_added_vs_bare_ms <= MAX_P99_ADDED_VS_BARE_MS,
        });
      }
    }
  }
  return checks;
}

const stateOf = (v: Variant) => v.state ?? 'ON';
const checkPrefix = (v: Variant) => `${v.name} (${v.label} ${stateOf(v)})`;

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  const line = (r: string[]) => r.map((c, i) => (i < 2 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  const [head, ...body] = rows;
  return [line(head ?? []), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

const f = (n: number, digits: number) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
const signed = (n: number, digits: number) => (n >= 0 ? '+' : '') + f(n, digits);
const pct = (share: number | null) => (share === null ? 'n/a' : `${f(share * 100, 0)}%`);

/** Rounds every number in a JSON value, so the BENCH_RESULT line stays readable. */
function rounded(v: unknown): unknown {
  if (typeof v === 'number') return Number.isInteger(v) ? v : Math.round(v * 10_000) / 10_000;
  if (Array.isArray(v)) return v.map(rounded);
  if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, rounded(x)]));
  return v;
}

function report(results: Results, checks: Check[], opts: Options, invalid: string[], busyBefore: number | null, errorsAllRounds: Map<string, number>): void {
  const rows = [['scenario', 'target', 'req/s', 'req/s per round', 'p50 ms', 'p99 ms', 'p99 ms per round', 'errors', 'cpu µs/req', 'other cpu']];
  for (const s of SCENARIOS) {
    for (const t of targetNames(opts)) {
      const m = results[s.id]?.[t];
      if (m) {
        rows.push([
          s.id,
          t,
          f(m.rps, 0),
          m.rps_runs.map((v) => f(v, 0)).join(' '),
          f(m.p50_ms, 3),
          f(m.p99_ms, 3),
          m.p99_runs.map((v) => f(v, 3)).join(' '),
          String(errorsAllRounds.get(`${s.id} ${t}`) ?? 0),
          f(m.cpu_us_per_req ?? NaN, 0),
          pct(m.other_cpu_busy),
        ]);
      }
    }
  }
  process.stdout.write(`\n${table(rows)}\n\n`);
  process.stdout.write(
    `req/s, p50, p99, cpu µs/req: median of ${opts.repeat} round${opts.repeat === 1 ? '' : 's'}` +
      `${opts.repeat % 2 === 0 ? ' (mean of the two middle rounds)' : ''}; errors: all rounds;` +
      ' other cpu: the median-req/s round\n' +
      'latency: per-response hrtime (autocannon "response" event), to the end of the response (whole stream)\n' +
      "cpu µs/req: CPU time of the target's own process (sim, bare proxy or Warden) per request served\n" +
      variantsOf(opts).map((v) => `${v.name}: ${v.describe}\n`).join('') +
      'other cpu: share of the machine taken by other processes or the hypervisor during the run (noise; ideally ~0%)\n\n',
  );

  for (const s of SCENARIOS) {
    const r = results[s.id];
    if (!r) continue;
    const d = derived(r);
    process.stdout.write(
      `${s.id.padEnd(14)} warden/bare throughput ${f(d.warden_throughput_vs_bare * 100, 1)}%` +
        `  warden p99 ${signed(d.warden_p99_added_vs_bare_ms, 3)} ms vs bare` +
        `  p50 added vs sim: warden ${signed(d.warden_p50_added_vs_sim_ms, 3)} ms, bare ${signed(d.bare_p50_added_vs_sim_ms, 3)} ms` +
        `  warden/bare CPU per request ${d.warden_cpu_per_req_vs_bare === null ? 'n/a' : `${f(d.warden_cpu_per_req_vs_bare, 2)}x`}\n`,
    );
  }
  for (const v of variantsOf(opts)) {
    process.stdout.write(`\n${v.label} ${stateOf(v)} (${v.name}) vs ${stateOf(v) === 'ON' ? 'OFF' : 'ON'} (warden):\n`);
    for (const s of SCENARIOS) {
      const r = results[s.id];
      const l = r && variantDerived(r, v);
      if (!l) continue;
      process.stdout.write(
        `${s.id.padEnd(14)} throughput ${f(l.throughput_vs_warden * 100, 1)}% of warden` +
          `  p50 ${signed(l.added_p50_ms, 3)} ms  p99 ${signed(l.added_p99_ms, 3)} ms` +
          `  CPU ${l.cpu_added_us_per_req === null ? 'n/a' : `${signed(l.cpu_added_us_per_req, 0)} µs/req`}` +
          `  (${v.name}/bare throughput ${f(l.throughput_vs_bare * 100, 1)}%, p99 ${signed(l.p99_added_vs_bare_ms, 3)} ms vs bare)\n`,
      );
    }
  }
  process.stdout.write('\n');
  let heading: Variant | undefined;
  for (const c of checks) {
    const v = VARIANTS.find((x) => c.name.startsWith(checkPrefix(x)));
    if (v && v !== heading) {
      heading = v;
      process.stdout.write(`gateway targets with ${v.label} ${stateOf(v)}:\n`);
    }
    const actual = c.name.includes('throughput >=') ? `${f(c.actual * 100, 1)}%` : c.name.includes('p99') ? `${signed(c.actual, 3)} ms` : `${f(c.actual, 0)} req/s`;
    process.stdout.write(`${c.pass ? 'PASS' : 'FAIL'}  ${c.name} [${c.scenario}]: ${actual} (target ${c.target})\n`);
  }

  if (invalid.length > 0) {
    const bar = '!'.repeat(78);
    process.stdout.write(`\n${bar}\n!! INVALID BENCHMARK: the load produced errors; the figures above mean nothing.\n`);
    for (const line of invalid) process.stdout.write(`!!   ${line}\n`);
    process.stdout.write(`${bar}\n`);
  }

  const scenarios = Object.fromEntries(
    SCENARIOS.filter((s) => results[s.id]).map((s) => {
      const r = results[s.id] as Row;
      return [s.id, { connections: s.connections, stream: s.stream, ...r, ...derived(r), ...variantFields(r) }];
    }),
  );
  const result = {
    schema: 1,
    node: process.version,
    cpus: os.cpus().length,
    duration_s: opts.durationS,
    warmup_s: opts.warmupS,
    ...(opts.refCli !== undefined ? { ref_cli: opts.refCli } : {}),
    repeat: opts.repeat,
    profiled: opts.profile,
    audit: opts.audit,
    ...(opts.limits ? { limits: true, limits_config: LIMITS_CONFIG } : {}),
    ...(opts.output ? { output: true, output_config: OUTPUT_CONFIG } : {}),
    other_cpu_busy_before_load: busyBefore,
    valid: invalid.length === 0,
    all_targets_met: checks.every((c) => c.pass),
    scenarios,
    checks,
  };
  process.stdout.write(`\nBENCH_RESULT ${JSON.stringify(rounded(result))}\n`);
}

// ------------------------------------------------------------------ main

let tmpDir: string | undefined;
let cleaning: Promise<void> | undefined;

function removeTmp(): void {
  if (tmpDir !== undefined) rmSync(tmpDir, { recursive: true, force: true });
}

function cleanup(): Promise<void> {
  cleaning ??= stopAll().finally(removeTmp);
  return cleaning;
}

// Whatever happens, no server outlives the benchmark and the temp dir goes.
process.on('exit', () => {
  killAllNow();
  removeTmp();
});
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  process.once(signal, () => {
    process.stderr.write(`\n${signal}: stopping the servers\n`);
    void cleanup().finally(() => process.exit(code));
  });
}

interface CpuSnapshot {
  busyMs: number;
  totalMs: number;
  ownMs: number;
}

/**
 * The machine's CPU time so far from /proc/stat (Linux only; USER_HZ = 100, so
 * a tick is 10 ms), and how much of it this benchmark's processes used. Steal
 * time counts as busy: on a VM it is CPU the hypervisor gave to someone else.
 */
function cpuSnapshot(): CpuSnapshot | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
    const ticks = line.trim().split(/\s+/).slice(1).map(Number);
    const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = ticks;
    // irq/softirq are left out of "busy": under load they are mostly our own loopback traffic, which
    // the kernel does not charge to our processes. Guest time is already included in user.
    const busy = user + nice + system + steal;
    const total = busy + idle + iowait + irq + softirq;
    const self = process.cpuUsage();
    return { busyMs: busy * 10, totalMs: total * 10, ownMs: childrenCpuMs() + (self.user + self.system) / 1000 };
  } catch {
    return undefined;
  }
}

/** Share of all CPUs' time between two snapshots that went to work other than this benchmark's. */
function otherCpuShare(a: CpuSnapshot | undefined, b: CpuSnapshot | undefined): number | null {
  if (!a || !b || b.totalMs <= a.totalMs) return null;
  return Math.max(0, b.busyMs - a.busyMs - (b.ownMs - a.ownMs)) / (b.totalMs - a.totalMs);
}

function newestProfile(dir: string): string | undefined {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return undefined;
  }
  const files = names
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => path.join(dir, f));
  return files.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
}

async function main(): Promise<number> {
  const opts = parseOptions();
  tmpDir = mkdtempSync(path.join(os.tmpdir(), 'warden-bench-'));
  const profileDir = opts.profile ? path.join(REPO, '.bench', `profile-${Date.now()}`) : undefined;
  if (profileDir) mkdirSync(profileDir, { recursive: true });

  const names = targetNames(opts);
  const runs = SCENARIOS.length * names.length * opts.repeat;
  const estimate = runs * (opts.warmupS + opts.durationS + (2 * SETTLE_MS) / 1000);
  process.stdout.write(
    `gateway benchmark: ${SCENARIOS.length} scenarios x ${opts.repeat} rounds x ${names.length} targets = ${runs} runs` +
      ` of ${opts.warmupS} s warm-up + ${opts.durationS} s measured, about ${Math.ceil(estimate)} s` +
      ` (node ${process.version}, ${os.cpus().length} CPUs, load generator in this process)\n`,
  );
  if (opts.profile) process.stdout.write(`PROFILING bare proxy and Warden into ${profileDir}: their figures are slowed by the profiler\n`);
  for (const v of variantsOf(opts)) process.stdout.write(`${v.name}: ${v.describe}: ${JSON.stringify(v.config)}\n`);

  let targets: Target[];
  let headers: Record<string, string>;
  try {
    const started = await startTargets(tmpDir, profileDir, variantsOf(opts), opts.audit);
    targets = started.targets;
    headers = { 'content-type': 'application/json', authorization: `Bearer ${started.key}` };
    await preflight(targets, headers);
  } catch (err) {
    process.stderr.write(`\nFAILED TO START: ${(err as Error).message}\n`);
    return 2;
  }
  process.stdout.write(`ready: ${targets.map((t) => `${t.name} ${t.url}`).join(', ')}\n`);

  const sim = targets[0] as Target;
  // Our servers are idle now, so whatever keeps the CPUs busy belongs to someone else and will skew the figures.
  const idleStart = cpuSnapshot();
  await sleep(1_000);
  const busyBefore = otherCpuShare(idleStart, cpuSnapshot());
  if (busyBefore !== null && busyBefore > 0.25) {
    process.stdout.write(`WARNING: the CPUs are ${f(busyBefore * 100, 0)}% busy with other work before the load starts; expect noisy figures\n`);
  }
  const results: Results = {};
  const invalid: string[] = [];
  /** Errors + non-2xx of every measured round, by `${scenario} ${target}`. */
  const errorsAllRounds = new Map<string, number>();
  const nameWidth = Math.max(...names.map((n) => n.length));
  const roundWidth = `${opts.repeat}/${opts.repeat}`.length;
  for (const scenario of SCENARIOS) {
    const rounds = new Map<TargetName, Measurement[]>();
    for (let round = 1; round <= opts.repeat; round++) {
      const tag = `r${round}/${opts.repeat}`;
      for (const target of targets) {
        const warm = await load(target.url, scenario, headers, opts.warmupS);
        // A refusal by the limits stage, even while warming up, means the limits were not "never reached".
        if (target.name === 'warden_limits' && failures(warm) > 0) {
          invalid.push(
            `${scenario.id} ${target.name} round ${round} (warm-up): ${warm.errors} errors, ${warm.non2xx} non-2xx,` +
              ` statuses ${JSON.stringify(warm.status_codes)}${refusalNote(warm)}`,
          );
        }
        await sleep(SETTLE_MS);
        const m = await measure(target, sim, scenario, headers, opts.durationS);
        await sleep(SETTLE_MS);
        const dead = deadChild();
        if (dead) {
          process.stderr.write(`\nA SERVER DIED DURING THE LOAD: ${dead.describeFailure()}\n`);
          return 2;
        }
        if (failures(m) > 0) {
          invalid.push(
            `${scenario.id} ${target.name} round ${round}: ${m.errors} errors (${m.timeouts} timeouts), ${m.non2xx} non-2xx,` +
              ` statuses ${JSON.stringify(m.status_codes)}${refusalNote(m)}`,
          );
        }
        const key = `${scenario.id} ${target.name}`;
        errorsAllRounds.set(key, (errorsAllRounds.get(key) ?? 0) + failures(m));
        const list = rounds.get(target.name) ?? [];
        list.push(m);
        rounds.set(target.name, list);
        process.stdout.write(
          `  ${scenario.id.padEnd(14)} ${tag.padEnd(roundWidth + 1)} ${target.name.padEnd(nameWidth)} ${f(m.rps, 0).padStart(7)} req/s  p50 ${f(m.p50_ms, 3)} ms` +
            `  p99 ${f(m.p99_ms, 3)} ms  errors ${failures(m)}  cpu ${f(m.cpu_us_per_req ?? NaN, 0)} µs/req  other cpu ${pct(m.other_cpu_busy)}\n`,
        );
      }
    }
    const row: Partial<Record<TargetName, Aggregate>> = {};
    for (const [name, list] of rounds) row[name] = aggregate(list);
    results[scenario.id] = row as Row;
  }

  // Stop before reporting: the profiled children write their CPU profiles as they exit.
  await cleanup();
  report(results, evaluate(results), opts, invalid, busyBefore, errorsAllRounds);

  for (const name of profileDir === undefined ? [] : names.filter((n) => n !== 'sim')) {
    const dir = path.join(profileDir as string, name);
    const file = newestProfile(dir);
    process.stdout.write(file ? `\n${name} CPU profile: ${file}\n${formatSummary(summarizeProfile(file))}\n` : `\nno CPU profile was written to ${dir}\n`);
  }
  return invalid.length > 0 ? 1 : 0;
}

main().then(
  (code) => cleanup().finally(() => process.exit(code)),
  (err: unknown) => {
    process.stderr.write(`\nbenchmark failed: ${(err as Error).stack ?? String(err)}\n`);
    void cleanup().finally(() => process.exit(2));
  },
);
