import { hash } from 'node:crypto';

const BLOCK = 64;

/**
 * HMAC-SHA256 (RFC 2104) of text under one fixed key, computed as two
 * one-shot hashes over a reused buffer: H((K ⊕ opad) ‖ H((K ⊕ ipad) ‖ m)).
 * The result is byte for byte createHmac('sha256', key)'s; building an Hmac
 * object per request cost ~4× as much as the hashing itself.
 */
export class PromptHmac {
  readonly #outer = Buffer.alloc(BLOCK + 32);
  #inner = Buffer.alloc(BLOCK + 1024);

  constructor(secret: Buffer) {
    // RFC 2104: a key longer than a block is replaced by its hash.
    const key = secret.length > BLOCK ? hash('sha256', secret, 'buffer') : secret;
    for (let i = 0; i < BLOCK; i++) {
      const k = key[i] ?? 0;
      this.#inner[i] = k ^ 0x36;
      this.#outer[i] = k ^ 0x5c;
    }
  }

  hex(text: string): string {
    const need = BLOCK + Buffer.byteLength(text, 'utf8');
    if (need > this.#inner.length) {
      const bigger = Buffer.alloc(Math.max(need, this.#inner.length * 2));
      this.#inner.copy(bigger, 0, 0, BLOCK);
      this.#inner = bigger;
    }
    const end = BLOCK + this.#inner.write(text, BLOCK, 'utf8');
    this.#outer.set(hash('sha256', this.#inner.subarray(0, end), 'buffer'), BLOCK);
    return hash('sha256', this.#outer, 'hex');
  }
}
