import { Command, InvalidArgumentError } from 'commander';
import { WardenError } from '../errors.js';
import { loadSimulation } from '../traffic/profiles.js';
import { progressBar } from './progress.js';

function integer(v: string): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 0) throw new InvalidArgumentError('must be a non-negative integer');
  return n;
}

function positive(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('must be a positive number');
  return n;
}

function modelMap(v: string): Record<string, string> {
  const map: Record<string, string> = {};
  for (const pair of v.split(',')) {
    const [from, to] = pair.split('=');
    if (!from || !to) throw new InvalidArgumentError('must be from=to pairs separated by commas');
    map[from.trim()] = to.trim();
  }
  return map;
}

interface SimulateFlags {
  seed: number;
  scale: number;
  days: number;
  out?: string;
  profiles?: string;
  live?: string;
  adminToken?: string;
  rate: number;
  timeFactor: number;
  concurrency: number;
  limit?: number;
  modelMap?: Record<string, string>;
  json?: boolean;
}

export function simulateCommand(): Command {
  return new Command('simulate')
    .description('generate simulated traffic: a trace file with truth labels (--out), or live requests at a running Warden (--live)')
    .option('--seed <n>', 'random seed (same seed, same bytes)', integer, 1)
    .option('--scale <s>', 'multiplies every population', positive, 1)
    .option('--days <d>', 'trace length in days', integer, 7)
    .option('--out <dir>', 'write DIR/trace.jsonl and DIR/truth.json')
    .option('--profiles <file>', 'population file (default: config/traffic-profiles.yaml)')
    .option('--live <url>', 'send the traffic through the Warden at this URL instead')
    .option('--admin-token <token>', 'admin token for --live (default: $WARDEN_ADMIN_TOKEN)')
    .option('--rate <r>', 'with --live: most requests per second', positive, 50)
    .option('--time-factor <f>', 'with --live: simulated seconds per real second', positive, 3600)
    .option('--concurrency <n>', 'with --live: most requests in flight', positive, 16)
    .option('--limit <n>', 'with --live: stop after N requests', integer)
    .option('--model-map <pairs>', 'with --live: trace model → sent model, e.g. m-large=gpt-4o,m-large-2=gpt-5 (default: onto warden-sim models)', modelMap)
    .option('--json', 'print the result as JSON')
    .action(async (f: SimulateFlags) => {
      if ((f.out === undefined) === (f.live === undefined)) {
        throw new WardenError('WARDEN_ERR_INVALID_REQUEST', 'give exactly one of --out DIR (write a trace) or --live URL (send traffic)');
      }
      if (f.days < 1) throw new WardenError('WARDEN_ERR_INVALID_REQUEST', '--days must be at least 1');
      const sim = loadSimulation(f.profiles);
      const trace = { sim, seed: f.seed, scale: f.scale, days: f.days };
      let result: object;
      if (f.out !== undefined) {
        const { writeTrace } = await import('../traffic/write.js');
        const bar = progressBar(f.days, 'days');
        try {
          result = await writeTrace(trace, f.out, (done, _days, events) => bar.update(done, { events }));
        } finally {
          bar.stop();
        }
      } else {
        const adminToken = f.adminToken ?? process.env['WARDEN_ADMIN_TOKEN'];
        if (!adminToken) throw new WardenError('WARDEN_ERR_INVALID_REQUEST', '--live needs --admin-token or $WARDEN_ADMIN_TOKEN');
        let url: URL;
        try {
          url = new URL(f.live as string);
        } catch {
          throw new WardenError('WARDEN_ERR_INVALID_REQUEST', `--live must be a URL such as http://127.0.0.1:8080 (got ${f.live})`);
        }
        const { runLive } = await import('../traffic/live.js');
        const bar = progressBar(f.limit ?? 0, 'requests', process.stderr.isTTY === true && f.limit !== undefined);
        try {
          result = await runLive({
            ...trace,
            url: url.toString(),
            adminToken,
            rate: f.rate,
            timeFactor: f.timeFactor,
            concurrency: f.concurrency,
            limit: f.limit,
            modelMap: f.modelMap,
            onProgress: (sent) => bar.update(sent),
          });
        } finally {
          bar.stop();
        }
      }
      process.stdout.write(f.json ? JSON.stringify(result) + '\n' : formatResult(result) + '\n');
    });
}

function formatResult(r: object): string {
  return Object.entries(r)
    .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join('\n');
}
