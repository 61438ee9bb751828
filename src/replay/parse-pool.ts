import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SystemSignalCache } from '../engine/request-features.js';
import type { LineBatch } from './line-batches.js';
import { decode } from './parsed-wire.js';
import { parseBatch, type ParseBatch, type ParsedBatch, type ParsedItem } from './parse-worker.js';

/** The compiled worker beside this module, or (when this runs from TypeScript sources, in tests) the build's. */
function workerFile(): string {
  const here = fileURLToPath(new URL('./parse-worker.js', import.meta.url));
  if (existsSync(here)) return here;
  return fileURLToPath(new URL('../../dist/src/replay/parse-worker.js', import.meta.url));
}

/**
 * Parsed lines in file order, one array per batch of lines. With `threads` > 0, batches are
 * parsed (decoding, JSON, normalization, features) by that many workers and reassembled in
 * order; with 0, inline. Both give the same items: the work is pure per line.
 */
export async function* parsedBatches(batches: AsyncIterable<LineBatch>, threads: number): AsyncGenerator<ParsedItem[]> {
  if (threads <= 0) {
    const cache: SystemSignalCache = new Map();
    for await (const b of batches) yield parseBatch(b, cache);
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
  const dispatch = (batch: LineBatch) => {
    const msg: ParseBatch = { seq, batch };
    inFlight.push(new Promise<ParsedBatch>((resolve, reject) => waiting.set(msg.seq, { resolve, reject })));
    (workers[seq % workers.length] as Worker).postMessage(msg);
    seq++;
  };
  try {
    for await (const b of batches) {
      dispatch(b);
      // Keep a few batches per worker queued; yield the oldest, in order.
      while (inFlight.length > 4 * workers.length) yield decode((await (inFlight.shift() as Promise<ParsedBatch>)).wire);
    }
    while (inFlight.length > 0) yield decode((await (inFlight.shift() as Promise<ParsedBatch>)).wire);
  } finally {
    // Batches still in flight after an input error are abandoned with their workers.
    for (const p of inFlight) p.catch(() => {});
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
