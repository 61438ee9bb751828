import type { Account } from '../identity/types.js';
import type { LimitValues, LimitsConfig, Scope } from './config.js';
import { DAY_MS, METRICS, MINUTE_MS, type LimitRule, type Metric } from './limiter.js';

const PERIOD: Record<Exclude<Metric, 'concurrent'>, number> = { rpm: MINUTE_MS, rpd: DAY_MS, tpm: MINUTE_MS, tpd: DAY_MS };
const SCOPE_KEY: Record<Scope, string> = { key: 'k', account: 'a', org: 'o' };

export interface PlanSubject {
  keyId: string | null;
  account: Pick<Account, 'id' | 'tier' | 'orgId'>;
}

function rulesFor(scope: Scope, subjectId: string, group: string | null, values: LimitValues | undefined, out: LimitRule[]): void {
  if (!values) return;
  for (const metric of METRICS) {
    const limit = values[metric];
    if (limit === undefined) continue;
    const groupTag = group === null ? '' : `@${group}`;
    out.push({
      id: `${scope}:${metric}${groupTag}`,
      scope,
      metric,
      group,
      key: `${SCOPE_KEY[scope]}:${subjectId}:${group ?? '*'}:${metric}`,
      limit,
      periodMs: metric === 'concurrent' ? 0 : PERIOD[metric],
    });
  }
}

const merge = (base: LimitValues | undefined, over: LimitValues | undefined): LimitValues | undefined =>
  base === undefined ? over : over === undefined ? base : { ...base, ...over };

/**
 * The rules a request must fit: for each scope (key, account, org), the
 * tier's limits overridden field by field by the account's (or org's) own,
 * plus any stricter limits of the request's model group, which count only
 * that group's traffic. All apply at once; the tightest decides.
 */
export function planRules(cfg: LimitsConfig, subject: PlanSubject, group: string | null): LimitRule[] {
  const { account } = subject;
  const tier = cfg.tiers[account.tier];
  const acctOverride = cfg.accounts[account.id];
  const orgOverride = account.orgId === null ? undefined : cfg.orgs[account.orgId];
  const rules: LimitRule[] = [];

  const values = (scope: Scope, g: string | null): LimitValues | undefined => {
    const tierValues = g === null ? tier?.[scope] : tier?.groups?.[g]?.[scope];
    if (scope === 'org') {
      const own = g === null ? orgOverride?.org : orgOverride?.groups?.[g]?.org;
      return merge(tierValues, own);
    }
    const own = g === null ? acctOverride?.[scope] : acctOverride?.groups?.[g]?.[scope];
    return merge(tierValues, own);
  };

  for (const g of group === null ? [null] : [null, group]) {
    if (subject.keyId !== null) rulesFor('key', subject.keyId, g, values('key', g), rules);
    rulesFor('account', account.id, g, values('account', g), rules);
    if (account.orgId !== null) rulesFor('org', account.orgId, g, values('org', g), rules);
  }
  return rules;
}

/**
 * Plans are pure functions of (key, account, tier, org, group) and the
 * config, and the same few combinations repeat request after request: keep
 * them, bounded, so the hot path allocates nothing to plan.
 */
export class PlanCache {
  readonly #cfg: LimitsConfig;
  readonly #max: number;
  readonly #plans = new Map<string, { tier: string; orgId: string | null; rules: LimitRule[] }>();

  constructor(cfg: LimitsConfig, max = 50_000) {
    this.#cfg = cfg;
    this.#max = max;
  }

  rules(subject: PlanSubject, group: string | null): LimitRule[] {
    const id = `${subject.keyId ?? ''}\u0000${subject.account.id}\u0000${group ?? ''}`;
    const hit = this.#plans.get(id);
    if (hit && hit.tier === subject.account.tier && hit.orgId === subject.account.orgId) return hit.rules;
    const rules = planRules(this.#cfg, subject, group);
    if (this.#plans.size >= this.#max) this.#plans.clear();
    this.#plans.set(id, { tier: subject.account.tier, orgId: subject.account.orgId, rules });
    return rules;
  }
}
