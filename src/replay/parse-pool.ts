import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SystemSignalCache } from '../engine/request-features.js';
import type { Line } from './lines.js';
import { parseLine, type ParseBatch, type ParsedBatch, type ParsedItem } from './parse-worker.js';

const BATCH_LINES = 256;

/** The compiled worker beside this module, or (when this runs from TypeScript sources, in tests) the build's. */
function workerFile(): string {
  const here = fileURLToPath(new URL('./parse-worker.js', import.meta.url));
  if (existsSync(here)) return here;
  return fileURLToPath(new URL('../../dist/src/replay/parse-worker.js', import.meta.url));
}

/**
 * Parsed lines in file order. With `threads` > 0, batches of lines are parsed
 * (JSON, normalization, features) by that many workers and reassembled in
 * order; with 0, inline. Both give the same items: the work is pure per line.
 */
export async function* parsedLines(lines: AsyncIterable<Line>, threads: number): AsyncGenerator<ParsedItem> {
  if (threads <= 0) {
    const cache: SystemSignalCache = new Map();
    for await (const l of lines) yield parseLine(l, cache);
    return;
  }
  const file = workerFile();
  const workers = Array.from({ length: threads }, () => new Worker(file));
  const waiting = new Map<number, { resolve: (b: ParsedBatch) => void; reject: (e: Error) => void }>();
  const fail = (err: Error) => {
    for (const w of waiting.values()) w.reject(err);
    waiting.clear();
  };
  for (const w of workers) {
    w.on('message', (b: ParsedBatch) => {
      const entry = waiting.get(b.seq);
      waiting.delete(b.seq);
      entry?.resolve(b);
    });
    w.on('error', fail);
  }
  const inFlight: Array<Promise<ParsedBatch>> = [];
  let seq = 0;
  let batch: Line[] = [];
  const dispatch = () => {
    const msg: ParseBatch = { seq, lines: batch };
    inFlight.push(new Promise<ParsedBatch>((resolve, reject) => waiting.set(msg.seq, { resolve, reject })));
    (workers[seq % workers.length] as Worker).postMessage(msg);
    seq++;
    batch = [];
  };
  try {
    for await (const l of lines) {
      batch.push(l);
      if (batch.length < BATCH_LINES) continue;
      dispatch();
      // Keep a few batches per worker queued; yield the oldest, in order.
      while (inFlight.length > 2 * workers.length) yield* (await (inFlight.shift() as Promise<ParsedBatch>)).items;
    }
    if (batch.length > 0) dispatch();
    while (inFlight.length > 0) yield* (await (inFlight.shift() as Promise<ParsedBatch>)).items;
  } finally {
    // Batches still in flight after an input error are abandoned with their workers.
    for (const p of inFlight) p.catch(() => {});
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
