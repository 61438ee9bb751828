import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../engine/engine.js';
import type { Policy } from '../engine/policy.js';
import type { Action } from '../engine/types.js';
import { BufferedFileWriter } from '../util/file-writer.js';
import { lineBatches, type LineBatch } from './line-batches.js';
import { openTrace } from './lines.js';
import { parsedBatches } from './parse-pool.js';

export interface ReplayOptions {
  /** Path of a trace (.jsonl or gzip) or "-" for stdin. */
  input: string;
  outDir: string;
  policy: Policy;
  /** Called every few thousand lines with the bytes read so far. */
  onProgress?: (chars: number, events: number) => void;
  /**
   * Worker threads that parse lines and extract features while the main thread runs the engine
   * (default: one per spare CPU, at most 3; 0 parses inline). Verdicts do not depend on it.
   */
  threads?: number;
  /** Called for each invalid line (the CLI prints the first few). */
  onInvalid?: (line: number, reason: string) => void;
}

export interface ReplaySummary {
  input: string;
  events: number;
  account_events: number;
  request_events: number;
  accounts: number;
  flagged_accounts: number;
  clusters: number;
  actions: Record<Action, number>;
  invalid_lines: number;
  /** Lines whose ts was earlier than one already seen (processed at the newest time seen). */
  out_of_order_lines: number;
  shadow: boolean;
  seconds: number;
  events_per_second: number;
  /** Set when the input could not be read to its end (e.g. a truncated gzip): the figures cover what was read. */
  input_error: string | null;
}

/** Invalid lines are listed in DIR/invalid.jsonl up to this many (the count in the summary is exact). */
const MAX_INVALID_LISTED = 10_000;

/** One parse worker per spare CPU, at most 3. */
export function defaultThreads(): number {
  return Math.max(0, Math.min(3, availableParallelism() - 1));
}

/** Passes batches through, reporting the bytes read (for the progress bar). */
async function* countBytes(batches: AsyncIterable<LineBatch>, add: (n: number) => void): AsyncGenerator<LineBatch> {
  for await (const b of batches) {
    add(b.bytes);
    yield b;
  }
}

/** Streams a trace through the engine and writes DIR/verdicts.jsonl and DIR/summary.json (spec). */
export async function replay(opts: ReplayOptions): Promise<ReplaySummary> {
  mkdirSync(opts.outDir, { recursive: true });
  const started = process.hrtime.bigint();
  const engine = new Engine(opts.policy);
  const invalidOut = new BufferedFileWriter(join(opts.outDir, 'invalid.jsonl'));
  let events = 0;
  let accountEvents = 0;
  let requestEvents = 0;
  let invalid = 0;
  let bytes = 0;
  let inputError: string | null = null;
  const reject = async (no: number, reason: string): Promise<void> => {
    invalid++;
    opts.onInvalid?.(no, reason);
    if (invalid <= MAX_INVALID_LISTED) await invalidOut.write(JSON.stringify({ line: no, reason }) + '\n');
  };

  try {
    const input = await openTrace(opts.input);
    const counted = countBytes(lineBatches(input), (n) => (bytes += n));
    for await (const items of parsedBatches(counted, opts.threads ?? defaultThreads())) {
      for (const item of items) {
        if (item.k === 'skip') continue;
        if (item.k === 'x') {
          await reject(item.line, item.reason);
          continue;
        }
        engine.process(item.event, false, item.features);
        events++;
        if (item.event.type === 'account') accountEvents++;
        else requestEvents++;
        if ((events & 0x3fff) === 0) opts.onProgress?.(bytes, events);
      }
    }
  } catch (err) {
    inputError = describeInputError(err as NodeJS.ErrnoException);
  }
  await invalidOut.close();

  const out = new BufferedFileWriter(join(opts.outDir, 'verdicts.jsonl'));
  const actions: Record<Action, number> = { allow: 0, throttle: 0, degrade: 0, challenge: 0, block: 0, review: 0 };
  let flagged = 0;
  for (const v of engine.verdicts()) {
    actions[v.action]++;
    if (v.flagged) flagged++;
    await out.write(JSON.stringify(v) + '\n');
  }
  await out.close();

  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const stats = engine.stats();
  const summary: ReplaySummary = {
    input: opts.input,
    events,
    account_events: accountEvents,
    request_events: requestEvents,
    accounts: stats.accounts,
    flagged_accounts: flagged,
    clusters: stats.clusters,
    actions,
    invalid_lines: invalid,
    out_of_order_lines: engine.lateEvents,
    shadow: opts.policy.shadow,
    seconds: Math.round(seconds * 1000) / 1000,
    events_per_second: Math.round(events / Math.max(seconds, 1e-9)),
    input_error: inputError,
  };
  writeFileSync(join(opts.outDir, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
  return summary;
}

function describeInputError(err: NodeJS.ErrnoException): string {
  if (err.code === 'ENOENT') return `cannot read ${err.path ?? 'input'}: no such file`;
  if (err.code === 'Z_BUF_ERROR' || /unexpected end of file/i.test(err.message)) return 'gzip input is truncated: unexpected end of file';
  if (err.code?.startsWith('Z_')) return `gzip input is corrupt: ${err.message}`;
  return err.message;
}
