import { parentPort } from 'node:worker_threads';
import { normalizeEvent } from '../engine/normalize.js';
import { requestFeatures, type RequestFeatures, type SystemSignalCache } from '../engine/request-features.js';
import type { EngineInput } from '../engine/types.js';
import type { Line } from './lines.js';

/**
 * Replay's parsing worker: JSON.parse, normalization and per-request feature
 * extraction are pure per line, so they run here in parallel while the main
 * thread feeds the engine in file order. Prompt text is dropped before the
 * result crosses back: the engine only needs the features.
 */
export interface ParseBatch {
  seq: number;
  lines: Line[];
}

export type ParsedItem =
  | { k: 'e'; event: EngineInput; features?: RequestFeatures }
  | { k: 'x'; line: number; reason: string }
  | { k: 'skip' };

export interface ParsedBatch {
  seq: number;
  items: ParsedItem[];
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
  const port = parentPort;
  const cache: SystemSignalCache = new Map();
  port.on('message', (batch: ParseBatch) => {
    const items = batch.lines.map((l) => parseLine(l, cache));
    port.postMessage({ seq: batch.seq, items } satisfies ParsedBatch);
  });
}
