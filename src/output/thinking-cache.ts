import { randomBytes } from 'node:crypto';

/** Marks a signature Warden issued; real Anthropic signatures never start with it. */
export const PLACEHOLDER_PREFIX = 'wdn_thinking_v1.';

/** An original thinking block, exactly as the upstream sent it. */
export interface HeldThinking {
  thinking: string;
  signature: string;
}

interface Entry {
  account: string;
  block: HeldThinking;
  expiresAt: number;
  size: number;
}

export interface ThinkingCacheOptions {
  ttlMs: number;
  maxEntries: number;
  maxChars: number;
  now?: () => number;
}

/**
 * Originals of the thinking blocks Warden replaced with placeholders, keyed by
 * the placeholder's token, so a later request carrying the placeholder can be
 * forwarded with the block the upstream signed. Bounded by count, characters
 * and age; oldest first out (a Map iterates in insertion order, and every entry
 * has the same TTL, so the oldest is also the first to expire).
 */
export class ThinkingCache {
  readonly #entries = new Map<string, Entry>();
  readonly #opts: ThinkingCacheOptions;
  readonly #now: () => number;
  #chars = 0;

  constructor(opts: ThinkingCacheOptions) {
    this.#opts = opts;
    this.#now = opts.now ?? Date.now;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Holds `block` for `account`; returns the token to put in the placeholder's signature. */
  hold(account: string, block: HeldThinking): string {
    const token = PLACEHOLDER_PREFIX + randomBytes(18).toString('base64url');
    const size = block.thinking.length + block.signature.length;
    // A block larger than the whole budget cannot be held; its token will simply miss.
    if (size > this.#opts.maxChars) return token;
    this.#entries.set(token, { account, block, expiresAt: this.#now() + this.#opts.ttlMs, size });
    this.#chars += size;
    this.#evict();
    return token;
  }

  /** The original behind a token, only for the account it was issued to. */
  take(account: string, token: string): HeldThinking | undefined {
    const e = this.#entries.get(token);
    if (!e) return undefined;
    if (e.expiresAt <= this.#now()) {
      this.#delete(token, e);
      return undefined;
    }
    // Not deleted: a client may resend the same conversation (retries, branches).
    return e.account === account ? e.block : undefined;
  }

  #evict(): void {
    const now = this.#now();
    for (const [token, e] of this.#entries) {
      if (this.#entries.size <= this.#opts.maxEntries && this.#chars <= this.#opts.maxChars && e.expiresAt > now) break;
      this.#delete(token, e);
    }
  }

  #delete(token: string, e: Entry): void {
    this.#entries.delete(token);
    this.#chars -= e.size;
  }
}

export function isPlaceholderSignature(signature: unknown): signature is string {
  return typeof signature === 'string' && signature.startsWith(PLACEHOLDER_PREFIX);
}
