import { accountView, orgView, type AccountView, type OrgView } from '../admin/views.js';
import { WardenError } from '../errors.js';
import type { AdminClient } from './admin-client.js';
import type { CreatedKey, IdentityService, KeyView } from '../identity/service.js';
import type { AccountFilter } from '../identity/types.js';
import type { CreateAccountInput, CreateKeyInput, CreateOrgInput, RotateKeyInput, UpdateAccountInput } from '../identity/validation.js';
import type { Store } from '../store/store.js';
import type { UsageReport, UsageService } from '../limits/usage.js';

/**
 * What the management commands need, served either straight from the store
 * or by a running server's admin API. Both return the admin API's shapes.
 */
export interface Management {
  createOrg(input: CreateOrgInput): Promise<OrgView>;
  listOrgs(): Promise<OrgView[]>;
  getOrg(id: string): Promise<OrgView>;
  createAccount(input: CreateAccountInput): Promise<AccountView>;
  listAccounts(filter: AccountFilter): Promise<AccountView[]>;
  getAccount(id: string): Promise<AccountView>;
  updateAccount(id: string, patch: UpdateAccountInput): Promise<AccountView>;
  createKey(accountId: string, input: CreateKeyInput): Promise<CreatedKey>;
  listKeys(accountId: string): Promise<KeyView[]>;
  getKey(id: string): Promise<KeyView>;
  rotateKey(id: string, input: RotateKeyInput): Promise<CreatedKey & { previous: KeyView }>;
  revokeKey(id: string): Promise<KeyView>;
  accountUsage(accountId: string): Promise<UsageReport>;
  close(): Promise<void>;
}

export class DirectManagement implements Management {
  readonly #identity: IdentityService;
  readonly #store: Store;

  readonly #usage: { service: UsageService; close: () => Promise<void> } | undefined;

  constructor(identity: IdentityService, store: Store, usage?: { service: UsageService; close: () => Promise<void> }) {
    this.#identity = identity;
    this.#store = store;
    this.#usage = usage;
  }

  async accountUsage(accountId: string): Promise<UsageReport> {
    if (!this.#usage) {
      throw new WardenError(
        'WARDEN_ERR_INVALID_REQUEST',
        'usage of in-process limits lives in the running server: pass --url (or configure limits.backend: redis)',
      );
    }
    return this.#usage.service.forAccount(accountId);
  }

  async createOrg(input: CreateOrgInput) {
    return orgView(await this.#identity.createOrg(input));
  }
  async listOrgs() {
    return (await this.#identity.listOrgs()).map(orgView);
  }
  async getOrg(id: string) {
    return orgView(await this.#identity.getOrg(id));
  }
  async createAccount(input: CreateAccountInput) {
    return accountView(await this.#identity.createAccount(input));
  }
  async listAccounts(filter: AccountFilter) {
    return (await this.#identity.listAccounts(filter)).map(accountView);
  }
  async getAccount(id: string) {
    return accountView(await this.#identity.getAccount(id));
  }
  async updateAccount(id: string, patch: UpdateAccountInput) {
    return accountView(await this.#identity.updateAccount(id, patch));
  }
  createKey(accountId: string, input: CreateKeyInput) {
    return this.#identity.createKey(accountId, input);
  }
  listKeys(accountId: string) {
    return this.#identity.listKeys(accountId);
  }
  getKey(id: string) {
    return this.#identity.getKey(id);
  }
  rotateKey(id: string, input: RotateKeyInput) {
    return this.#identity.rotateKey(id, input);
  }
  revokeKey(id: string) {
    return this.#identity.revokeKey(id);
  }
  async close() {
    await this.#usage?.close();
    await this.#store.close();
  }
}

export class HttpManagement implements Management {
  readonly #client: AdminClient;

  constructor(client: AdminClient) {
    this.#client = client;
  }

  #call<T>(method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown): Promise<T> {
    return this.#client.json<T>(method, path, body);
  }

  createOrg(input: CreateOrgInput) {
    return this.#call<OrgView>('POST', '/orgs', input);
  }
  async listOrgs() {
    return (await this.#call<{ data: OrgView[] }>('GET', '/orgs')).data;
  }
  getOrg(id: string) {
    return this.#call<OrgView>('GET', `/orgs/${encodeURIComponent(id)}`);
  }
  createAccount(input: CreateAccountInput) {
    return this.#call<AccountView>('POST', '/accounts', input);
  }
  async listAccounts(filter: AccountFilter) {
    const q = new URLSearchParams();
    if (filter.orgId) q.set('org', filter.orgId);
    if (filter.tier) q.set('tier', filter.tier);
    if (filter.limit) q.set('limit', String(filter.limit));
    if (filter.after) q.set('after', filter.after);
    const qs = q.size > 0 ? `?${q}` : '';
    return (await this.#call<{ data: AccountView[] }>('GET', `/accounts${qs}`)).data;
  }
  getAccount(id: string) {
    return this.#call<AccountView>('GET', `/accounts/${encodeURIComponent(id)}`);
  }
  updateAccount(id: string, patch: UpdateAccountInput) {
    return this.#call<AccountView>('PATCH', `/accounts/${encodeURIComponent(id)}`, patch);
  }
  createKey(accountId: string, input: CreateKeyInput) {
    return this.#call<CreatedKey>('POST', `/accounts/${encodeURIComponent(accountId)}/keys`, input);
  }
  async listKeys(accountId: string) {
    return (await this.#call<{ data: KeyView[] }>('GET', `/accounts/${encodeURIComponent(accountId)}/keys`)).data;
  }
  getKey(id: string) {
    return this.#call<KeyView>('GET', `/keys/${encodeURIComponent(id)}`);
  }
  rotateKey(id: string, input: RotateKeyInput) {
    return this.#call<CreatedKey & { previous: KeyView }>('POST', `/keys/${encodeURIComponent(id)}/rotate`, input);
  }
  revokeKey(id: string) {
    return this.#call<KeyView>('POST', `/keys/${encodeURIComponent(id)}/revoke`, {});
  }
  accountUsage(accountId: string) {
    return this.#call<UsageReport>('GET', `/usage/accounts/${encodeURIComponent(accountId)}`);
  }
  async close() {}
}
