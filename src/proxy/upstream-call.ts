import type { IncomingHttpHeaders } from 'node:http';
import { errors, type Dispatcher } from 'undici';
import type { Abortable } from './inflight.js';

export interface UpstreamHead {
  statusCode: number;
  headers: IncomingHttpHeaders;
}

/**
 * One upstream request driven through undici's dispatcher handler API rather
 * than its Readable body: chunks arrive as plain callbacks, flow control is
 * pause()/resume() on the connection, and no stream objects are created per
 * request (their machinery was a visible share of Warden's CPU).
 */
export class UpstreamCall implements Dispatcher.DispatchHandler, Abortable {
  readonly head: Promise<UpstreamHead>;
  readonly done: Promise<void>;
  #resolveHead!: (head: UpstreamHead) => void;
  #rejectHead!: (err: Error) => void;
  #resolveDone!: () => void;
  #rejectDone!: (err: Error) => void;
  #controller: Dispatcher.DispatchController | undefined;
  #abortReason: Error | undefined;
  #chunks: Buffer[] = [];
  #size = 0;
  #onData: ((chunk: Buffer) => boolean) | undefined;

  constructor() {
    this.head = new Promise((resolve, reject) => {
      this.#resolveHead = resolve;
      this.#rejectHead = reject;
    });
    this.done = new Promise((resolve, reject) => {
      this.#resolveDone = resolve;
      this.#rejectDone = reject;
    });
    // Whoever awaits sees the failure; nobody awaiting must not crash the process.
    this.head.catch(() => undefined);
    this.done.catch(() => undefined);
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.#controller = controller;
    if (this.#abortReason) controller.abort(this.#abortReason);
  }

  onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number, headers: IncomingHttpHeaders): void {
    this.#resolveHead({ statusCode, headers });
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.#onData) {
      if (!this.#onData(chunk)) controller.pause();
      return;
    }
    this.#chunks.push(chunk);
    this.#size += chunk.length;
  }

  onResponseEnd(): void {
    this.#resolveDone();
  }

  onResponseError(_controller: Dispatcher.DispatchController, err: Error): void {
    this.#rejectHead(err);
    this.#rejectDone(err);
  }

  /** Cancels the request (client gone, shutdown); the pending promises reject with RequestAbortedError. */
  abort(): void {
    if (this.#abortReason) return;
    this.#abortReason = new errors.RequestAbortedError();
    this.#controller?.abort(this.#abortReason);
  }

  /** The whole body, once it has ended. */
  async body(): Promise<Buffer> {
    await this.done;
    return this.#chunks.length === 1 ? (this.#chunks[0] as Buffer) : Buffer.concat(this.#chunks, this.#size);
  }

  /**
   * Hands each chunk to `onData` as it arrives (those already received first);
   * returning false pauses the upstream until `resume()`. Resolves at the end.
   */
  stream(onData: (chunk: Buffer) => boolean): Promise<void> {
    const early = this.#chunks;
    this.#chunks = [];
    let paused = false;
    for (const chunk of early) if (!onData(chunk)) paused = true;
    this.#onData = onData;
    if (paused) this.#controller?.pause();
    return this.done;
  }

  resume(): void {
    this.#controller?.resume();
  }
}
