import { Command, InvalidArgumentError, Option } from 'commander';
import { loadConfig } from '../config/load.js';

function port(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('must be a port number (0-65535)');
  return n;
}

function nonNegative(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError('must be a non-negative number');
  return n;
}

interface ServeFlags {
  config?: string;
  port?: number;
  host?: string;
  data?: string;
  storage?: string;
  upstream?: string;
  anthropicUpstream?: string;
  logLevel?: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

const FIRST_STEPS = (url: string) => `
Warden is listening on ${url}
Create an account and an API key (the key is printed once):
  npx warden accounts create --id demo
  KEY=$(npx warden keys create --account demo)
Send a first request:
  curl -s ${url}/v1/chat/completions -H "Authorization: Bearer $KEY" \\
    -H 'content-type: application/json' \\
    -d '{"model":"warden-sim","messages":[{"role":"user","content":"Hello"}]}'
`;

export function serveCommand(): Command {
  return new Command('serve')
    .description('start the gateway')
    .option('--config <file>', 'config file (YAML)')
    .option('--port <port>', 'listen port (default 8080)', port)
    .option('--host <host>', 'listen address (default 127.0.0.1)')
    .option('--data <dir>', 'data directory (default ./data)')
    .option('--storage <url>', 'sqlite:<path> or postgres://…')
    .option('--upstream <url>', 'one OpenAI-compatible upstream for every model (key from $OPENAI_API_KEY)')
    .option('--anthropic-upstream <url>', 'one Anthropic upstream for every model (key from $ANTHROPIC_API_KEY)')
    .addOption(new Option('--log-level <level>').choices(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']))
    .action(async (flags: ServeFlags) => {
      const config = loadConfig(flags.config, {
        ...(flags.port === undefined ? {} : { port: flags.port }),
        ...(flags.host === undefined ? {} : { host: flags.host }),
        ...(flags.data === undefined ? {} : { dataDir: flags.data }),
        ...(flags.storage === undefined ? {} : { storage: flags.storage }),
        ...(flags.upstream === undefined ? {} : { upstream: flags.upstream }),
        ...(flags.anthropicUpstream === undefined ? {} : { anthropicUpstream: flags.anthropicUpstream }),
        ...(flags.logLevel === undefined ? {} : { logLevel: flags.logLevel }),
      });
      // Loaded on demand: management commands should not pay for the server's modules.
      const { startWarden } = await import('../warden.js');
      const warden = await startWarden(config);
      if (config.useBuiltInSimulator) process.stderr.write(FIRST_STEPS(warden.url));
      const stop = (signal: string) => {
        warden.logger.info({ signal }, 'shutting down: draining in-flight requests');
        warden.close().then(
          () => process.exit(0),
          (err: unknown) => {
            warden.logger.error({ err }, 'error during shutdown');
            process.exit(1);
          },
        );
      };
      process.once('SIGTERM', () => stop('SIGTERM'));
      process.once('SIGINT', () => stop('SIGINT'));
    });
}

export function upstreamSimCommand(): Command {
  return new Command('upstream-sim')
    .description('run the simulated model upstream on its own (for tests and benchmarks)')
    .option('--port <port>', 'listen port', port, 8090)
    .option('--host <host>', 'listen address', '127.0.0.1')
    .option('--latency-ms <ms>', 'delay before every response', nonNegative, 0)
    .option('--chunk-delay-ms <ms>', 'delay between stream chunks', nonNegative, 0)
    .option('--fail-rate <fraction>', 'fraction of requests answered with 500', nonNegative, 0)
    .option('--seed <n>', 'seed for text and failures', nonNegative, 0)
    .action(async (o: { port: number; host: string; latencyMs: number; chunkDelayMs: number; failRate: number; seed: number }) => {
      const { startSimServer } = await import('../sim/server.js');
      const sim = await startSimServer({
        port: o.port,
        host: o.host,
        latencyMs: o.latencyMs,
        chunkDelayMs: o.chunkDelayMs,
        failRate: Math.min(1, o.failRate),
        seed: o.seed,
      });
      process.stdout.write(`warden-sim (SIMULATED model upstream) listening on ${sim.url}\n`);
      const stop = () => void sim.close().then(() => process.exit(0));
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
    });
}
