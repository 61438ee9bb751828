import { existsSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { WardenError, formatIssues } from '../errors.js';
import { KYC_LEVELS, TIERS } from '../identity/types.js';
import { LANGS, TASK_KINDS } from './text/types.js';

/** A categorical distribution written as {value: weight}. */
function weights<T extends string>(values: readonly [T, ...T[]]) {
  return z
    .partialRecord(z.enum(values), z.number().nonnegative())
    .refine((w) => Object.values<number | undefined>(w).some((v) => (v ?? 0) > 0), 'needs at least one positive weight');
}

const range = z
  .tuple([z.number(), z.number()])
  .refine(([a, b]) => a <= b, 'range must be [low, high] with low ≤ high');

const ipSchema = z.discriminatedUnion('mode', [
  /** One home address per account (residential), sometimes a second (mobile). */
  z.object({ mode: z.literal('home'), ipv6_share: z.number().min(0).max(1).default(0.2), mobile_share: z.number().min(0).max(1).default(0.1) }).strict(),
  /** The group sends from a few datacenter addresses. */
  z.object({ mode: z.literal('datacenter'), addresses: z.number().int().positive() }).strict(),
  /** Everyone behind one NAT address. */
  z.object({ mode: z.literal('nat') }).strict(),
  /**
   * Rotating proxy network: a pool sized so that about `accounts_per_ip`
   * accounts ever share an exit; `rotate` is the chance a request switches exit.
   */
  z
    .object({
      mode: z.literal('proxy'),
      accounts_per_ip: z.number().positive().default(3),
      rotate: z.number().min(0).max(1).default(0.5),
      ipv6_share: z.number().min(0).max(1).default(0.1),
    })
    .strict(),
]);

const scheduleSchema = z.enum([
  /** Local-time daytime activity in sessions (humans). */
  'diurnal',
  /** Weekday office hours (business integrations, research jobs). */
  'office',
  /** Around the clock, flat (automation). */
  'flat',
  /** Weekday class hours, everyone at the same time. */
  'class',
  /** The whole group fires in shared waves, each account within `timing_jitter_s` of the wave. */
  'waves',
]);

export const profileSchema = z
  .object({
    /** Truth label written to truth.json (defaults to the profile's name). */
    label: z.string().min(1).optional(),
    description: z.string().default(''),
    /** Accounts at --scale 1 (scaled and rounded, at least 1 when > 0). */
    accounts: z.number().nonnegative(),
    tier: weights(TIERS),
    kyc: weights(KYC_LEVELS),
    /** none: individual accounts; shared: one org for the whole profile; per_account: each its own org. */
    org: z.enum(['none', 'shared', 'per_account']).default('none'),
    countries: z.partialRecord(z.string().regex(/^[A-Z]{2}$/, 'ISO 3166 alpha-2'), z.number().nonnegative()),
    /** public: consumer mail providers; org: one domain for the group; throwaway: a few shared disposable domains. */
    email: z.enum(['public', 'org', 'throwaway']).default('public'),
    /** Distinct payment fingerprints the group uses; 0 means one per account. */
    payment_pool: z.number().int().nonnegative().default(0),
    signup: z
      .object({
        /** Day (relative to the trace start; negative = before it) over which signups spread. */
        days: range.default([-400, -1]),
        /** Signups arrive in this many bursts (0 = spread evenly). */
        bursts: z.number().int().nonnegative().default(0),
        burst_minutes: z.number().positive().default(30),
      })
      .strict()
      .default({ days: [-400, -1], bursts: 0, burst_minutes: 30 }),
    /** Requests per active day: log-normal with this median and log-sigma per account. */
    per_day: z.object({ median: z.number().positive(), sigma: z.number().nonnegative().default(1) }).strict(),
    /** Chance an account is active on a given day. */
    active_days: z.number().min(0).max(1).default(1),
    schedule: scheduleSchema.default('diurnal'),
    timing_jitter_s: z.number().nonnegative().default(60),
    ip: ipSchema,
    user_agents: z.array(z.string().min(1)).min(1),
    /** Which API shape the group's clients speak. */
    api: weights(['openai', 'anthropic'] as const).default({ openai: 1 }),
    /** The profile's own work. */
    tasks: weights(TASK_KINDS),
    /** Evasion knob: share of requests drawn from `cover_tasks` instead (benign-looking cover traffic). */
    benign_mix: z.number().min(0).max(1).default(0),
    cover_tasks: weights(TASK_KINDS).default({ chat: 3, writing: 1, coding_help: 1 }),
    /** Evasion knob: share of prompts paraphrased away from the group's templates. */
    paraphrase: z.number().min(0).max(1).default(0),
    langs: weights(LANGS).default({ en: 1 }),
    /** Task sources are per account (independent users) or per group (one coordinated operator). */
    coordinated: z.boolean().default(false),
    /** How the group follows a newly released model: never, gradually (per-day adoption chance), or within hours. */
    model_pivot: z
      .discriminatedUnion('mode', [
        z.object({ mode: z.literal('none') }).strict(),
        z.object({ mode: z.literal('gradual'), per_day: z.number().min(0).max(1) }).strict(),
        z.object({ mode: z.literal('immediate'), within_hours: z.number().positive().default(24) }).strict(),
      ])
      .default({ mode: 'gradual', per_day: 0.1 }),
    sampling: z
      .object({
        temperature0: z.number().min(0).max(1).default(0.05),
        n_gt_1: z.number().min(0).max(1).default(0),
        logprobs: z.number().min(0).max(1).default(0),
        max_tokens: z.array(z.number().int().positive()).default([256, 512, 1024]),
        /** Share of requests that omit max_tokens (OpenAI only; Anthropic requires it). */
        omit_max_tokens: z.number().min(0).max(1).default(0.4),
        stream: z.number().min(0).max(1).default(0.5),
      })
      .strict()
      .default({ temperature0: 0.05, n_gt_1: 0, logprobs: 0, max_tokens: [256, 512, 1024], omit_max_tokens: 0.4, stream: 0.5 }),
  })
  .strict();
export type Profile = z.infer<typeof profileSchema>;

export const simulationSchema = z
  .object({
    /** Trace start (ISO 8601, UTC). */
    start: z.iso.datetime(),
    /** The model everyone uses at the start, and the one released during the trace. */
    models: z
      .object({
        current: z.string().min(1),
        others: z.array(z.string().min(1)).default([]),
        released: z.string().min(1),
        release_day: z.number().nonnegative(),
      })
      .strict(),
    profiles: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/, 'profile names are lower_snake_case'), profileSchema),
  })
  .strict();
export type Simulation = z.infer<typeof simulationSchema>;

/** config/traffic-profiles.yaml of the package: two levels up from src/traffic, three from dist/src/traffic. */
export const DEFAULT_PROFILES_FILE = [new URL('../../config/traffic-profiles.yaml', import.meta.url), new URL('../../../config/traffic-profiles.yaml', import.meta.url)].find((u) =>
  existsSync(u),
) ?? new URL('../../../config/traffic-profiles.yaml', import.meta.url);

/** Loads and validates a population file; errors name the bad field. */
export function loadSimulation(file: string | URL = DEFAULT_PROFILES_FILE): Simulation {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new WardenError('WARDEN_ERR_CONFIG', `cannot read profiles file ${String(file)}: ${(err as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (err) {
    throw new WardenError('WARDEN_ERR_CONFIG', `profiles file ${String(file)} is not valid YAML: ${(err as Error).message}`);
  }
  const parsed = simulationSchema.safeParse(raw);
  if (!parsed.success) throw new WardenError('WARDEN_ERR_CONFIG', formatIssues(parsed.error.issues, `profiles file ${String(file)}`));
  return parsed.data;
}
