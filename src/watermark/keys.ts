import { createCipheriv, createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { WardenError } from '../errors.js';
import { readSecretFile, writeSecretOnce } from '../util/secret-file.js';
import { SLOT_BITS } from './scanner.js';

/** One master key generation. Accounts' secrets are derived from it, never stored. */
export interface MasterKey {
  readonly version: number;
  readonly key: Buffer;
}

/**
 * The watermark master keys: one file per version under `<dir>`
 * (`v1.key`, `v2.key`, …, each 32 random bytes in hex, mode 0600, written
 * once). The highest version marks new output; older versions stay so that
 * text marked before a rotation can still be traced. Several gateways share a
 * key directory (or the same files) to mark alike.
 */
export class Keyring {
  private constructor(readonly keys: readonly MasterKey[]) {}

  get current(): MasterKey {
    return this.keys[this.keys.length - 1] as MasterKey;
  }

  /** Reads the key directory, creating version 1 when there is none. */
  static open(dir: string, options: { create: boolean } = { create: true }): Keyring {
    let keys = readKeys(dir);
    if (keys.length === 0) {
      if (!options.create) throw new WardenError('WARDEN_ERR_WATERMARK_KEY', `no watermark keys in ${dir} (start Warden once, or run \`warden watermark rotate\`)`);
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      writeSecretOnce(keyFile(dir, 1), `${randomBytes(32).toString('hex')}\n`, 'WARDEN_ERR_WATERMARK_KEY');
      keys = readKeys(dir);
    }
    return new Keyring(keys);
  }

  /** A keyring from one key given directly (an environment variable), as version 1. */
  static fromHex(hex: string): Keyring {
    return new Keyring([{ version: 1, key: parseKey(hex, 'the watermark key') }]);
  }

  /** Adds the next version; new output is marked with it once gateways restart. */
  static rotate(dir: string): number {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    for (;;) {
      const next = (readKeys(dir).at(-1)?.version ?? 0) + 1;
      if (writeSecretOnce(keyFile(dir, next), `${randomBytes(32).toString('hex')}\n`, 'WARDEN_ERR_WATERMARK_KEY')) return next;
    }
  }
}

function keyFile(dir: string, version: number): string {
  return path.join(dir, `v${version}.key`);
}

function readKeys(dir: string): MasterKey[] {
  if (!existsSync(dir)) return [];
  const keys: MasterKey[] = [];
  for (const name of readdirSync(dir)) {
    const m = /^v([1-9][0-9]*)\.key$/.exec(name);
    if (!m) continue;
    const file = path.join(dir, name);
    keys.push({ version: Number(m[1]), key: parseKey(readSecretFile(file, 'WARDEN_ERR_WATERMARK_KEY'), file) });
  }
  return keys.sort((a, b) => a.version - b.version);
}

function parseKey(text: string, where: string): Buffer {
  const hex = text.trim();
  if (!/^[0-9a-fA-F]{64,}$/.test(hex) || hex.length % 2 !== 0) throw new WardenError('WARDEN_ERR_WATERMARK_KEY', `${where} must hold at least 32 bytes as hex`);
  return Buffer.from(hex, 'hex');
}

const TABLE_SIZE = 1 << SLOT_BITS;
const ZEROS = Buffer.alloc(TABLE_SIZE);
const IV = Buffer.alloc(16);

/**
 * An account's choice table: one pseudorandom byte per context slot, the
 * AES-256-CTR keystream under the account's secret HMAC(master, account).
 * A table lookup replaces a MAC per choice (the gateway makes hundreds of
 * thousands of choices a second), and the bytes are as unpredictable without
 * the master key as the MAC would be. The account secret exists only in
 * memory, for as long as the table is cached.
 */
export function accountTable(master: MasterKey, account: string): Uint8Array {
  const secret = createHmac('sha256', master.key).update(`warden/watermark/v1\u0000${account}`).digest();
  const cipher = createCipheriv('aes-256-ctr', secret, IV);
  const table = cipher.update(ZEROS);
  cipher.final();
  secret.fill(0);
  return new Uint8Array(table.buffer, table.byteOffset, table.length);
}

/** Recently used accounts' tables (64 KiB each). */
export class TableCache {
  private readonly tables = new Map<string, Uint8Array>();

  constructor(
    private readonly master: MasterKey,
    private readonly capacity = 256,
  ) {}

  get(account: string): Uint8Array {
    let table = this.tables.get(account);
    if (table !== undefined) {
      this.tables.delete(account);
    } else {
      table = accountTable(this.master, account);
      if (this.tables.size >= this.capacity) this.tables.delete(this.tables.keys().next().value as string);
    }
    this.tables.set(account, table);
    return table;
  }
}

/** The variant a table byte picks among k (the byte's share of 256, split evenly). */
export function choose(byte: number, k: number): number {
  return (byte * k) >>> 8;
}
