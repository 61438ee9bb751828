import { entryView, type EntryView } from '../audit/entry.js';
import { csvHeader, csvLine, jsonLine } from '../audit/export.js';
import type { ConsistencyProofView, InclusionProofView } from '../audit/proofs.js';
import { matchingEntries, type AuditQuery } from '../audit/query.js';
import type { UsageReport } from '../audit/report.js';
import type { RetentionResult } from '../audit/retention.js';
import { headView, type HeadView } from '../audit/signer.js';
import type { AuditTrail } from '../audit/trail.js';
import type { VerifyReport } from '../audit/verify.js';
import { WardenError } from '../errors.js';
import type { AdminClient } from './admin-client.js';

/**
 * What `warden audit …` reads and does, served from the store directly or by
 * a running server's admin API (`--url`: reads see what the live server has
 * committed, and heads are signed by the server). Both give the admin API's
 * shapes.
 */
export interface AuditSource {
  verify(fromSize: number): Promise<VerifyReport>;
  inclusionProof(entry: string, size?: number): Promise<InclusionProofView>;
  consistencyProof(oldSize: number, newSize: number): Promise<ConsistencyProofView>;
  head(sign: boolean): Promise<HeadView | null>;
  publicKeyPem(): Promise<string>;
  query(q: AuditQuery): Promise<EntryView[]>;
  /** Matching entries as JSONL or CSV (with its header), in chunks of text. */
  export(q: AuditQuery, format: 'jsonl' | 'csv', max: number): AsyncIterable<string>;
  report(account: string, range: { since?: number; until?: number }): Promise<UsageReport>;
  retention(): Promise<RetentionResult>;
  close(): Promise<void>;
}

export class DirectAuditSource implements AuditSource {
  readonly #t: AuditTrail;

  constructor(trail: AuditTrail) {
    this.#t = trail;
  }

  verify(fromSize: number) {
    return this.#t.verify(fromSize);
  }
  inclusionProof(entry: string, size?: number) {
    return this.#t.inclusionProof(entry, size);
  }
  consistencyProof(oldSize: number, newSize: number) {
    return this.#t.consistencyProof(oldSize, newSize);
  }
  async head(sign: boolean) {
    const h = sign ? await this.#t.signHead() : await this.#t.latestHead();
    return h ? headView(h) : null;
  }
  async publicKeyPem() {
    return this.#t.publicKeyPem;
  }
  async query(q: AuditQuery) {
    return (await this.#t.query(q)).map(entryView);
  }
  async *export(q: AuditQuery, format: 'jsonl' | 'csv', max: number) {
    if (format === 'csv') yield csvHeader();
    for await (const e of matchingEntries(this.#t.store, q, max)) yield format === 'csv' ? csvLine(e) : jsonLine(e);
  }
  report(account: string, range: { since?: number; until?: number }) {
    return this.#t.report(account, range);
  }
  retention() {
    return this.#t.applyRetention();
  }
  close() {
    return this.#t.close();
  }
}

/** The admin API's /admin/audit/* routes (src/admin/audit-routes.ts). */
export class HttpAuditSource implements AuditSource {
  readonly #c: AdminClient;

  constructor(client: AdminClient) {
    this.#c = client;
  }

  verify(fromSize: number) {
    return this.#c.json<VerifyReport>('POST', `/audit/verify${params({ fromSize })}`);
  }
  inclusionProof(entry: string, size?: number) {
    return this.#c.json<InclusionProofView>('GET', `/audit/proof/inclusion${params({ entry, size })}`);
  }
  consistencyProof(oldSize: number, newSize: number) {
    return this.#c.json<ConsistencyProofView>('GET', `/audit/proof/consistency${params({ old: oldSize, new: newSize })}`);
  }
  async head(sign: boolean) {
    try {
      return await this.#c.json<HeadView>(sign ? 'POST' : 'GET', '/audit/head');
    } catch (err) {
      if (!sign && err instanceof WardenError && err.code === 'WARDEN_ERR_AUDIT_NOT_FOUND') return null;
      throw err;
    }
  }
  async publicKeyPem() {
    let pem = '';
    for await (const chunk of this.#c.stream('/audit/public-key')) pem += chunk;
    return pem;
  }
  async query(q: AuditQuery) {
    return (await this.#c.json<{ data: EntryView[] }>('GET', `/audit/entries${params(q)}`)).data;
  }
  export(q: AuditQuery, format: 'jsonl' | 'csv', max: number) {
    return this.#c.stream(`/audit/entries${params({ ...q, limit: Number.isFinite(max) ? max : undefined, format })}`);
  }
  report(account: string, range: { since?: number; until?: number }) {
    return this.#c.json<UsageReport>('GET', `/audit/report${params({ account, ...range })}`);
  }
  async retention(): Promise<RetentionResult> {
    throw new WardenError('WARDEN_ERR_INVALID_REQUEST', 'retention runs in the server on its own schedule; `warden audit retention` works on the store only (drop --url)');
  }
  async close() {}
}

function params(o: Record<string, string | number | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(o)) if (v !== undefined) p.set(k, String(v));
  const s = p.toString();
  return s === '' ? '' : `?${s}`;
}
