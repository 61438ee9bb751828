import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BufferedFileWriter } from '../util/file-writer.js';
import { TraceGenerator, type TraceOptions } from './trace.js';

export interface WriteResult {
  events: number;
  requests: number;
  accounts: number;
  /** Accounts per truth label. */
  labels: Record<string, number>;
  /** Requests per truth label. */
  requestsByLabel: Record<string, number>;
  seconds: number;
}

/**
 * Writes DIR/trace.jsonl (timestamp order, streamed in ~1 MB writes that wait
 * for the disk) and DIR/truth.json ({account: label}).
 */
export async function writeTrace(opts: TraceOptions, dir: string, onDay?: (done: number, days: number, events: number) => void): Promise<WriteResult> {
  mkdirSync(dir, { recursive: true });
  const started = process.hrtime.bigint();
  const gen = new TraceGenerator(opts);
  const labelOf = new Map(gen.population.accounts.map((a) => [a.id, a.group.label]));
  const out = new BufferedFileWriter(join(dir, 'trace.jsonl'));
  let events = 0;
  let requests = 0;
  const requestsByLabel: Record<string, number> = {};
  for (const e of gen.events((done, days) => onDay?.(done, days, events))) {
    const flushing = out.write(JSON.stringify(e) + '\n');
    if (flushing) await flushing;
    events++;
    if (e.type === 'request') {
      requests++;
      const label = labelOf.get(e.account) as string;
      requestsByLabel[label] = (requestsByLabel[label] ?? 0) + 1;
    }
  }
  await out.close();

  const truth = gen.truth();
  writeFileSync(join(dir, 'truth.json'), JSON.stringify(truth, null, 1) + '\n');
  const labels: Record<string, number> = {};
  for (const l of Object.values(truth)) labels[l] = (labels[l] ?? 0) + 1;
  return {
    events,
    requests,
    accounts: Object.keys(truth).length,
    labels,
    requestsByLabel,
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
  };
}
