import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { SystemSignalCache } from '../engine/request-features.js';
import type { LineBatch } from './line-batches.js';
import { decode } from './parsed-wire.js';
import { parseBatch, type ParseBatch, type ParsedBatch, type ParsedItem, type WorkerSetup } from './parse-worker.js';

/** The compiled worker beside this module, or (when this runs from TypeScript sources, in tests) the build's. */
function workerFile(): string {
  const here = fileURLToPath(new URL('./parse-worker.js', import.meta.url));
  if (existsSync(here)) return here;
  return fileURLToPath(new URL('../../dist/src/replay/parse-worker.js', import.meta.url));
}

/** Atomics.waitAsync (Node ≥ 16; missing from this project's ES2022 lib typings). */
const waitAsync = (Atomics as unknown as { waitAsync(a: Int32Array, i: number, v: number, ms: number): { async: boolean; value: Promise<string> | string } }).waitAsync.bind(Atomics);

/** Batches queued per worker: one being parsed, one waiting, so a worker never idles. */
const QUEUED_PER_WORKER = 2;

/**
 * With W workers the main thread keeps up best parsing share f of the lines, where
 * f·Pm + E = (1 − f)·Pw / W for the engine's cost E per line and the cost Pm of parsing a line on
 * the main thread (dearer than a worker's Pw: the engine competes with it for the caches):
 * f = (Pw/W − E) / (Pm + Pw/W). The costs are measured as the replay goes (they depend on the
 * trace and the machine); taking a batch whenever a result is late instead starves the engine.
 * Only the split of work depends on them, never the results.
 */
function mainShare(workers: number, engine: number, parseMain: number, parseWorker: number): number {
  const w = parseWorker / workers;
  return Math.max(0, (w - engine) / (parseMain + w));
}

/** Until all three costs are measured (ms per line; only their ratios matter). */
const GUESS = { engine: 0.5, parseMain: 1, parseWorker: 1 };

/** Batches this small are parsed inline. */
const SMALL_BATCH_LINES = 8;

interface Slot {
  batch: LineBatch;
  /** Parsed (inline, or decoded from a worker), or null while unparsed. */
  items: ParsedItem[] | null;
  /** At a worker, waiting for its result. */
  sent: boolean;
}

interface PoolWorker {
  worker: Worker;
  results: MessagePort;
  /** Slots sent to this worker, oldest first (a worker answers in order). */
  queue: Slot[];
}

/**
 * Parsed lines in file order, one array per batch of lines. With `threads` > 0, that many
 * workers parse batches (decoding, JSON, normalization, features) and the main thread, which
 * runs the engine, parses a batch itself (up to its share, see mainShare) when the next result is
 * not back yet instead of waiting: the main thread's core is used too, which on two CPUs is half
 * the machine. Results are polled synchronously (receiveMessageOnPort), so a result that is
 * back is never missed for want of a turn of the event loop. With 0, every
 * batch is parsed inline. Both give the same items: the work is pure per line.
 */
export async function* parsedBatches(batches: AsyncIterable<LineBatch>, threads: number): AsyncGenerator<ParsedItem[]> {
  const cache: SystemSignalCache = new Map();
  if (threads <= 0) {
    for await (const b of batches) yield parseBatch(b, cache);
    return;
  }
  // Workers bump the counter after each result, so the main thread can sleep until one arrives.
  const signal = new Int32Array(new SharedArrayBuffer(4));
  let failure: Error | null = null;
  const file = workerFile();
  const pool: PoolWorker[] = Array.from({ length: threads }, () => {
    const { port1, port2 } = new MessageChannel();
    const setup: WorkerSetup = { results: port2, signal };
    const worker = new Worker(file, { workerData: setup, transferList: [port2] });
    worker.on('error', (err) => (failure ??= err));
    worker.on('exit', (code) => (failure ??= code === 0 ? null : new Error(`parse worker exited with code ${code}`)));
    return { worker, results: port1, queue: [] };
  });
  const slots: Slot[] = [];
  const input = batches[Symbol.asyncIterator]();
  let ended = false;
  // Chunks alternate with the one-line batches of lines carried between them: room for both.
  const ahead = 2 * (threads * QUEUED_PER_WORKER + 2);
  let totalLines = 0;
  let inlineLines = 0;
  // Milliseconds and lines of the engine's work (between yields), of inline parsing and of the workers' parsing.
  let engineMs = 0;
  let engineLines = 0;
  let parseMs = 0;
  let parseLines = 0;
  let workerMs = 0;
  let workerLines = 0;
  const share = () =>
    engineLines > 0 && parseLines > 0 && workerLines > 0
      ? mainShare(threads, engineMs / engineLines, parseMs / parseLines, workerMs / workerLines)
      : mainShare(threads, GUESS.engine, GUESS.parseMain, GUESS.parseWorker);

  const collect = () => {
    for (const w of pool) {
      for (let m = receiveMessageOnPort(w.results); m !== undefined; m = receiveMessageOnPort(w.results)) {
        const slot = w.queue.shift() as Slot;
        const result = m.message as ParsedBatch;
        slot.items = decode(result.wire);
        workerMs += result.ms;
        workerLines += slot.items.length;
      }
    }
  };
  const dispatch = () => {
    for (const s of slots) {
      if (s.sent || s.items !== null) continue;
      let best: PoolWorker | null = null;
      for (const w of pool) if (w.queue.length < QUEUED_PER_WORKER && (best === null || w.queue.length < best.queue.length)) best = w;
      if (best === null) return;
      s.sent = true;
      best.queue.push(s);
      best.worker.postMessage({ batch: s.batch } satisfies ParseBatch);
    }
  };

  try {
    for (;;) {
      if (failure !== null) throw failure;
      while (!ended && slots.length < ahead) {
        const r = await input.next();
        if (r.done === true) ended = true;
        else {
          // A line carried over between chunks comes as a batch of its own: not worth a message.
          const small = r.value.count < SMALL_BATCH_LINES;
          slots.push({ batch: r.value, items: small ? parseBatch(r.value, cache) : null, sent: false });
          totalLines += r.value.count;
        }
      }
      collect();
      dispatch();
      const head = slots[0];
      if (head === undefined) return;
      if (head.items !== null) {
        slots.shift();
        const t = performance.now();
        yield head.items;
        engineMs += performance.now() - t;
        engineLines += head.items.length;
        continue;
      }
      // The head is at a worker: parse a later batch meanwhile (up to the main thread's share), or sleep until a result arrives.
      const spare = slots.find((s) => !s.sent && s.items === null);
      if (spare !== undefined && (spare === head || inlineLines < share() * totalLines)) {
        const t = performance.now();
        spare.items = parseBatch(spare.batch, cache);
        parseMs += performance.now() - t;
        parseLines += spare.batch.count;
        inlineLines += spare.batch.count;
        continue;
      }
      const seen = Atomics.load(signal, 0);
      collect();
      if (head.items !== null) continue;
      const wait = waitAsync(signal, 0, seen, 200);
      if (wait.async) await wait.value;
    }
  } finally {
    // Batches still in flight after an input error are abandoned with their workers.
    await Promise.all(pool.map((w) => w.worker.terminate()));
  }
}
