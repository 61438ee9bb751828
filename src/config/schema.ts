import { z } from 'zod';
import { auditSchema } from '../audit/config.js';
import { policySchema } from '../engine/policy.js';
import { limitsSchema } from '../limits/config.js';
import { outputSchema } from '../output/config.js';
import { watermarkSchema } from '../watermark/config.js';

const durationMs = z.number().int().nonnegative();

const timeoutsSchema = z
  .object({
    connectMs: durationMs.default(10_000),
    /** Non-streaming replies arrive only when generation ends, so this is long. */
    headersMs: durationMs.default(300_000),
    /** Longest silence allowed between two body chunks. */
    bodyIdleMs: durationMs.default(120_000),
  })
  .strict();

export const upstreamSchema = z
  .object({
    /** Which wire API the upstream speaks; `both` for servers (like the simulator) that speak both. */
    api: z.enum(['openai', 'anthropic', 'both']),
    /** scheme://host[:port][/prefix]; a trailing /v1 is accepted and ignored. */
    baseUrl: z.url({ protocol: /^https?$/ }),
    /** Name of the environment variable holding the upstream API key (never the key itself). */
    apiKeyEnv: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name').optional(),
    connections: z.number().int().positive().max(4096).default(128),
    timeouts: timeoutsSchema.default({ connectMs: 10_000, headersMs: 300_000, bodyIdleMs: 120_000 }),
  })
  .strict();

export const modelRouteSchema = z
  .object({
    /** Exact model name, or a prefix glob ending in `*` (e.g. `gpt-4o*`, `*`). */
    name: z.string().min(1).regex(/^[^*]*\*?$/, 'only a single trailing * is supported'),
    upstream: z.string().min(1),
    /** Model name sent upstream when it differs from the public one. */
    upstreamModel: z.string().min(1).optional(),
    /** Model group, used by limits and policy (e.g. `large`). */
    group: z.string().min(1).default('default'),
  })
  .strict();

export const configSchema = z
  .object({
    server: z
      .object({
        host: z.string().default('127.0.0.1'),
        port: z.number().int().min(0).max(65535).default(8080),
        bodyLimitBytes: z.number().int().positive().default(10 * 1024 * 1024),
        /** Passed to Fastify: true, a hop count, or a list of trusted proxy addresses/CIDRs. */
        trustProxy: z.union([z.boolean(), z.number().int().nonnegative(), z.array(z.string())]).default(false),
        shutdownGraceMs: durationMs.default(30_000),
      })
      .strict()
      .prefault({}),
    /** `sqlite:<path>` (default under dataDir) or `postgres://…`. */
    storage: z.string().min(1).optional(),
    dataDir: z.string().min(1).default('./data'),
    admin: z
      .object({
        /** Environment variable holding the admin token; if unset, one is generated into dataDir/admin-token. */
        tokenEnv: z.string().default('WARDEN_ADMIN_TOKEN'),
      })
      .strict()
      .prefault({}),
    auth: z
      .object({
        cacheTtlMs: durationMs.default(30_000),
        cacheSize: z.number().int().positive().default(50_000),
        lastUsedFlushMs: z.number().int().positive().default(5_000),
      })
      .strict()
      .prefault({}),
    upstreams: z.record(z.string().regex(/^[A-Za-z0-9_-]+$/), upstreamSchema).default({}),
    models: z.array(modelRouteSchema).default([]),
    /** Request and token limits per key, account, org and tier (src/limits). */
    limits: limitsSchema.prefault({}),
    /** The detection engine on the request path (src/engine, src/detection). */
    detection: z
      .object({
        enabled: z.boolean().default(true),
        /** The policy inline (same fields as a `warden replay --policy` file)… */
        policy: policySchema.prefault({}),
        /** …or read from this YAML file at start (replaces `policy`). */
        policyFile: z.string().min(1).optional(),
      })
      .strict()
      .prefault({}),
    /** What leaves the boundary: reasoning exposure and degrade mode (src/output). */
    output: outputSchema.prefault({}),
    /** Per-account marks on generated text, for tracing leaked output (src/watermark). */
    watermark: watermarkSchema.prefault({}),
    /** The tamper-evident audit trail (src/audit). */
    audit: auditSchema.prefault({}),
    logging: z
      .object({
        level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
      })
      .strict()
      .prefault({}),
    events: z
      .object({
        /** Opt-in JSONL file of request events (traffic-log format). Holds prompts: keep it off unless needed. */
        file: z.string().optional(),
        /** Response text kept on the in-memory event, in characters. */
        maxResponseChars: z.number().int().nonnegative().default(65_536),
      })
      .strict()
      .prefault({}),
  })
  .strict()
  .superRefine((cfg, ctx) => {
    cfg.models.forEach((route, i) => {
      if (!(route.upstream in cfg.upstreams)) {
        ctx.addIssue({
          code: 'custom',
          path: ['models', i, 'upstream'],
          message: `unknown upstream "${route.upstream}" (defined: ${Object.keys(cfg.upstreams).join(', ') || 'none'})`,
        });
      }
    });
    if (Object.keys(cfg.upstreams).length > 0 && cfg.models.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['models'], message: 'upstreams are configured but no model routes them' });
    }
  });

export type WardenConfig = z.infer<typeof configSchema>;
export type UpstreamConfig = z.infer<typeof upstreamSchema>;
export type ModelRouteConfig = z.infer<typeof modelRouteSchema>;
