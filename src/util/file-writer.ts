import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';

const FLUSH_CHARS = 1 << 20;

/**
 * Appends text to a file in ~1 MB writes that wait for the disk (backpressure)
 * and turn a write error (disk full, permissions) into a rejected promise
 * instead of an unhandled 'error' event.
 */
export class BufferedFileWriter {
  readonly #out: WriteStream;
  readonly #failed: Promise<never>;
  #buf = '';

  constructor(path: string) {
    this.#out = createWriteStream(path);
    this.#failed = new Promise<never>((_, reject) => this.#out.once('error', reject));
    this.#failed.catch(() => {});
  }

  /** Buffers `text`; returns a promise only when the buffer was flushed (await it), so most writes cost no await. */
  write(text: string): Promise<void> | undefined {
    this.#buf += text;
    return this.#buf.length >= FLUSH_CHARS ? this.#flush() : undefined;
  }

  async #flush(): Promise<void> {
    const chunk = this.#buf;
    this.#buf = '';
    if (!this.#out.write(chunk)) await Promise.race([once(this.#out, 'drain'), this.#failed]);
  }

  /** Writes what is buffered and closes the file. */
  async close(): Promise<void> {
    if (this.#buf.length > 0) await this.#flush();
    this.#out.end();
    await Promise.race([once(this.#out, 'finish'), this.#failed]);
  }
}
