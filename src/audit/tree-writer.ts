import { toStoredEntry, type EncodedRecord, type StoredEntry } from './entry.js';
import { Frontier, type TreeNode } from './frontier.js';
import { isLeafId, readerFrom, type Hash } from './merkle.js';
import type { AuditStore } from './store/audit-store.js';

/**
 * Turns batches of records into entries and tree nodes on top of the
 * committed tree, and commits each batch in one store transaction. Where this
 * runs is the writer's choice: on the caller's thread (`InlineTreeWriter`) or
 * on a thread of its own (`ThreadTreeWriter`, SQLite).
 */
export interface TreeWriter {
  /** Leaves committed. */
  readonly size: number;
  /** MTH of the committed tree. */
  root(): Hash;
  /**
   * Commits the records as entries size … size + n − 1. On failure nothing
   * changed; WARDEN_ERR_CONFLICT means another process appended first (reload,
   * then retry).
   */
  commit(records: readonly EncodedRecord[]): Promise<void>;
  /** Takes up the committed tree as the store has it now. */
  reload(): Promise<void>;
  close(): Promise<void>;
}

export class InlineTreeWriter implements TreeWriter {
  readonly #store: AuditStore;
  #frontier: Frontier;

  private constructor(store: AuditStore, frontier: Frontier) {
    this.#store = store;
    this.#frontier = frontier;
  }

  static async open(store: AuditStore): Promise<InlineTreeWriter> {
    return new InlineTreeWriter(store, await loadFrontier(store));
  }

  get size(): number {
    return this.#frontier.size;
  }

  root(): Hash {
    return this.#frontier.root();
  }

  async commit(records: readonly EncodedRecord[]): Promise<void> {
    // Built on a copy: if the commit fails, the committed right edge is untouched and the batch can be retried as is.
    const next = this.#frontier.clone();
    const entries: StoredEntry[] = [];
    const nodes: TreeNode[] = [];
    // The leaf travels in its entry's row.
    const push = (n: TreeNode) => {
      if (!isLeafId(n.id)) nodes.push(n);
    };
    for (const r of records) {
      const { entry, leaf } = toStoredEntry(next.size, r);
      entries.push(entry);
      next.append(leaf, push);
    }
    await this.#store.append(entries, nodes);
    this.#frontier = next;
  }

  async reload(): Promise<void> {
    this.#frontier = await loadFrontier(this.#store);
  }

  async close(): Promise<void> {}
}

async function loadFrontier(store: AuditStore): Promise<Frontier> {
  const size = await store.size();
  const nodes = await store.nodes(Frontier.nodeIds(size));
  return Frontier.load(readerFrom(nodes), size);
}
