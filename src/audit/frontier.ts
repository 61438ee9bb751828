import { EMPTY_ROOT, nodeHash, nodeId, type Hash, type NodeReader } from './merkle.js';

export interface TreeNode {
  id: number;
  hash: Hash;
}

/**
 * The right edge of an append-only tree: the complete subtrees that the
 * binary digits of its size stand for (largest first). Appending a leaf
 * merges equal-sized neighbours; every node completed on the way is handed to
 * `onNode` so it can be persisted. O(1) amortized per leaf, O(log n) memory.
 */
export class Frontier {
  #size: number;
  readonly #levels: number[] = [];
  readonly #hashes: Hash[] = [];

  constructor(size = 0) {
    this.#size = size;
  }

  /** The frontier of a stored tree of `size` leaves, read from its complete subtrees. */
  static load(read: NodeReader, size: number): Frontier {
    const f = new Frontier(size);
    let start = 0;
    for (let level = 52; level >= 0; level--) {
      const width = 2 ** level;
      if (size - start >= width) {
        f.#levels.push(level);
        f.#hashes.push(read(level, start / width));
        start += width;
      }
    }
    return f;
  }

  /** Node ids Frontier.load(size) reads. */
  static nodeIds(size: number): number[] {
    const ids: number[] = [];
    let start = 0;
    for (let level = 52; level >= 0; level--) {
      const width = 2 ** level;
      if (size - start >= width) {
        ids.push(nodeId(level, start / width));
        start += width;
      }
    }
    return ids;
  }

  get size(): number {
    return this.#size;
  }

  append(leaf: Hash, onNode: (node: TreeNode) => void): void {
    let level = 0;
    let index = this.#size;
    let hash = leaf;
    onNode({ id: nodeId(0, index), hash });
    while (this.#levels.length > 0 && this.#levels[this.#levels.length - 1] === level) {
      this.#levels.pop();
      hash = nodeHash(this.#hashes.pop() as Hash, hash);
      level++;
      index = Math.floor(index / 2);
      onNode({ id: nodeId(level, index), hash });
    }
    this.#levels.push(level);
    this.#hashes.push(hash);
    this.#size++;
  }

  /** MTH of the whole tree: the complete subtrees folded from the right. */
  root(): Hash {
    const n = this.#hashes.length;
    if (n === 0) return EMPTY_ROOT;
    let r = this.#hashes[n - 1] as Hash;
    for (let i = n - 2; i >= 0; i--) r = nodeHash(this.#hashes[i] as Hash, r);
    return r;
  }

  clone(): Frontier {
    const f = new Frontier(this.#size);
    f.#levels.push(...this.#levels);
    f.#hashes.push(...this.#hashes);
    return f;
  }
}
