import type { KycLevel, Tier } from '../identity/types.js';
import {
  PUBLIC_MAIL_DOMAINS,
  PUBLIC_MAIL_WEIGHTS,
  datacenterIpv4,
  documentationIpv6,
  mobileIpv4,
  natIpv4,
  sharedSpaceIpv4,
  utcOffsetHours,
} from './addresses.js';
import type { Profile, Simulation } from './profiles.js';
import { Rng } from './rng.js';
import type { Lang } from './text/types.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Draws from a {value: weight} record in the record's key order (stable for a given file). */
export function drawWeighted<T extends string>(rng: Rng, w: Partial<Record<T, number>>): T {
  const keys = Object.keys(w) as T[];
  return rng.weighted(keys, keys.map((k) => w[k] ?? 0));
}

/** A profile instantiated: its accounts share these. */
export interface SimGroup {
  name: string;
  label: string;
  profile: Profile;
  /** Seed of the group's shared task sources (coordinated groups) and shared resources. */
  seed: number;
  orgId?: string;
  orgDomain?: string;
  throwawayDomains: string[];
  paymentPool: string[];
  /** Datacenter addresses, a NAT address, or a proxy pool, depending on the profile. */
  addresses: string[];
  /** When the group starts using the newly released model (immediate pivots move together). */
  pivotMs: number | null;
}

export interface SimAccount {
  index: number;
  id: string;
  key: string;
  group: SimGroup;
  orgId?: string;
  tier: Tier;
  kyc: KycLevel;
  country: string;
  emailDomain: string;
  paymentFingerprint?: string;
  signupIp: string;
  signupMs: number;
  utcOffsetH: number;
  /** Mean requests on an active day. */
  perDay: number;
  lang: Lang;
  userAgent: string;
  homeIp?: string;
  mobileIp?: string;
  /** Current exit for proxy accounts. */
  exitIp?: string;
  /** When this account moves to the newly released model (null: never). */
  pivotMs: number | null;
  /** The account's own stream of randomness for its traffic. */
  rng: Rng;
}

export interface Population {
  startMs: number;
  releaseMs: number;
  groups: SimGroup[];
  accounts: SimAccount[];
}

function scaledCount(n: number, scale: number): number {
  if (n <= 0) return 0;
  return Math.max(1, Math.round(n * scale));
}

/** Builds every group and account. Ids are random, so they reveal nothing about labels. */
export function buildPopulation(sim: Simulation, seed: number, scale: number): Population {
  const root = new Rng(seed);
  const ids = root.fork('ids');
  const used = new Set<string>();
  const freshId = (prefix: string): string => {
    for (;;) {
      const id = `${prefix}-${ids.hex(10)}`;
      if (!used.has(id)) {
        used.add(id);
        return id;
      }
    }
  };
  const startMs = Date.parse(sim.start);
  const releaseMs = startMs + sim.models.release_day * DAY;
  const groups: SimGroup[] = [];
  const accounts: SimAccount[] = [];

  for (const [name, profile] of Object.entries(sim.profiles)) {
    const g = root.fork(`group:${name}`);
    const count = scaledCount(profile.accounts, scale);
    if (count === 0) continue;
    const group = buildGroup(name, profile, g, count, scale, freshId, releaseMs);
    groups.push(group);
    for (let i = 0; i < count; i++) {
      accounts.push(buildAccount(group, g.fork(`account:${i}`), freshId, startMs, releaseMs, accounts.length));
    }
  }
  return { startMs, releaseMs, groups, accounts };
}

function buildGroup(
  name: string,
  profile: Profile,
  rng: Rng,
  count: number,
  scale: number,
  freshId: (p: string) => string,
  releaseMs: number,
): SimGroup {
  const orgId = profile.org === 'shared' ? freshId('o') : undefined;
  const orgDomain = profile.email === 'org' ? `${rng.hex(6)}.example.org` : undefined;
  const throwawayDomains = profile.email === 'throwaway' ? Array.from({ length: rng.int(2, 5) }, () => `${rng.hex(7)}.example`) : [];
  const paymentPool = Array.from({ length: profile.payment_pool > 0 ? scaledCount(profile.payment_pool, scale) : 0 }, () => `pf-${rng.hex(8)}`);
  const ip = profile.ip;
  let addresses: string[] = [];
  if (ip.mode === 'datacenter') addresses = Array.from({ length: ip.addresses }, () => datacenterIpv4(rng));
  else if (ip.mode === 'nat') addresses = [natIpv4(rng)];
  else if (ip.mode === 'proxy') {
    const size = Math.max(2, Math.round(count / ip.accounts_per_ip));
    addresses = Array.from({ length: size }, () => (rng.chance(ip.ipv6_share) ? documentationIpv6(rng) : sharedSpaceIpv4(rng)));
  }
  const pivot = profile.model_pivot;
  const pivotMs = pivot.mode === 'immediate' ? releaseMs + rng.next() * pivot.within_hours * HOUR : null;
  return {
    name,
    label: profile.label ?? name,
    profile,
    seed: rng.u32(),
    orgId,
    orgDomain,
    throwawayDomains,
    paymentPool,
    addresses,
    pivotMs,
  };
}

function buildAccount(
  group: SimGroup,
  rng: Rng,
  freshId: (p: string) => string,
  startMs: number,
  releaseMs: number,
  index: number,
): SimAccount {
  const p = group.profile;
  const tier = drawWeighted(rng, p.tier);
  const country = drawWeighted(rng, p.countries);
  let emailDomain: string;
  if (p.email === 'org' && group.orgDomain) emailDomain = group.orgDomain;
  else if (p.email === 'throwaway' && group.throwawayDomains.length > 0) emailDomain = rng.pick(group.throwawayDomains);
  else emailDomain = rng.weighted(PUBLIC_MAIL_DOMAINS, PUBLIC_MAIL_WEIGHTS);
  let paymentFingerprint: string | undefined;
  if (group.paymentPool.length > 0) paymentFingerprint = rng.pick(group.paymentPool);
  else if (tier !== 'free' || rng.chance(0.3)) paymentFingerprint = `pf-${rng.hex(8)}`;

  const ip = p.ip;
  let homeIp: string | undefined;
  let mobileIp: string | undefined;
  let exitIp: string | undefined;
  if (ip.mode === 'home') {
    homeIp = rng.chance(ip.ipv6_share) ? documentationIpv6(rng) : sharedSpaceIpv4(rng);
    if (rng.chance(ip.mobile_share)) mobileIp = mobileIpv4(rng);
  } else if (ip.mode === 'proxy') {
    exitIp = rng.pick(group.addresses);
  }
  const signupIp = homeIp ?? exitIp ?? rng.pick(group.addresses);

  const [lo, hi] = p.signup.days;
  let signupMs: number;
  if (p.signup.bursts > 0) {
    // Bursts sit at fixed points of the group's signup window; accounts land inside one.
    const burst = rng.int(0, p.signup.bursts - 1);
    const burstStart = lo + ((hi - lo) * (burst + 0.5)) / p.signup.bursts;
    signupMs = startMs + burstStart * DAY + rng.next() * p.signup.burst_minutes * 60_000;
  } else {
    signupMs = startMs + (lo + rng.next() * (hi - lo)) * DAY;
  }

  const pivot = p.model_pivot;
  let pivotMs: number | null = null;
  if (pivot.mode === 'immediate' && group.pivotMs !== null) {
    // Coordinated groups move together; independent accounts each within the window.
    pivotMs = p.coordinated ? group.pivotMs + rng.next() * HOUR : releaseMs + rng.next() * pivot.within_hours * HOUR;
  } else if (pivot.mode === 'gradual' && pivot.per_day > 0) {
    pivotMs = releaseMs + rng.exponential(1 / pivot.per_day) * DAY;
  }

  return {
    index,
    id: freshId('a'),
    key: freshId('k'),
    group,
    orgId: group.orgId ?? (p.org === 'per_account' ? freshId('o') : undefined),
    tier,
    kyc: drawWeighted(rng, p.kyc),
    country,
    emailDomain,
    paymentFingerprint,
    signupIp,
    signupMs: Math.round(signupMs),
    utcOffsetH: utcOffsetHours(country),
    perDay: rng.lognormal(p.per_day.median, p.per_day.sigma),
    lang: drawWeighted(rng, p.langs),
    userAgent: rng.pick(p.user_agents),
    homeIp,
    mobileIp,
    exitIp,
    pivotMs,
    rng: rng.fork('traffic'),
  };
}

/** The address of one request, following the account's network behaviour. */
export function requestIp(a: SimAccount): string {
  const ip = a.group.profile.ip;
  switch (ip.mode) {
    case 'home':
      return a.mobileIp !== undefined && a.rng.chance(0.25) ? a.mobileIp : (a.homeIp as string);
    case 'proxy':
      if (a.rng.chance(ip.rotate)) a.exitIp = a.rng.pick(a.group.addresses);
      return a.exitIp as string;
    default:
      return a.rng.pick(a.group.addresses);
  }
}
