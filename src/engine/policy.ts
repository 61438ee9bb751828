import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { WardenError, formatIssues } from '../errors.js';
import { ACTIONS, type Action } from './types.js';

const tier = z.enum(['free', 'paid', 'verified', 'enterprise']);
const kyc = z.enum(['none', 'email', 'document', 'business']);

export const policySchema = z
  .object({
    /** Decide and record, enforce nothing. */
    shadow: z.boolean().default(false),
    /** Risk at which an account counts as flagged (its first_flag_ts). */
    flag_at: z.number().min(0).max(1).default(0.5),
    /** Risk bands, highest first: the first band whose min_score the risk reaches decides. */
    actions: z
      .array(z.object({ min_score: z.number().min(0).max(1), action: z.enum(ACTIONS) }).strict())
      .min(1)
      .refine((a) => a.every((b, i) => i === 0 || (a[i - 1] as { min_score: number }).min_score >= b.min_score), 'bands must be ordered by min_score, highest first')
      .default([
        { min_score: 0.85, action: 'block' },
        { min_score: 0.7, action: 'challenge' },
        { min_score: 0.6, action: 'degrade' },
        { min_score: 0.5, action: 'throttle' },
      ]),
    /** What `throttle` means on the request path: at most this many requests per minute per account. */
    throttle_rpm: z.number().positive().default(6),
    /** Trust signals soften enforcement (never detection): a trusted account gets `soften_to` instead. */
    trust: z
      .object({
        tiers: z.array(tier).default(['verified', 'enterprise']),
        kyc: z.array(kyc).default(['business']),
        allowlist_orgs: z.array(z.string().min(1)).default([]),
        allowlist_accounts: z.array(z.string().min(1)).default([]),
        soften_to: z.enum(ACTIONS).default('review'),
      })
      .strict()
      .default({ tiers: ['verified', 'enterprise'], kyc: ['business'], allowlist_orgs: [], allowlist_accounts: [], soften_to: 'review' }),
  })
  .strict();
export type Policy = z.infer<typeof policySchema>;

export const DEFAULT_POLICY: Policy = policySchema.parse({});

export function parsePolicy(raw: unknown, source: string): Policy {
  const parsed = policySchema.safeParse(raw ?? {});
  if (!parsed.success) throw new WardenError('WARDEN_ERR_CONFIG', formatIssues(parsed.error.issues, source));
  return parsed.data;
}

export function loadPolicy(file: string): Policy {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new WardenError('WARDEN_ERR_CONFIG', `cannot read policy file ${file}: ${(err as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (err) {
    throw new WardenError('WARDEN_ERR_CONFIG', `policy file ${file} is not valid YAML: ${(err as Error).message}`);
  }
  return parsePolicy(raw, `policy file ${file}`);
}

export interface Subject {
  account: string;
  org: string | undefined;
  tier: string;
  kyc: string;
}

export function isTrusted(p: Policy, s: Subject): boolean {
  return (
    (p.trust.tiers as string[]).includes(s.tier) ||
    (p.trust.kyc as string[]).includes(s.kyc) ||
    (s.org !== undefined && p.trust.allowlist_orgs.includes(s.org)) ||
    p.trust.allowlist_accounts.includes(s.account)
  );
}

/** The action for a risk score; trusted subjects get the softened action instead of enforcement. */
export function actionFor(p: Policy, score: number, trusted: boolean): Action {
  if (score < p.flag_at) return 'allow';
  let action: Action = 'review';
  for (const band of p.actions) {
    if (score >= band.min_score) {
      action = band.action;
      break;
    }
  }
  if (trusted && action !== 'allow' && action !== 'review') return p.trust.soften_to;
  return action;
}
