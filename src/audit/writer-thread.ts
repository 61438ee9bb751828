import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { WardenError, type ErrorCode } from '../errors.js';
import type { AuditKind, EncodedRecord } from './entry.js';
import { EMPTY_ROOT, type Hash } from './merkle.js';
import type { TreeWriter } from './tree-writer.js';

export interface WriterSetup {
  file: string;
  synchronous: 'FULL' | 'NORMAL';
}

export type WriterRequest =
  | { id: number; op: 'open' | 'reload' | 'close' }
  /** The batch's records in one string (encodeBatch). */
  | { id: number; op: 'commit'; batch: string };

export type WriterReply =
  | { id: number; size: number; root: Uint8Array | undefined; error?: undefined }
  | { id: number; error: { code: string; message: string } };

/**
 * A batch crosses to the writer thread as one string: cloning one long string
 * is a copy, while cloning an array of a few hundred small strings cost the
 * event loop ~9 µs per record. Each field is written as its length in
 * characters, a colon and the text (`-` for null), so no value needs escaping.
 */
export function encodeBatch(records: readonly EncodedRecord[]): string {
  let out = '';
  for (const r of records) {
    out += `${r.ts}:${field(r.kind)}${field(r.ref)}${field(r.account)}${field(r.org)}${field(r.action)}${field(r.ip)}${field(r.payload)}`;
  }
  return out;
}

function field(v: string | null): string {
  return v === null ? '-' : `${v.length}:${v}`;
}

export function decodeBatch(batch: string): EncodedRecord[] {
  const out: EncodedRecord[] = [];
  let i = 0;
  const next = (): string | null => {
    if (batch.charCodeAt(i) === 45 /* - */) {
      i++;
      return null;
    }
    const colon = batch.indexOf(':', i);
    const end = colon + 1 + Number(batch.slice(i, colon));
    const v = batch.slice(colon + 1, end);
    i = end;
    return v;
  };
  while (i < batch.length) {
    const colon = batch.indexOf(':', i);
    const ts = Number(batch.slice(i, colon));
    i = colon + 1;
    out.push({ ts, kind: next() as AuditKind, ref: next(), account: next(), org: next(), action: next() as string, ip: next(), payload: next() as string });
  }
  return out;
}

/** The compiled worker beside this module, or (when this runs from TypeScript sources, in tests) the build's. */
function workerFile(): string {
  const here = fileURLToPath(new URL('./writer-thread-worker.js', import.meta.url));
  if (existsSync(here)) return here;
  return fileURLToPath(new URL('../../dist/src/audit/writer-thread-worker.js', import.meta.url));
}

/**
 * A SQLite tree writer on a thread of its own, so the event loop only
 * serializes each record's payload and hands the batch over: the hashing,
 * the inserts and the commit (and its fsync in `sync` mode) happen on the
 * writer thread, off the request path. A batch crosses as one string
 * (encodeBatch), which clones far cheaper than the record objects would.
 * Acknowledgements still follow the commit: `commit()` resolves only
 * once the writer thread has committed the batch. A writer thread that dies
 * is started again on the next commit or reload (the log retries failed
 * commits, after checking whether the batch landed before the thread died).
 */
export class ThreadTreeWriter implements TreeWriter {
  readonly #setup: WriterSetup;
  readonly #script: string;
  #worker: Worker | undefined;
  #nextId = 1;
  #pending = new Map<number, { resolve: (r: WriterReply) => void; reject: (err: unknown) => void }>();
  #size = 0;
  #root: Hash = EMPTY_ROOT;

  private constructor(setup: WriterSetup, script: string) {
    this.#setup = setup;
    this.#script = script;
  }

  /** `script`: the worker module (tests start one that dies on purpose, to check the recovery). */
  static async open(setup: WriterSetup, script: string = workerFile()): Promise<ThreadTreeWriter> {
    const w = new ThreadTreeWriter(setup, script);
    await w.#start();
    return w;
  }

  get size(): number {
    return this.#size;
  }

  root(): Hash {
    return this.#root;
  }

  async commit(records: readonly EncodedRecord[]): Promise<void> {
    if (!this.#worker) await this.#start();
    await this.#request({ op: 'commit', batch: encodeBatch(records) });
  }

  async reload(): Promise<void> {
    if (!this.#worker) await this.#start();
    else await this.#request({ op: 'reload' });
  }

  async close(): Promise<void> {
    const worker = this.#worker;
    if (!worker) return;
    await this.#request({ op: 'close' }).catch(() => undefined);
    this.#worker = undefined;
    await worker.terminate();
  }

  async #start(): Promise<void> {
    const worker = new Worker(this.#script, { workerData: this.#setup });
    worker.unref();
    worker.on('message', (reply: WriterReply) => {
      const p = this.#pending.get(reply.id);
      if (!p) return;
      this.#pending.delete(reply.id);
      if (this.#pending.size === 0) worker.unref();
      p.resolve(reply);
    });
    const fail = (err: unknown) => {
      if (this.#worker === worker) this.#worker = undefined;
      const pending = [...this.#pending.values()];
      this.#pending.clear();
      for (const p of pending) p.reject(new WardenError('WARDEN_ERR_AUDIT_STORE', `the audit writer thread stopped: ${(err as Error).message ?? String(err)}`, { cause: err }));
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`exit code ${code}`)));
    this.#worker = worker;
    await this.#request({ op: 'open' });
  }

  #request(msg: { op: 'open' | 'reload' | 'close' } | { op: 'commit'; batch: string }): Promise<void> {
    const worker = this.#worker;
    if (!worker) return Promise.reject(new WardenError('WARDEN_ERR_AUDIT_STORE', 'the audit writer thread is not running'));
    const id = this.#nextId++;
    // Referenced while a request is out, so the process cannot exit in the middle of a commit.
    worker.ref();
    return new Promise<WriterReply>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      worker.postMessage({ id, ...msg } as WriterRequest);
    }).then((reply) => {
      if (reply.error) throw new WardenError(asCode(reply.error.code), reply.error.message);
      this.#size = reply.size;
      if (reply.root) this.#root = Buffer.from(reply.root.buffer, reply.root.byteOffset, reply.root.byteLength);
    });
  }
}

function asCode(code: string): ErrorCode {
  return code === 'WARDEN_ERR_CONFLICT' ? 'WARDEN_ERR_CONFLICT' : 'WARDEN_ERR_AUDIT_STORE';
}
