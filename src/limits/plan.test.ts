import { describe, expect, it } from 'vitest';
import { limitsSchema } from './config.js';
import { planRules } from './plan.js';

const cfg = limitsSchema.parse({
  tiers: {
    free: {
      key: { rpm: 5 },
      account: { rpm: 20, tpm: 1000 },
      org: { rpm: 100 },
      groups: { large: { account: { rpm: 2 } } },
    },
  },
  accounts: { vip: { account: { rpm: 200 } } },
  orgs: { 'o-1': { org: { rpm: 50, concurrent: 3 } } },
});

const subject = (id: string, orgId: string | null = null) => ({ keyId: 'wdn_k', account: { id, tier: 'free' as const, orgId } });

describe('planRules', () => {
  it('applies every scope at once with tier defaults', () => {
    const rules = planRules(cfg, subject('a-1'), 'default');
    expect(rules.map((r) => `${r.id}=${r.limit}`)).toEqual(['key:rpm=5', 'account:rpm=20', 'account:tpm=1000']);
    expect(new Set(rules.map((r) => r.key)).size).toBe(rules.length);
  });

  it('lets an account and an org override their tier field by field', () => {
    const rules = planRules(cfg, subject('vip', 'o-1'), 'default');
    expect(rules.map((r) => `${r.id}=${r.limit}`)).toEqual(['key:rpm=5', 'account:rpm=200', 'account:tpm=1000', 'org:rpm=50', 'org:concurrent=3']);
  });

  it('adds the stricter limits of a model group as separate counters', () => {
    const rules = planRules(cfg, subject('a-1'), 'large');
    const large = rules.find((r) => r.id === 'account:rpm@large')!;
    expect(large.limit).toBe(2);
    expect(large.key).not.toBe(rules.find((r) => r.id === 'account:rpm')!.key);
  });

  it('plans nothing for a tier without limits', () => {
    expect(planRules(cfg, { keyId: 'k', account: { id: 'x', tier: 'enterprise', orgId: null } }, 'default')).toEqual([]);
  });

  it('defaults failure modes: closed for free and paid, open-local for verified and enterprise', () => {
    expect(cfg.failureModes).toEqual({ free: 'fail-closed', paid: 'fail-closed', verified: 'fail-open-local', enterprise: 'fail-open-local' });
  });
});
