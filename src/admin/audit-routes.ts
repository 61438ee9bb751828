import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { entryView } from '../audit/entry.js';
import { csvHeader, csvLine, jsonLine } from '../audit/export.js';
import { matchingEntries, parseAuditQuery } from '../audit/query.js';
import { headView } from '../audit/signer.js';
import type { AuditTrail } from '../audit/trail.js';
import { WardenError } from '../errors.js';

type Query = { Querystring: Record<string, string | undefined> };

function int(v: string | undefined, name: string): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw new WardenError('WARDEN_ERR_AUDIT_INVALID_QUERY', `${name} must be a non-negative integer`);
  return Number(v);
}

function required(v: string | undefined, name: string): string {
  if (v === undefined || v === '') throw new WardenError('WARDEN_ERR_AUDIT_INVALID_QUERY', `${name} is required`);
  return v;
}

/** `/admin/audit/...`: query, report, export, heads, proofs and verification (inside the admin token guard). */
export function registerAuditRoutes(admin: FastifyInstance, trail: AuditTrail | undefined): void {
  const audit = (): AuditTrail => {
    if (!trail) throw new WardenError('WARDEN_ERR_AUDIT_DISABLED', 'the audit trail is disabled in this server’s configuration');
    return trail;
  };

  admin.get<Query>('/audit/entries', async (req, reply) => {
    const { format, ...rest } = req.query;
    const q = parseAuditQuery(rest);
    const t = audit();
    if (format === undefined || format === 'json') return { data: (await t.query(q)).map(entryView) };
    if (format !== 'jsonl' && format !== 'csv') throw new WardenError('WARDEN_ERR_AUDIT_INVALID_QUERY', 'format must be json, jsonl or csv');
    const lines = async function* () {
      if (format === 'csv') yield csvHeader();
      for await (const e of matchingEntries(t.store, q, q.limit ?? Infinity)) yield format === 'csv' ? csvLine(e) : jsonLine(e);
    };
    return reply.header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson').send(Readable.from(lines()));
  });
  admin.get<{ Params: { ref: string } }>('/audit/entries/:ref', async (req) => entryView(await audit().entry(req.params.ref)));
  admin.get<Query>('/audit/report', async (req) => {
    const { account, ...range } = req.query;
    const q = parseAuditQuery({ account: required(account, 'account'), ...range });
    return audit().report(q.account as string, { ...(q.since !== undefined ? { since: q.since } : {}), ...(q.until !== undefined ? { until: q.until } : {}) });
  });
  admin.get('/audit/head', async () => {
    const head = await audit().latestHead();
    if (!head) throw new WardenError('WARDEN_ERR_AUDIT_NOT_FOUND', 'no tree head has been signed yet: POST /admin/audit/head signs one');
    return headView(head);
  });
  admin.post('/audit/head', async () => headView(await audit().signHead()));
  admin.get('/audit/public-key', async (_req, reply) => reply.header('content-type', 'application/x-pem-file').send(audit().publicKeyPem));
  admin.get<Query>('/audit/proof/inclusion', async (req) => audit().inclusionProof(required(req.query['entry'], 'entry'), int(req.query['size'], 'size')));
  admin.get<Query>('/audit/proof/consistency', async (req) =>
    audit().consistencyProof(int(required(req.query['old'], 'old'), 'old') as number, int(required(req.query['new'], 'new'), 'new') as number),
  );
  admin.post<Query>('/audit/verify', async (req) => audit().verify(int(req.query['fromSize'], 'fromSize') ?? 0));
}
