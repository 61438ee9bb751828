import type { z } from 'zod';
import { WardenError, formatIssues } from '../errors.js';
import type { AccountEvent, EventSink } from '../events/types.js';
import type { Store } from '../store/store.js';
import { generateId, generateKey } from './keys.js';
import type { Account, AccountFilter, AccountPatch, ApiKey, Org } from './types.js';
import {
  createAccountInput,
  createKeyInput,
  createOrgInput,
  rotateKeyInput,
  updateAccountInput,
  type CreateAccountInput,
  type CreateKeyInput,
  type CreateOrgInput,
  type RotateKeyInput,
  type UpdateAccountInput,
} from './validation.js';

export type KeyStatus = 'active' | 'expiring' | 'expired' | 'revoked';

/** What may be shown about a key: everything but its hash. */
export interface KeyView {
  id: string;
  accountId: string;
  name: string | null;
  status: KeyStatus;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
  rotatedFrom: string | null;
}

export interface CreatedKey {
  key: KeyView;
  /** The secret, shown exactly once. */
  secret: string;
}

export function keyStatus(key: ApiKey, now: number): KeyStatus {
  if (key.revokedAt !== null && key.revokedAt <= now) return 'revoked';
  if (key.expiresAt !== null && key.expiresAt <= now) return 'expired';
  return key.expiresAt !== null ? 'expiring' : 'active';
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function toKeyView(key: ApiKey, now: number): KeyView {
  return {
    id: key.id,
    accountId: key.accountId,
    name: key.name,
    status: keyStatus(key, now),
    createdAt: new Date(key.createdAt).toISOString(),
    expiresAt: iso(key.expiresAt),
    revokedAt: iso(key.revokedAt),
    lastUsedAt: iso(key.lastUsedAt),
    rotatedFrom: key.rotatedFrom,
  };
}

function validate<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new WardenError('WARDEN_ERR_INVALID_REQUEST', formatIssues(parsed.error.issues, what));
  return parsed.data;
}

/**
 * The rules of identity (who may call, with which key) on top of a Store.
 * Shared by the admin API and the CLI's direct mode, so both behave the same.
 */
export class IdentityService {
  readonly #store: Store;
  readonly #now: () => number;
  readonly #events: EventSink | undefined;
  readonly #changeListeners = new Set<(change: { accountId?: string; keyId?: string }) => void>();

  constructor(store: Store, options: { now?: () => number; events?: EventSink } = {}) {
    this.#store = store;
    this.#now = options.now ?? Date.now;
    this.#events = options.events;
  }

  /** Local change notifications (caches in this process subscribe). */
  onChange(listener: (change: { accountId?: string; keyId?: string }) => void): () => void {
    this.#changeListeners.add(listener);
    return () => this.#changeListeners.delete(listener);
  }

  #changed(change: { accountId?: string; keyId?: string }): void {
    for (const l of this.#changeListeners) l(change);
  }

  async createOrg(input: CreateOrgInput): Promise<Org> {
    const v = validate(createOrgInput, input, 'org');
    return this.#store.createOrg({ id: v.id ?? generateId('org'), name: v.name, tier: v.tier ?? null, createdAt: this.#now() });
  }

  listOrgs(): Promise<Org[]> {
    return this.#store.listOrgs();
  }

  async getOrg(id: string): Promise<Org> {
    const org = await this.#store.getOrg(id);
    if (!org) throw new WardenError('WARDEN_ERR_NOT_FOUND', `org ${id} does not exist`);
    return org;
  }

  async createAccount(input: CreateAccountInput): Promise<Account> {
    const v = validate(createAccountInput, input, 'account');
    if (v.org !== undefined) await this.getOrg(v.org);
    const id = v.id ?? generateId('acct');
    const account = await this.#store.createAccount({
      id,
      name: v.name ?? id,
      orgId: v.org ?? null,
      tier: v.tier,
      kyc: v.kyc,
      country: v.country ?? null,
      emailDomain: v.emailDomain ?? null,
      paymentFingerprint: v.paymentFingerprint ?? null,
      signupIp: v.signupIp ?? null,
      status: 'active',
      outputMode: v.outputMode,
      createdAt: this.#now(),
    });
    this.#emitAccount(account);
    return account;
  }

  async getAccount(id: string): Promise<Account> {
    const account = await this.#store.getAccount(id);
    if (!account) throw new WardenError('WARDEN_ERR_NOT_FOUND', `account ${id} does not exist`);
    return account;
  }

  listAccounts(filter: AccountFilter = {}): Promise<Account[]> {
    return this.#store.listAccounts(filter);
  }

  /** Every account id, a page at a time (for scans over the whole population, such as leak tracing). */
  async *accountIds(): AsyncIterable<string> {
    let after: string | undefined;
    for (;;) {
      const page = await this.#store.listAccounts({ limit: 1000, ...(after === undefined ? {} : { after }) });
      for (const a of page) yield a.id;
      if (page.length < 1000) return;
      after = page[page.length - 1]?.id;
    }
  }

  async updateAccount(id: string, input: UpdateAccountInput): Promise<Account> {
    const v = validate(updateAccountInput, input, 'account update');
    if (typeof v.org === 'string') await this.getOrg(v.org);
    const patch: AccountPatch = {};
    if (v.name !== undefined) patch.name = v.name;
    if (v.org !== undefined) patch.orgId = v.org;
    if (v.tier !== undefined) patch.tier = v.tier;
    if (v.kyc !== undefined) patch.kyc = v.kyc;
    if (v.country !== undefined) patch.country = v.country;
    if (v.emailDomain !== undefined) patch.emailDomain = v.emailDomain;
    if (v.paymentFingerprint !== undefined) patch.paymentFingerprint = v.paymentFingerprint;
    if (v.status !== undefined) patch.status = v.status;
    if (v.outputMode !== undefined) patch.outputMode = v.outputMode;
    const account = await this.#store.updateAccount(id, patch, this.#now());
    if (!account) throw new WardenError('WARDEN_ERR_NOT_FOUND', `account ${id} does not exist`);
    this.#changed({ accountId: id });
    this.#emitAccount(account);
    return account;
  }

  async createKey(accountId: string, input: CreateKeyInput = {}): Promise<CreatedKey> {
    const v = validate(createKeyInput, input, 'key');
    await this.getAccount(accountId);
    return this.#issueKey(accountId, v.name ?? null, v.expiresInSeconds, null);
  }

  async #issueKey(accountId: string, name: string | null, expiresIn: number | undefined, rotatedFrom: string | null) {
    const now = this.#now();
    const generated = generateKey();
    const key = await this.#store.createKey({
      id: generated.id,
      accountId,
      name,
      hash: generated.hash,
      createdAt: now,
      expiresAt: expiresIn === undefined ? null : now + expiresIn * 1000,
      revokedAt: null,
      lastUsedAt: null,
      rotatedFrom,
    });
    return { key: toKeyView(key, now), secret: generated.secret };
  }

  async listKeys(accountId: string): Promise<KeyView[]> {
    await this.getAccount(accountId);
    const now = this.#now();
    return (await this.#store.listKeys(accountId)).map((k) => toKeyView(k, now));
  }

  async getKey(id: string): Promise<KeyView> {
    const key = await this.#store.getKey(id);
    if (!key) throw new WardenError('WARDEN_ERR_NOT_FOUND', `key ${id} does not exist`);
    return toKeyView(key, this.#now());
  }

  /**
   * Issues a replacement key and lets the old one live for `overlapSeconds`
   * so clients can switch over without downtime.
   */
  async rotateKey(id: string, input: RotateKeyInput = {}): Promise<CreatedKey & { previous: KeyView }> {
    const v = validate(rotateKeyInput, input, 'rotation');
    const old = await this.#store.getKey(id);
    if (!old) throw new WardenError('WARDEN_ERR_NOT_FOUND', `key ${id} does not exist`);
    const now = this.#now();
    const status = keyStatus(old, now);
    if (status === 'revoked' || status === 'expired') {
      throw new WardenError('WARDEN_ERR_CONFLICT', `key ${id} is ${status} and cannot be rotated; create a new key instead`);
    }
    const created = await this.#issueKey(old.accountId, old.name, v.expiresInSeconds, old.id);
    const previous = await this.#store.expireKeyBy(id, now + v.overlapSeconds * 1000);
    this.#changed({ keyId: id });
    return { ...created, previous: toKeyView(previous ?? old, now) };
  }

  async revokeKey(id: string): Promise<KeyView> {
    const key = await this.#store.revokeKey(id, this.#now());
    if (!key) throw new WardenError('WARDEN_ERR_NOT_FOUND', `key ${id} does not exist`);
    this.#changed({ keyId: id });
    return toKeyView(key, this.#now());
  }

  #emitAccount(a: Account): void {
    if (!this.#events) return;
    const event: AccountEvent = { type: 'account', ts: new Date(a.updatedAt).toISOString(), account: a.id, tier: a.tier, kyc: a.kyc };
    if (a.orgId) event.org = a.orgId;
    if (a.emailDomain) event.email_domain = a.emailDomain;
    if (a.signupIp) event.signup_ip = a.signupIp;
    if (a.paymentFingerprint) event.payment_fingerprint = a.paymentFingerprint;
    if (a.country) event.country = a.country;
    this.#events.emit(event);
  }
}
