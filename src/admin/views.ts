import type { Account, Org } from '../identity/types.js';

/** JSON shapes of the admin API (ISO timestamps, camelCase as stored). */
export function accountView(a: Account) {
  return {
    id: a.id,
    name: a.name,
    org: a.orgId,
    tier: a.tier,
    kyc: a.kyc,
    country: a.country,
    emailDomain: a.emailDomain,
    paymentFingerprint: a.paymentFingerprint,
    signupIp: a.signupIp,
    status: a.status,
    outputMode: a.outputMode,
    createdAt: new Date(a.createdAt).toISOString(),
    updatedAt: new Date(a.updatedAt).toISOString(),
  };
}

export function orgView(o: Org) {
  return { id: o.id, name: o.name, tier: o.tier, createdAt: new Date(o.createdAt).toISOString() };
}

export type AccountView = ReturnType<typeof accountView>;
export type OrgView = ReturnType<typeof orgView>;
