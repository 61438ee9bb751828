/**
 * Requests (and open streams) this instance is serving, so shutdown can wait
 * for them to finish and, after the grace period, abort the stragglers.
 */
/** Anything that can cancel a request in flight. */
export interface Abortable {
  abort(): void;
}

export class InflightRequests {
  readonly #open = new Set<Abortable>();
  #idle: Array<() => void> = [];

  get size(): number {
    return this.#open.size;
  }

  enter(controller: Abortable): () => void {
    this.#open.add(controller);
    return () => {
      this.#open.delete(controller);
      if (this.#open.size === 0) {
        for (const resolve of this.#idle) resolve();
        this.#idle = [];
      }
    };
  }

  /**
   * Resolves true when all requests finished within `graceMs`, false if some
   * had to be aborted. Aborted requests get a moment to tell their clients
   * (an error response or in-band error event) before connections are closed.
   */
  async drain(graceMs: number, afterAbortMs = 1_000): Promise<boolean> {
    if (await this.#idleWithin(graceMs)) return true;
    for (const c of this.#open) c.abort();
    await this.#idleWithin(afterAbortMs);
    return false;
  }

  async #idleWithin(ms: number): Promise<boolean> {
    if (this.#open.size === 0) return true;
    let timer: NodeJS.Timeout | undefined;
    const idle = new Promise<boolean>((resolve) => this.#idle.push(() => resolve(true)));
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), ms);
    });
    const drained = await Promise.race([idle, timeout]);
    clearTimeout(timer);
    return drained;
  }
}
