import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { encode, type WireBatch } from './parsed-wire.js';
import { normalizeEvent } from '../engine/normalize.js';
import { requestFeatures, type RequestFeatures, type SystemSignalCache } from '../engine/request-features.js';
import type { EngineInput } from '../engine/types.js';
import type { LineBatch } from './line-batches.js';
import type { Line } from './lines.js';

/**
 * Replay's parsing worker: UTF-8 decoding, JSON.parse, normalization and
 * per-request feature extraction are pure per line, so they run here in
 * parallel while the main thread feeds the engine in file order. Lines arrive
 * as one chunk of bytes; prompt text is dropped and the results cross back
 * packed (parsed-wire.ts): the engine only needs the features.
 */
export interface ParseBatch {
  batch: LineBatch;
}

/** Given to each worker: where its results go (polled by the main thread) and the counter it bumps per result. */
export interface WorkerSetup {
  results: MessagePort;
  signal: Int32Array;
}

export type ParsedItem =
  | { k: 'e'; event: EngineInput; features?: RequestFeatures }
  | { k: 'x'; line: number; reason: string }
  | { k: 'skip' };

export interface ParsedBatch {
  wire: WireBatch;
  /** Time the worker spent on the batch (it steers how much the main thread parses, see parse-pool). */
  ms: number;
}

export function parseLine(l: Line, cache: SystemSignalCache): ParsedItem {
  if ('tooLong' in l) return { k: 'x', line: l.no, reason: `line is ${l.tooLong} characters, over the limit` };
  const { text, no: line } = l;
  if (text.trim().length === 0) return { k: 'skip' };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return { k: 'x', line, reason: `malformed JSON: ${(err as Error).message}` };
  }
  return fromRaw(raw, line, cache);
}

/** Buffer's own decoder (public on Buffer.prototype, untyped): skips toString's argument checks, once per line. */
type Utf8Slicing = Buffer & { utf8Slice(start: number, end: number): string };

/** parseLine of every line of a batch. */
export function parseBatch(b: LineBatch, cache: SystemSignalCache): ParsedItem[] {
  const items = new Array<ParsedItem>(b.count);
  const buf = b.buf;
  for (let i = 0; i < b.count; i++) {
    const start = b.starts[i]!;
    const no = b.firstNo + i;
    items[i] = start < 0 ? parseLine({ no, tooLong: b.ends[i]! }, cache) : parseLine({ no, text: (buf as Utf8Slicing).utf8Slice(start, b.ends[i]!) }, cache);
  }
  return items;
}

function fromRaw(raw: unknown, line: number, cache: SystemSignalCache): ParsedItem {
  const n = normalizeEvent(raw);
  if (!n.ok) return { k: 'x', line, reason: n.reason };
  const event = n.event;
  if (event.type !== 'request') return { k: 'e', event };
  const features = requestFeatures(event, cache);
  event.system = '';
  event.userText = '';
  event.firstUserText = '';
  return { k: 'e', event, features };
}

if (parentPort !== null) {
  const { results, signal } = workerData as WorkerSetup;
  const cache: SystemSignalCache = new Map();
  parentPort.on('message', (msg: ParseBatch) => {
    // Structured clone turns the Buffer into a plain Uint8Array.
    const started = performance.now();
    const b = msg.batch;
    const buf = Buffer.from(b.buf.buffer, b.buf.byteOffset, b.buf.byteLength);
    const wire = encode(parseBatch({ ...b, buf }, cache));
    results.postMessage({ wire, ms: performance.now() - started } satisfies ParsedBatch, [wire.nums.buffer as ArrayBuffer, wire.bands.buffer as ArrayBuffer]);
    Atomics.add(signal, 0, 1);
    Atomics.notify(signal, 0);
  });
}
