import { describe, expect, it } from 'vitest';
import { configSchema } from '../config/schema.js';

function issuesOf(limits: unknown): string[] {
  const r = configSchema.safeParse({ limits });
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('limits config', () => {
  it('rejects a negative limit, naming the field', () => {
    expect(issuesOf({ tiers: { free: { account: { rpm: -1 } } } }).join('\n')).toContain('limits.tiers.free.account.rpm');
  });

  it('rejects an unknown scope and an unknown metric', () => {
    expect(issuesOf({ tiers: { free: { team: { rpm: 1 } } } }).join('\n')).toMatch(/limits\.tiers\.free.*team/);
    expect(issuesOf({ tiers: { free: { key: { rps: 1 } } } }).join('\n')).toMatch(/limits\.tiers\.free\.key.*rps/);
  });

  it('rejects an unknown tier and an unknown failure mode', () => {
    expect(issuesOf({ tiers: { gold: { key: { rpm: 1 } } } }).join('\n')).toMatch(/limits\.tiers.*gold/);
    expect(issuesOf({ tiers: { free: { failureMode: 'shrug' } } }).join('\n')).toContain('limits.tiers.free.failureMode');
  });

  it('accepts a full configuration', () => {
    expect(
      issuesOf({
        backend: 'redis',
        redis: { url: 'redis://127.0.0.1:6379' },
        tiers: { free: { failureMode: 'fail-open-local', key: { rpm: 1, rpd: 2, tpm: 3, tpd: 4, concurrent: 5 }, groups: { large: { org: { rpm: 1 } } } } },
        accounts: { a: { account: { rpm: 9 } } },
        orgs: { o: { org: { tpm: 9 } } },
      }),
    ).toEqual([]);
  });
});
