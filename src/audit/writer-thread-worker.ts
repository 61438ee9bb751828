import { parentPort, workerData } from 'node:worker_threads';
import { SqliteAuditStore } from './store/sqlite.js';
import { InlineTreeWriter } from './tree-writer.js';
import { decodeBatch, type WriterReply, type WriterRequest, type WriterSetup } from './writer-thread.js';

/**
 * The writer thread: its own connection to the audit database, on which it
 * hashes and commits the batches the main thread sends (see writer-thread.ts).
 */
const setup = workerData as WriterSetup;
const port = parentPort;
if (!port) throw new Error('writer-thread-worker.js runs as a worker thread');

const store = new SqliteAuditStore(setup.file, { synchronous: setup.synchronous });
let writer: InlineTreeWriter | undefined;

/** The tree writer, opened on the first request that needs it (after `open` has migrated the store). */
async function treeWriter(): Promise<InlineTreeWriter> {
  return (writer ??= await InlineTreeWriter.open(store));
}

async function state(id: number): Promise<WriterReply> {
  const w = await treeWriter();
  // A copy of its own: a pooled buffer would clone the whole pool slab it sits in.
  return { id, size: w.size, root: new Uint8Array(w.root()) };
}

async function handle(msg: WriterRequest): Promise<WriterReply> {
  switch (msg.op) {
    case 'open':
      await store.migrate();
      return state(msg.id);
    case 'commit':
      await (await treeWriter()).commit(decodeBatch(msg.batch));
      return state(msg.id);
    case 'reload':
      await (await treeWriter()).reload();
      return state(msg.id);
    case 'close':
      await store.close();
      return { id: msg.id, size: writer?.size ?? 0, root: undefined };
  }
}

// One request at a time, in order: the main thread never sends a second before the first is answered.
port.on('message', (msg: WriterRequest) => {
  handle(msg).then(
    (reply) => port.postMessage(reply),
    (err: unknown) => {
      const e = err as { code?: unknown; message?: unknown };
      port.postMessage({ id: msg.id, error: { code: typeof e.code === 'string' ? e.code : 'WARDEN_ERR_AUDIT_STORE', message: String(e.message ?? err) } } satisfies WriterReply);
    },
  );
});
