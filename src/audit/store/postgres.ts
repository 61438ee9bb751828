import pg from 'pg';
import type { CustomTypesConfig, PoolClient } from 'pg';
import { WardenError } from '../../errors.js';
import { quoteIdent } from '../../store/migrations.js';
import type { StoredEntry } from '../entry.js';
import type { TreeNode } from '../frontier.js';
import { isLeafId, nodeId, type Hash } from '../merkle.js';
import { ENTRY_COLS, HEAD_COLS, entryFromRow, headFromRow, type AuditStore, type EntryRow, type EntryFilter, type HeadRow, type SignedHead, type UsageSummary } from './audit-store.js';
import { AUDIT_MIGRATIONS } from './schema.js';
import { mergeCounts } from './sqlite.js';

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
/** Rows per INSERT … SELECT FROM unnest(): large enough to amortize the round trip, small enough for one message. */
const CHUNK = 5_000;

/** BIGINT (seq, ts, node ids) as numbers: all stay below 2^53. Scoped to this pool. */
const TYPES: CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 ? Number : pg.types.getTypeParser(oid, format)) as CustomTypesConfig['getTypeParser'],
};

export class PostgresAuditStore implements AuditStore {
  readonly kind = 'postgres' as const;
  readonly schema: string;
  readonly #pool: pg.Pool;
  readonly #onSchema = new WeakSet<PoolClient>();

  constructor(connectionString: string, opts: { schema?: string } = {}) {
    const schema = opts.schema ?? 'public';
    if (!SCHEMA_NAME.test(schema)) throw new WardenError('WARDEN_ERR_CONFIG', `invalid postgres schema name "${schema}"`);
    this.schema = schema;
    this.#pool = new pg.Pool({ connectionString, connectionTimeoutMillis: 10_000, application_name: 'warden-audit', types: TYPES, max: 4 });
    this.#pool.on('error', () => undefined);
  }

  async migrate(): Promise<void> {
    await this.tx(async (c) => {
      await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`warden:audit-migrate:${this.schema}`]);
      const ns = await c.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [this.schema]);
      if (ns.rowCount === 0) await c.query(`CREATE SCHEMA ${quoteIdent(this.schema)}`);
      await c.query(`SET LOCAL search_path TO ${quoteIdent(this.schema)}`);
      await c.query('CREATE TABLE IF NOT EXISTS audit_schema (version INTEGER PRIMARY KEY)');
      const cur = await c.query<{ v: number }>('SELECT COALESCE(MAX(version), 0)::int AS v FROM audit_schema');
      for (const m of AUDIT_MIGRATIONS) {
        if ((cur.rows[0]?.v ?? 0) >= m.version) continue;
        await c.query(m.postgres);
        await c.query('INSERT INTO audit_schema (version) VALUES ($1)', [m.version]);
      }
    }, false);
  }

  async size(): Promise<number> {
    const r = await this.q<{ n: number }>('SELECT COALESCE(MAX(seq) + 1, 0)::bigint AS n FROM audit_entries', []);
    return r[0]?.n ?? 0;
  }

  async append(entries: readonly StoredEntry[], nodes: readonly TreeNode[]): Promise<void> {
    await this.tx(async (c) => {
      for (let i = 0; i < entries.length; i += CHUNK) {
        const part = entries.slice(i, i + CHUNK);
        await c.query(
          `INSERT INTO audit_entries (${ENTRY_COLS})
           SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
             $9::boolean[], $10::text[], $11::bytea[], $12::bytea[], $13::bytea[])`,
          [
            part.map((e) => e.seq),
            part.map((e) => e.ts),
            part.map((e) => e.kind),
            part.map((e) => e.ref),
            part.map((e) => e.account),
            part.map((e) => e.org),
            part.map((e) => e.action),
            part.map((e) => e.ip),
            part.map(() => false),
            part.map((e) => e.payload),
            part.map((e) => e.payloadHash),
            part.map((e) => e.ipHash),
            part.map((e) => e.leaf),
          ],
        );
      }
      for (let i = 0; i < nodes.length; i += CHUNK) {
        const part = nodes.slice(i, i + CHUNK);
        await c.query('INSERT INTO audit_nodes (id, hash) SELECT * FROM unnest($1::bigint[], $2::bytea[])', [part.map((n) => n.id), part.map((n) => n.hash)]);
      }
    });
  }

  async nodes(ids: readonly number[]): Promise<Map<number, Hash>> {
    if (ids.length === 0) return new Map();
    const rows = await this.q<{ id: number; hash: Buffer }>(
      `SELECT id, hash FROM audit_nodes WHERE id = ANY($1::bigint[])
       UNION ALL SELECT seq, leaf FROM audit_entries WHERE seq = ANY($2::bigint[]) AND leaf IS NOT NULL`,
      [ids.filter((id) => !isLeafId(id)), ids.filter(isLeafId)],
    );
    return new Map(rows.map((r) => [r.id, r.hash]));
  }

  async nodeRange(level: number, from: number, to: number): Promise<Map<number, Hash>> {
    const sql = level === 0
      ? 'SELECT seq AS id, leaf AS hash FROM audit_entries WHERE seq >= $1 AND seq < $2 AND leaf IS NOT NULL'
      : 'SELECT id, hash FROM audit_nodes WHERE id >= $1 AND id < $2';
    const rows = await this.q<{ id: number; hash: Buffer }>(sql, [nodeId(level, from), nodeId(level, to)]);
    return new Map(rows.map((r) => [r.id, r.hash]));
  }

  async scan(fromSeq: number, limit: number): Promise<StoredEntry[]> {
    return (await this.q<EntryRow>(`SELECT ${ENTRY_COLS} FROM audit_entries WHERE seq >= $1 ORDER BY seq LIMIT $2`, [fromSeq, limit])).map(entryFromRow);
  }

  async entry(seq: number): Promise<StoredEntry | null> {
    const r = await this.q<EntryRow>(`SELECT ${ENTRY_COLS} FROM audit_entries WHERE seq = $1`, [seq]);
    return r[0] ? entryFromRow(r[0]) : null;
  }

  async entryByRef(ref: string): Promise<StoredEntry | null> {
    const r = await this.q<EntryRow>(`SELECT ${ENTRY_COLS} FROM audit_entries WHERE ref = $1 ORDER BY seq LIMIT 1`, [ref]);
    return r[0] ? entryFromRow(r[0]) : null;
  }

  async query(f: EntryFilter): Promise<StoredEntry[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (col: string, op: string, v: string | number | undefined) => {
      if (v !== undefined) where.push(`${col} ${op} $${params.push(v)}`);
    };
    add('account', '=', f.account);
    add('org', '=', f.org);
    add('kind', '=', f.kind);
    add('action', '=', f.action);
    add('ts', '>=', f.since);
    add('ts', '<', f.until);
    add('seq', '>', f.afterSeq);
    const sql = `SELECT ${ENTRY_COLS} FROM audit_entries ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq LIMIT $${params.push(f.limit)}`;
    return (await this.q<EntryRow>(sql, params)).map(entryFromRow);
  }

  async putHead(h: SignedHead): Promise<void> {
    await this.q(`INSERT INTO audit_heads (${HEAD_COLS}) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (size) DO NOTHING`, [h.size, h.ts, h.root, h.keyId, h.signature]);
  }

  async heads(): Promise<SignedHead[]> {
    return (await this.q<HeadRow>(`SELECT ${HEAD_COLS} FROM audit_heads ORDER BY size`, [])).map(headFromRow);
  }

  async headAt(size: number): Promise<SignedHead | null> {
    const r = await this.q<HeadRow>(`SELECT ${HEAD_COLS} FROM audit_heads WHERE size = $1`, [size]);
    return r[0] ? headFromRow(r[0]) : null;
  }

  async latestHead(): Promise<SignedHead | null> {
    const r = await this.q<HeadRow>(`SELECT ${HEAD_COLS} FROM audit_heads ORDER BY size DESC LIMIT 1`, []);
    return r[0] ? headFromRow(r[0]) : null;
  }

  async redact(seqs: readonly number[], summaries: readonly UsageSummary[]): Promise<void> {
    await this.tx(async (c) => {
      if (seqs.length > 0) await c.query('UPDATE audit_entries SET payload = NULL WHERE seq = ANY($1::bigint[])', [seqs]);
      for (const u of summaries) {
        const cur = await c.query<{ actions: Record<string, number> }>('SELECT actions FROM audit_summaries WHERE day = $1 AND account = $2 FOR UPDATE', [u.day, u.account]);
        const actions = cur.rows[0] ? mergeCounts(cur.rows[0].actions, u.actions) : u.actions;
        await c.query(
          `INSERT INTO audit_summaries (day, account, org, requests, tokens_in, tokens_out, actions) VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (day, account) DO UPDATE SET requests = audit_summaries.requests + excluded.requests,
             tokens_in = audit_summaries.tokens_in + excluded.tokens_in, tokens_out = audit_summaries.tokens_out + excluded.tokens_out,
             actions = excluded.actions`,
          [u.day, u.account, u.org, u.requests, u.tokensIn, u.tokensOut, JSON.stringify(actions)],
        );
      }
    });
  }

  async truncateIps(updates: ReadonlyArray<{ seq: number; ip: string }>): Promise<void> {
    if (updates.length === 0) return;
    await this.q(
      `UPDATE audit_entries AS e SET ip = v.ip, ip_truncated = true FROM unnest($1::bigint[], $2::text[]) AS v(seq, ip) WHERE e.seq = v.seq`,
      [updates.map((u) => u.seq), updates.map((u) => u.ip)],
    );
  }

  async summaries(account: string): Promise<UsageSummary[]> {
    const rows = await this.q<{ day: string; account: string; org: string | null; requests: number; tokens_in: number; tokens_out: number; actions: Record<string, number> }>(
      'SELECT day, account, org, requests, tokens_in, tokens_out, actions FROM audit_summaries WHERE account = $1 ORDER BY day',
      [account],
    );
    return rows.map((r) => ({ day: r.day, account: r.account, org: r.org, requests: r.requests, tokensIn: r.tokens_in, tokensOut: r.tokens_out, actions: r.actions }));
  }

  #closing: Promise<void> | undefined;
  close(): Promise<void> {
    return (this.#closing ??= this.#pool.end());
  }

  /** Runs SQL as-is on the audit schema: for tamper tests. */
  async raw(sql: string, params: unknown[] = []): Promise<void> {
    await this.q(sql, params);
  }

  private async client(): Promise<PoolClient> {
    const c = await this.#pool.connect();
    if (!this.#onSchema.has(c)) {
      await c.query(`SET search_path TO ${quoteIdent(this.schema)}`);
      this.#onSchema.add(c);
    }
    return c;
  }

  private async q<R extends pg.QueryResultRow>(sql: string, params: unknown[]): Promise<R[]> {
    return this.guard(async () => {
      const c = await this.client();
      let failure: Error | undefined;
      try {
        return (await c.query<R>(sql, params)).rows;
      } catch (err) {
        failure = err as Error;
        throw err;
      } finally {
        c.release(failure);
      }
    });
  }

  private async tx(fn: (c: PoolClient) => Promise<void>, onSchema = true): Promise<void> {
    await this.guard(async () => {
      const c = onSchema ? await this.client() : await this.#pool.connect();
      let failure: Error | undefined;
      try {
        await c.query('BEGIN');
        await fn(c);
        await c.query('COMMIT');
      } catch (err) {
        failure = err as Error;
        await c.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        c.release(failure);
      }
    });
  }

  private async guard<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof WardenError) throw err;
      const e = err as Error & { code?: string };
      if (e.code === '23505') throw new WardenError('WARDEN_ERR_CONFLICT', 'another writer appended to the audit log first');
      // Never pass pg's `detail` along: it can quote row contents.
      throw new WardenError('WARDEN_ERR_AUDIT_STORE', `audit store operation failed: ${e.message}`, { cause: Object.assign(new Error(e.message), { code: e.code }) });
    }
  }
}
