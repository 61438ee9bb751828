import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { WardenError } from '../errors.js';
import { hashSecret, hashesEqual } from '../identity/keys.js';
import type { IdentityService } from '../identity/service.js';
import { TIERS, type Tier } from '../identity/types.js';
import type { UsageService } from '../limits/usage.js';
import type { Detection } from '../detection/detection.js';
import { accountView, orgView } from './views.js';
import { adminIdentity, adminRecord } from '../audit/admin-recorder.js';
import type { AuditTrail } from '../audit/trail.js';
import { registerAuditRoutes } from './audit-routes.js';
import { registerWatermarkRoutes, type WatermarkTracing } from './watermark-routes.js';

export interface AdminDeps {
  identity: IdentityService;
  adminTokenHash: string;
  logger: Logger;
  /** Present when limits are configured. */
  usage: UsageService | undefined;
  /** Present when detection is enabled. */
  detection?: Detection | undefined;
  /** Present when the audit trail is enabled: every change is recorded there with the acting admin. */
  audit?: AuditTrail | undefined;
  /** Leak tracing over the server's watermark keys and channels. */
  watermark?: WatermarkTracing | undefined;
}

type WithId = { Params: { id: string } };

function bearer(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization;
  return h?.startsWith('Bearer ') ? h.slice(7).trim() : undefined;
}

function parseLimit(v: unknown): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 10_000) throw new WardenError('WARDEN_ERR_INVALID_REQUEST', 'limit must be an integer between 1 and 10000');
  return n;
}

function parseTier(v: unknown): Tier | undefined {
  if (v === undefined) return undefined;
  if (!(TIERS as readonly unknown[]).includes(v)) throw new WardenError('WARDEN_ERR_INVALID_REQUEST', `tier must be one of ${TIERS.join(', ')}`);
  return v as Tier;
}

/**
 * `/admin/...`: identity management for operators. Guarded by the admin token,
 * which is never an API key (different prefix, compared by hash in constant time).
 * Every change is logged with what changed, never with a secret.
 */
export function registerAdminRoutes(app: FastifyInstance, deps: AdminDeps): void {
  const { identity, logger } = deps;

  app.register(async (admin) => {
    admin.addHook('onRequest', async (req) => {
      const token = bearer(req);
      if (!token || !hashesEqual(hashSecret(token), deps.adminTokenHash)) {
        throw new WardenError('WARDEN_ERR_ADMIN_UNAUTHORIZED', 'admin token missing or invalid: send "Authorization: Bearer <admin token>"');
      }
    });
    const actor = adminIdentity(deps.adminTokenHash);
    /** Logged, and committed to the audit trail before the response, whatever the durability mode. */
    const audit = async (req: FastifyRequest, action: string, target: string, scope: { account?: string | null; org?: string | null; details?: Record<string, unknown> } = {}) => {
      logger.info({ reqId: req.id, ip: req.ip, action, target }, 'admin action');
      await deps.audit?.log?.append(adminRecord({ action, target, admin: actor, ip: req.ip, requestId: req.id, ...scope }), { durable: true });
    };

    admin.post('/orgs', async (req, reply) => {
      const org = await identity.createOrg(req.body as never);
      await audit(req, 'org.create', org.id, { org: org.id, details: { name: org.name, tier: org.tier } });
      return reply.code(201).send(orgView(org));
    });
    admin.get('/orgs', async () => ({ data: (await identity.listOrgs()).map(orgView) }));
    admin.get<WithId>('/orgs/:id', async (req) => orgView(await identity.getOrg(req.params.id)));

    admin.post('/accounts', async (req, reply) => {
      const account = await identity.createAccount(req.body as never);
      await audit(req, 'account.create', account.id, { account: account.id, org: account.orgId, details: fieldsOf(req.body) });
      return reply.code(201).send(accountView(account));
    });
    admin.get<{ Querystring: Record<string, string | undefined> }>('/accounts', async (req) => {
      const q = req.query;
      const filter: Parameters<IdentityService['listAccounts']>[0] = {};
      if (q['org'] !== undefined) filter.orgId = q['org'];
      const tier = parseTier(q['tier']);
      if (tier !== undefined) filter.tier = tier;
      const limit = parseLimit(q['limit']);
      if (limit !== undefined) filter.limit = limit;
      if (q['after'] !== undefined) filter.after = q['after'];
      return { data: (await identity.listAccounts(filter)).map(accountView) };
    });
    admin.get<WithId>('/accounts/:id', async (req) => accountView(await identity.getAccount(req.params.id)));
    admin.patch<WithId>('/accounts/:id', async (req) => {
      const account = await identity.updateAccount(req.params.id, req.body as never);
      await audit(req, 'account.update', account.id, { account: account.id, org: account.orgId, details: fieldsOf(req.body) });
      return accountView(account);
    });

    admin.post<WithId>('/accounts/:id/keys', async (req, reply) => {
      const created = await identity.createKey(req.params.id, (req.body ?? {}) as never);
      await audit(req, 'key.create', created.key.id, { account: created.key.accountId, details: { name: created.key.name, expiresAt: created.key.expiresAt } });
      return reply.code(201).send(created);
    });
    admin.get<WithId>('/accounts/:id/keys', async (req) => ({ data: await identity.listKeys(req.params.id) }));
    admin.get<WithId>('/keys/:id', async (req) => identity.getKey(req.params.id));
    admin.post<WithId>('/keys/:id/rotate', async (req, reply) => {
      const rotated = await identity.rotateKey(req.params.id, (req.body ?? {}) as never);
      await audit(req, 'key.rotate', `${req.params.id} -> ${rotated.key.id}`, { account: rotated.key.accountId, details: { previousExpiresAt: rotated.previous.expiresAt } });
      return reply.code(201).send(rotated);
    });
    admin.get<WithId>('/usage/accounts/:id', async (req) => {
      if (!deps.usage) {
        await identity.getAccount(req.params.id);
        return { account: req.params.id, backend: 'none', limits: [] };
      }
      return deps.usage.forAccount(req.params.id);
    });
    const detection = (): Detection => {
      if (!deps.detection) throw new WardenError('WARDEN_ERR_NOT_FOUND', 'detection is disabled in this server’s configuration');
      return deps.detection;
    };
    admin.get<WithId>('/detection/accounts/:id', async (req) => ({ account: req.params.id, ...detection().account(req.params.id) }));
    admin.get('/detection/verdicts', async () => ({ data: detection().verdicts() }));
    admin.get('/detection/review', async () => ({ data: detection().reviewQueue() }));
    admin.post<WithId>('/keys/:id/revoke', async (req) => {
      const key = await identity.revokeKey(req.params.id);
      await audit(req, 'key.revoke', key.id, { account: key.accountId });
      return key;
    });
    registerAuditRoutes(admin, deps.audit);
    if (deps.watermark) registerWatermarkRoutes(admin, identity, deps.watermark);
  }, { prefix: '/admin' });
}

/** The fields an admin set (they are identity attributes, never secrets). */
function fieldsOf(body: unknown): Record<string, unknown> {
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? { ...(body as Record<string, unknown>) } : {};
}
