import { mkdirSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import type { EventSink, TrafficEvent } from './types.js';

/**
 * Appends events to a JSON Lines file in the traffic-log format, so a live
 * gateway's traffic can be replayed offline. Uses pino's SonicBoom writer:
 * buffered, asynchronous, flushed on close.
 */
export class JsonlEventSink implements EventSink {
  readonly #out: ReturnType<typeof pino.destination>;

  constructor(file: string) {
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    this.#out = pino.destination({ dest: file, sync: false, minLength: 8 * 1024 });
  }

  emit(event: TrafficEvent): void {
    this.#out.write(`${JSON.stringify(event)}\n`);
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.#out.flush(() => {
        this.#out.end();
        resolve();
      });
    });
  }
}
