import type { EventSink, TrafficEvent } from './types.js';

/**
 * Fans events out to every sink. A failing sink must never break the request
 * that produced the event, so errors go to `onError` and the loop goes on.
 */
export class EventBus implements EventSink {
  readonly #sinks: EventSink[] = [];
  readonly #onError: (err: unknown, sink: EventSink) => void;

  constructor(onError: (err: unknown, sink: EventSink) => void = () => {}) {
    this.#onError = onError;
  }

  add(sink: EventSink): () => void {
    this.#sinks.push(sink);
    return () => {
      const i = this.#sinks.indexOf(sink);
      if (i >= 0) this.#sinks.splice(i, 1);
    };
  }

  emit(event: TrafficEvent): void {
    for (const sink of this.#sinks) {
      try {
        sink.emit(event);
      } catch (err) {
        this.#onError(err, sink);
      }
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.#sinks.map((s) => s.close?.()));
  }
}
