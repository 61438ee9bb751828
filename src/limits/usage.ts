import type { IdentityService } from '../identity/service.js';
import type { Account } from '../identity/types.js';
import type { LimitsConfig } from './config.js';
import type { Limiter, RuleOutcome } from './limiter.js';
import { planRules } from './plan.js';

export interface UsageLine {
  rule: string;
  scope: string;
  subject: string;
  metric: string;
  group: string | null;
  limit: number;
  /** For rate rules: units left now. For `concurrent`: free slots. */
  remaining: number;
  used: number;
  resetMs: number;
}

export interface UsageReport {
  account: string;
  tier: string;
  org: string | null;
  backend: string;
  limits: UsageLine[];
}

function line(o: RuleOutcome, subject: string): UsageLine {
  return {
    rule: o.rule.id,
    scope: o.rule.scope,
    subject,
    metric: o.rule.metric,
    group: o.rule.group,
    limit: o.rule.limit,
    remaining: o.remaining,
    used: o.rule.limit - o.remaining,
    resetMs: Math.ceil(o.resetMs),
  };
}

/**
 * Current usage and remaining quota, read from the live limiter without
 * charging anything: the account scope, its org, and each of its keys, for
 * every model group the config names.
 */
export class UsageService {
  constructor(
    private readonly cfg: LimitsConfig,
    private readonly limiter: Limiter,
    private readonly identity: IdentityService,
  ) {}

  #groups(account: Account): Array<string | null> {
    const names = new Set<string>();
    for (const t of Object.values(this.cfg.tiers)) for (const g of Object.keys(t?.groups ?? {})) names.add(g);
    for (const g of Object.keys(this.cfg.accounts[account.id]?.groups ?? {})) names.add(g);
    return [null, ...names];
  }

  async forAccount(accountId: string): Promise<UsageReport> {
    const account = await this.identity.getAccount(accountId);
    const keys = (await this.identity.listKeys(accountId)).filter((k) => k.status === 'active' || k.status === 'expiring');
    const seen = new Set<string>();
    const subjects: Array<{ rules: ReturnType<typeof planRules>; subject: (scope: string) => string }> = [];
    for (const group of this.#groups(account)) {
      for (const keyId of [null, ...keys.map((k) => k.id)]) {
        const rules = planRules(this.cfg, { keyId, account }, group).filter((r) => !seen.has(r.key) && (keyId !== null || r.scope !== 'key'));
        rules.forEach((r) => seen.add(r.key));
        subjects.push({ rules, subject: (scope) => (scope === 'key' ? (keyId as string) : scope === 'org' ? (account.orgId as string) : account.id) });
      }
    }
    const limits: UsageLine[] = [];
    for (const { rules, subject } of subjects) {
      if (rules.length === 0) continue;
      for (const o of await this.limiter.peek(rules)) limits.push(line(o, subject(o.rule.scope)));
    }
    return { account: account.id, tier: account.tier, org: account.orgId, backend: this.limiter.kind, limits };
  }
}
