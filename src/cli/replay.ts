import { existsSync, statSync } from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import { WardenError } from '../errors.js';
import { DEFAULT_POLICY, loadPolicy } from '../engine/policy.js';
import { progressBar } from './progress.js';

interface ReplayFlags {
  out: string;
  threads?: number;
  policy?: string;
  shadow?: boolean;
  json?: boolean;
}

function threadCount(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 64) throw new InvalidArgumentError('must be an integer from 0 to 64');
  return n;
}

/** Invalid lines printed to stderr before the rest are only counted (all are in DIR/invalid.jsonl). */
const SHOWN_INVALID = 20;

export function replayCommand(): Command {
  return new Command('replay')
    .description('run the detection engine over an exported traffic log (JSONL, gzip or "-" for stdin)')
    .argument('<trace>', 'trace.jsonl, trace.jsonl.gz or - (stdin)')
    .requiredOption('--out <dir>', 'write DIR/verdicts.jsonl, DIR/summary.json and DIR/invalid.jsonl')
    .option('--policy <file>', 'policy file (YAML)')
    .option('--shadow', 'decide and record, enforce nothing')
    .option('--threads <n>', 'parsing worker threads (default: one per spare CPU, at most 3; 0 = inline)', threadCount)
    .option('--json', 'print the summary as JSON')
    .action(async (trace: string, f: ReplayFlags) => {
      if (trace !== '-' && (!existsSync(trace) || !statSync(trace).isFile())) {
        throw new WardenError('WARDEN_ERR_INVALID_REQUEST', `trace file not found: ${trace}`);
      }
      const base = f.policy !== undefined ? loadPolicy(f.policy) : DEFAULT_POLICY;
      const policy = f.shadow ? { ...base, shadow: true } : base;
      const { replay } = await import('../replay/replay.js');
      const size = trace === '-' || trace.endsWith('.gz') ? 0 : statSync(trace).size;
      const bar = progressBar(size, 'bytes', process.stderr.isTTY === true && size > 0);
      let shown = 0;
      let summary;
      try {
        summary = await replay({
          input: trace,
          outDir: f.out,
          policy,
          threads: f.threads,
          onProgress: (chars, events) => bar.update(Math.min(size, chars), { events }),
          onInvalid: (line, reason) => {
            if (shown++ < SHOWN_INVALID) process.stderr.write(`line ${line}: ${reason} (skipped)\n`);
          },
        });
      } finally {
        bar.stop();
      }
      if (summary.invalid_lines > SHOWN_INVALID) {
        process.stderr.write(`… ${summary.invalid_lines - SHOWN_INVALID} more invalid lines, all listed in ${f.out}/invalid.jsonl\n`);
      }
      process.stdout.write(
        f.json
          ? JSON.stringify(summary) + '\n'
          : `events ${summary.events} (${summary.events_per_second}/s) · accounts ${summary.accounts} · flagged ${summary.flagged_accounts} · clusters ${summary.clusters} · invalid lines ${summary.invalid_lines}\n` +
              `wrote ${f.out}/verdicts.jsonl and ${f.out}/summary.json\n`,
      );
      if (summary.input_error !== null) {
        process.stderr.write(`error: ${summary.input_error}; the verdicts cover only what was read\n`);
        process.exitCode = 1;
      }
    });
}
