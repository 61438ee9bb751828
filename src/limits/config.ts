import { z } from 'zod';
import { TIERS } from '../identity/types.js';

const count = z.number().int().nonnegative();

/** What one scope may consume. Omitted = unlimited. */
export const limitValuesSchema = z
  .object({
    /** Requests per minute. */
    rpm: count.optional(),
    /** Requests per day (rolling 24 h). */
    rpd: count.optional(),
    /** Input + output tokens per minute. */
    tpm: count.optional(),
    /** Input + output tokens per day (rolling 24 h). */
    tpd: count.optional(),
    /** Requests in flight at once (streams count until they end). */
    concurrent: count.optional(),
  })
  .strict();

export const SCOPES = ['key', 'account', 'org'] as const;
export type Scope = (typeof SCOPES)[number];

/** Limits for each scope; `groups.<name>` adds stricter limits for one model group. */
const scopedLimitsSchema = z
  .object({
    key: limitValuesSchema.optional(),
    account: limitValuesSchema.optional(),
    org: limitValuesSchema.optional(),
    groups: z
      .record(
        z.string().min(1),
        z.object({ key: limitValuesSchema.optional(), account: limitValuesSchema.optional(), org: limitValuesSchema.optional() }).strict(),
      )
      .optional(),
  })
  .strict();

export const FAILURE_MODES = ['fail-closed', 'fail-open-local'] as const;
export type FailureMode = (typeof FAILURE_MODES)[number];

const tierLimitsSchema = scopedLimitsSchema.extend({
  /** What to do when the shared limiter (Redis) cannot be reached. */
  failureMode: z.enum(FAILURE_MODES).optional(),
});

const DEFAULT_FAILURE: Record<(typeof TIERS)[number], FailureMode> = {
  free: 'fail-closed',
  paid: 'fail-closed',
  verified: 'fail-open-local',
  enterprise: 'fail-open-local',
};

export const limitsSchema = z
  .object({
    /** `memory`: exact for one instance. `redis`: one global limit for every instance sharing the Redis. */
    backend: z.enum(['memory', 'redis']).default('memory'),
    redis: z
      .object({
        url: z.string().regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL').default('redis://127.0.0.1:6379'),
        keyPrefix: z.string().default('warden:rl:'),
        /** A limiter call slower than this counts as Redis being unreachable. */
        commandTimeoutMs: z.number().int().positive().default(250),
      })
      .strict()
      .prefault({}),
    /** Tokens reserved for the reply when a request does not set max_tokens. */
    defaultMaxTokens: z.number().int().positive().default(4096),
    /** Multiplier on the o200k token count for APIs whose tokenizer differs (Anthropic). */
    anthropicTokenFactor: z.number().min(1).max(4).default(1.25),
    /** Per-tier defaults, per scope. */
    tiers: z.partialRecord(z.enum(TIERS), tierLimitsSchema).default({}),
    /** Per-account overrides (replace the tier's values field by field). */
    accounts: z.record(z.string().min(1), scopedLimitsSchema.omit({ org: true })).default({}),
    /** Per-org overrides of the org scope. */
    orgs: z.record(z.string().min(1), z.object({ org: limitValuesSchema.optional(), groups: z.record(z.string().min(1), z.object({ org: limitValuesSchema.optional() }).strict()).optional() }).strict()).default({}),
  })
  .strict()
  .transform((l) => ({
    ...l,
    failureModes: Object.fromEntries(TIERS.map((t) => [t, l.tiers[t]?.failureMode ?? DEFAULT_FAILURE[t]])) as Record<
      (typeof TIERS)[number],
      FailureMode
    >,
  }));

export type LimitValues = z.infer<typeof limitValuesSchema>;
export type LimitsConfig = z.infer<typeof limitsSchema>;
