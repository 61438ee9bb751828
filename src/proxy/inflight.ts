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

  /** Resolves true when all requests finished within `graceMs`, false if some had to be aborted. */
  async drain(graceMs: number): Promise<boolean> {
    if (this.#open.size === 0) return true;
    let timer: NodeJS.Timeout | undefined;
    const idle = new Promise<boolean>((resolve) => this.#idle.push(() => resolve(true)));
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), graceMs);
    });
    const drained = await Promise.race([idle, timeout]);
    clearTimeout(timer);
    if (!drained) for (const c of this.#open) c.abort();
    return drained;
  }
}
