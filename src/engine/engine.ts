import { AccountState } from './account-state.js';
import { Clusters, SYNC_WINDOW_MS, type ClusterTotals } from './clusters.js';
import { KeyTable, subnetKey } from './keys.js';
import { SignupBursts, type BurstNews } from './signups.js';
import { DEFAULT_POLICY, actionFor, isTrusted, type Policy } from './policy.js';
import { requestFeatures, type RequestFeatures, type SystemSignalCache } from './request-features.js';
import { accountEvidence, accountPoints, clusterEvidence, riskOf, sortReasons, sumPoints, type Evidence } from './scoring.js';
import type { AccountInput, Decision, EngineInput, RequestInput, Verdict } from './types.js';
import type { Link } from './account-state.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Evidence weights toward another account's cluster; 1.0 merges. */
const LINK = {
  payment: 1,
  signupIp: 0.5,
  signupSubnet: 0.25,
  emailDomain: 0.15,
  requestSubnet: 0.25,
  template: 0.12,
  systemPrompt: 0.3,
  toolset: 0.2,
  burst: 0.2,
  /** A template shared by two accounts that both rotate through proxy exits: one pool, one operator. */
  poolTemplate: 0.5,
  /** Created in a burst on one email domain: an account farm's batch (a class or a new team signs up like this too; merging is not flagging). */
  domainBurst: 1,
} as const;
const MAX_LINKS = 8;
/** An email domain link weakens once more accounts than this use the domain. */
const DOMAIN_SHARED_BY = 10;
/**
 * Caps on what one kind of weak evidence can add toward one cluster: shared
 * phrasing or shared address space alone never merges accounts (many people
 * ask alike; a NAT or a mobile carrier puts strangers in one /24); only
 * evidence of different kinds together does.
 */
const LINK_CAP = { template: 0.5, requestSubnet: 0.75 } as const;
const WEAK_PAIR_CAP = 0.9;
/** Weak kinds: each alone says little (many people ask alike, share a subnet or sign up in a busy hour). */
type LinkKind = 'template' | 'systemPrompt' | 'requestSubnet' | 'signupNetwork' | 'burst' | 'other';
/** Association: points per unit of link weight toward a cluster with at least this many flagged members. */
const ASSOCIATION_MIN_FLAGGED = 3;
const ASSOCIATION_POINTS = 2.5;
const ASSOCIATION_CAP = 1.2;
/** Template-band keys kept: bounded memory (singletons are pruned first when full). */
const TEMPLATE_KEYS_MIN = 16_384;
const TEMPLATE_KEYS_PER_ACCOUNT = 4;
/** Of the head/tail bands: one of the head's, one of the tail's (a fixed head or tail collides in every band). */
const WRAP_BANDS_KEPT = [0, 4] as const;
const WRAP_KEYS_MIN = 8_192;
const WRAP_KEYS_PER_ACCOUNT = 2;
/** Rotating accounts' template bands: only they write here, so one key per account tracked is room enough. */
const POOL_KEYS_MIN = 2_048;
/** Tier volume histograms: log2 buckets of requests per account-day, read once this many days are in. */
const VOLUME_BUCKETS = 24;
const MIN_TIER_DAYS = 200;
function volumeBucket(perDay: number): number {
  return Math.min(VOLUME_BUCKETS - 1, Math.max(0, Math.floor(Math.log2(perDay + 1))));
}
/** A request after this long a pause starts a session. */
const SESSION_GAP = 20 * 60_000;
/** Clusters smaller than this are not reported as coordinated. */
export const MIN_CLUSTER = 3;

/** Shows extraction behaviour of its own, as a steady share: reasoning/grading/rewrite cues, bulk sampling, or agent traces. */
function harvesterLike(a: AccountState): boolean {
  // Shares are shrunk toward zero (8 requests of prior) so two early cues do not make a harvester.
  const n = a.requests + 8;
  return (a.extract >= 3 && a.extract >= 0.06 * n) || (a.harvest >= 3 && a.harvest >= 0.06 * n) || (a.toolTrace >= 5 && a.toolTrace >= 0.3 * n);
}

/** Exits that change on most requests: a proxy pool. Its shared exits say "same pool", not "same building". */
function rotatesExits(a: AccountState): boolean {
  return a.newSubnets >= 3 && a.newSubnets > 0.6 * a.requests;
}

/**
 * The detection engine: pure and deterministic. Events in (in event-time
 * order; late events are clamped to the newest time seen), decisions out. The
 * gateway and `warden replay` both drive this class, so the same events give
 * the same verdicts online and offline.
 */
export class Engine {
  private readonly accounts = new Map<string, AccountState>();
  private readonly byIndex: AccountState[] = [];
  private readonly clusters = new Clusters();
  private readonly paymentKeys = new KeyTable(1 << 20);
  private readonly signupIpKeys = new KeyTable(1 << 20);
  private readonly signupSubnetKeys = new KeyTable(1 << 20);
  private readonly domainKeys = new KeyTable(1 << 20);
  private readonly subnetKeys = new KeyTable(1 << 21);
  /** Template bands are the most numerous keys: held in proportion to the accounts tracked (see state()). */
  private readonly templateKeys = new KeyTable(TEMPLATE_KEYS_MIN);
  /** Head/tail bands of long prompts (a fixed instruction around a varying item); own table, as they are salted apart. */
  private readonly wrapKeys = new KeyTable(WRAP_KEYS_MIN);
  /** Template bands as used by accounts rotating through proxy exits only (their anchors rotate too). */
  private readonly poolTemplateKeys = new KeyTable(POOL_KEYS_MIN);
  private readonly systemKeys = new KeyTable(1 << 20);
  private readonly toolsetKeys = new KeyTable(1 << 18);
  private readonly modelFirstSeen = new Map<string, number>();
  private readonly tierVolumes = new Map<string, Float64Array>();
  private readonly signups = new SignupBursts();
  private firstMs: number | null = null;
  private nowMs = 0;
  /** Events whose time was earlier than one already seen. */
  lateEvents = 0;
  private readonly scratch: Evidence[] = [];
  private readonly trusted = new Set<number>();
  private readonly systemSignals: SystemSignalCache = new Map();

  constructor(readonly policy: Policy = DEFAULT_POLICY) {}

  /** Feeds one event; for requests, returns the decision made on the state before the request. */
  process(e: EngineInput, explain = false, features?: RequestFeatures): Decision | null {
    let ts = e.tsMs;
    if (this.firstMs === null) this.firstMs = ts;
    if (ts < this.nowMs) {
      this.lateEvents++;
      ts = this.nowMs;
    } else this.nowMs = ts;
    if (e.type === 'account') {
      this.onAccount(e, ts);
      return null;
    }
    return this.onRequest(e, ts, explain, features);
  }

  private state(id: string): AccountState {
    let a = this.accounts.get(id);
    if (a === undefined) {
      a = new AccountState(this.byIndex.length, id);
      this.accounts.set(id, a);
      this.byIndex.push(a);
      this.clusters.add(a.index, id);
      this.templateKeys.cap = Math.max(TEMPLATE_KEYS_MIN, this.byIndex.length * TEMPLATE_KEYS_PER_ACCOUNT);
      this.wrapKeys.cap = Math.max(WRAP_KEYS_MIN, this.byIndex.length * WRAP_KEYS_PER_ACCOUNT);
      this.poolTemplateKeys.cap = Math.max(POOL_KEYS_MIN, this.byIndex.length);
    }
    return a;
  }

  private onAccount(e: AccountInput, ts: number): void {
    const a = this.state(e.account);
    const isNew = a.createdMs === undefined;
    if (e.org !== undefined) a.org = e.org;
    if (e.tier !== undefined) a.tier = e.tier;
    if (e.kyc !== undefined) a.kyc = e.kyc;
    this.refreshTrust(a);
    if (isNew) a.createdMs = ts;
    if (e.paymentFingerprint !== undefined && e.paymentFingerprint !== a.paymentFingerprint) {
      a.paymentFingerprint = e.paymentFingerprint;
      const anchor = this.paymentKeys.touch(e.paymentFingerprint, a.index);
      if (anchor !== a.index && this.link(a, anchor, LINK.payment)) this.clusters.totalsOf(a.index).paymentLinks++;
    }
    if (e.signupIp !== undefined && e.signupIp !== a.signupIp) {
      a.signupIp = e.signupIp;
      // Address space, even an exact address: campuses, NATs and residential proxy exits (which
      // are people's home addresses) put strangers on one.
      this.link(a, this.signupIpKeys.touch(e.signupIp, a.index), LINK.signupIp, 'signupNetwork');
      this.link(a, this.signupSubnetKeys.touch(subnetKey(e.signupIp), a.index), LINK.signupSubnet, 'signupNetwork');
    }
    if (e.emailDomain !== undefined && e.emailDomain !== a.emailDomain) {
      a.emailDomain = e.emailDomain;
      const anchor = this.domainKeys.touch(e.emailDomain.toLowerCase(), a.index);
      // A domain many unrelated people use (a public mail provider) says nothing about who runs an account.
      this.link(a, anchor, LINK.emailDomain * Math.min(1, DOMAIN_SHARED_BY / this.domainKeys.lastCount));
    }
    if (isNew) this.noteSignup(a, e.createdMs ?? ts);
    this.checkFlag(a, ts);
  }

  /** Signups landing in a window far busier than usual are a burst; burst members link to each other. */
  private noteSignup(a: AccountState, createdMs: number): void {
    const news = this.signups.add(a.index, createdMs, a.emailDomain?.toLowerCase());
    if (news.all !== null) this.linkBurst(news.all, LINK.burst, 'burst');
    if (news.domain !== null) this.linkBurst(news.domain, LINK.domainBurst, 'other');
  }

  private linkBurst(news: BurstNews, weight: number, kind: LinkKind): void {
    for (const m of news.members) {
      const member = this.byIndex[m] as AccountState;
      if (!member.inBurst) {
        member.inBurst = true;
        this.clusters.totalsOf(m).burstMembers++;
      }
      this.link(member, news.anchor, weight, kind);
    }
  }

  private refreshTrust(a: AccountState): void {
    if (isTrusted(this.policy, { account: a.id, org: a.org, tier: a.tier, kyc: a.kyc })) {
      this.trusted.add(a.index);
    } else this.trusted.delete(a.index);
  }

  /** `features` may come precomputed (replay extracts them in worker threads: they are pure per request). */
  private onRequest(e: RequestInput, ts: number, explain: boolean, features?: RequestFeatures): Decision {
    const a = this.state(e.account);
    // Decide on the state before this request (the gateway does the same: features are extracted after).
    const before = this.score(a, explain);
    this.checkFlagWith(a, ts, before.score);
    if (a.firstFlagMs === null) a.requestsBeforeFlag++;
    const action = actionFor(this.policy, before.score, this.trusted.has(a.index));
    const decision: Decision = {
      action: this.policy.shadow ? 'allow' : action,
      score: before.score,
      shadow: this.policy.shadow && action !== 'allow',
      cluster: before.cluster,
      reasons: before.reasons,
    };

    const f = features ?? requestFeatures(e, this.systemSignals);
    if (a.requests === 0 || ts - a.lastMs >= SESSION_GAP) this.noteSessionStart(a, ts);
    const prevDay = a.day;
    const prevCount = a.dayCount;
    a.observe(ts, f);
    this.noteVolume(a, prevDay, prevCount);
    this.noteModel(a, e.model, ts);
    this.addToCluster(a, f);
    this.coordinate(a, e, f);
    a.ownPoints = accountPoints(a, this.scratch);
    this.checkFlag(a, ts);
    return decision;
  }

  /**
   * Volume against the tier's population: a log2 histogram of completed
   * account-days per tier (bounded), and where this account's rate falls in it.
   */
  private noteVolume(a: AccountState, prevDay: number, prevCount: number): void {
    let hist = this.tierVolumes.get(a.tier);
    // Buckets, then the running total of account-days in the last slot.
    if (hist === undefined) this.tierVolumes.set(a.tier, (hist = new Float64Array(VOLUME_BUCKETS + 1)));
    if (a.day !== prevDay && prevDay >= 0) {
      const b = volumeBucket(prevCount);
      hist[b] = (hist[b] as number) + 1;
      hist[VOLUME_BUCKETS] = (hist[VOLUME_BUCKETS] as number) + 1;
    }
    const total = hist[VOLUME_BUCKETS] as number;
    if (total < MIN_TIER_DAYS) {
      a.tierRank = 0;
      return;
    }
    const bucket = volumeBucket(Math.max(a.dailyRate(), a.dayCount));
    let below = 0;
    for (let i = 0; i < bucket; i++) below += hist[i] as number;
    a.tierRank = below / total;
  }

  /**
   * Synchronized timing: members of one cluster starting their sessions together (one scheduler
   * driving many accounts). Counted per cluster against what its start rate would give by chance.
   */
  private noteSessionStart(a: AccountState, ts: number): void {
    const t = this.clusters.totalsOf(a.index);
    const w = Math.floor(ts / SYNC_WINDOW_MS);
    t.sessionStarts++;
    if (t.firstStartMs > ts) t.firstStartMs = ts;
    if (t.lastStartMs < ts) t.lastStartMs = ts;
    if (w === t.syncWindow) t.syncStarts++;
    else t.syncWindow = w;
  }

  private noteModel(a: AccountState, model: string | undefined, ts: number): void {
    if (model === undefined) return;
    let first = this.modelFirstSeen.get(model);
    if (first === undefined) {
      if (this.modelFirstSeen.size >= 10_000) return;
      this.modelFirstSeen.set(model, (first = ts));
    }
    // A model is "new" when it appears after the log began; early heavy use of it is a pivot.
    if (first - (this.firstMs ?? first) >= DAY && ts - first <= 2 * DAY) a.newModelEarly++;
  }

  private addToCluster(a: AccountState, f: RequestFeatures): void {
    const t = this.clusters.totalsOf(a.index);
    t.requests++;
    if (f.extractionCue) t.extract++;
    else if (f.elicitation === 1) t.stepwise++;
    if (f.toolTrace) t.toolTrace++;
    if (f.harvestSampling) t.harvest++;
    if (f.bigOutput) t.bigOutput++;
    const slot = f.topic % t.topics.length;
    t.topics[slot] = (t.topics[slot] as number) + 1;
  }

  private coordinate(a: AccountState, e: RequestInput, f: RequestFeatures): void {
    // The same address as last time is the newest subnet in the ring: nothing to note.
    if (e.ip !== undefined && e.ip !== a.lastIp) {
      a.lastIp = e.ip;
      const subnet = subnetKey(e.ip);
      const h = KeyTable.hash(subnet);
      if (a.noteSubnet(h)) {
        a.newSubnets++;
        this.clusters.totalsOf(a.index).newSubnets++;
        this.link(a, this.subnetKeys.touch(subnet, a.index), LINK.requestSubnet, 'requestSubnet');
      }
    }
    if (f.bands !== null) {
      let best = -1;
      let bestCount = 0;
      let campaign = -1;
      const consider = (table: KeyTable, key: number): void => {
        const anchor = table.touchNumber(key, a.index);
        const count = table.lastCount;
        if (anchor !== a.index && count > bestCount) {
          best = anchor;
          bestCount = count;
        }
        // An extraction request on a template that a flagged (untrusted) cluster uses.
        if (f.extractionCue && campaign < 0 && anchor !== a.index && count >= 3 && this.clusters.find(anchor) !== this.clusters.find(a.index)) {
          if (this.clusters.totalsOf(anchor).flaggedMembers >= ASSOCIATION_MIN_FLAGGED) campaign = anchor;
        }
      };
      for (let b = 0; b < 4; b++) consider(this.templateKeys, f.bands[b] as number);
      if (f.wrapBands !== null) for (const b of WRAP_BANDS_KEPT) consider(this.wrapKeys, f.wrapBands[b] as number);
      if (rotatesExits(a)) this.linkPoolTemplate(a, f.bands, f.wrapBands);
      if (campaign >= 0) {
        a.campaignTemplateHits++;
        a.campaignTemplateCluster = this.clusters.totalsOf(campaign).id;
      }
      if (best >= 0 && bestCount >= 2) {
        a.templateShared++;
        if (bestCount - 1 > a.templateSharedWith) a.templateSharedWith = bestCount - 1;
        const t = this.clusters.totalsOf(a.index);
        if (this.clusters.find(best) === this.clusters.find(a.index)) t.templateRepeats++;
        else this.link(a, best, LINK.template, 'template');
      }
    }
    if (f.systemHash !== 0 && f.systemHash !== a.lastSystemHash) {
      a.lastSystemHash = f.systemHash;
      // A system prompt or a tool set is phrasing too: apps built on one open-source template share it.
      this.link(a, this.systemKeys.touchNumber(f.systemHash, a.index), LINK.systemPrompt, 'systemPrompt');
    }
    if (f.toolsHash !== 0 && f.toolsHash !== a.lastToolsHash) {
      a.lastToolsHash = f.toolsHash;
      this.link(a, this.toolsetKeys.touchNumber(f.toolsHash, a.index), LINK.toolset, 'systemPrompt');
    }
  }

  /**
   * Accounts that rotate through proxy exits and send the same templates: the strongest of this
   * request's bands links once (a single look-alike prompt hits several bands at once).
   */
  private linkPoolTemplate(a: AccountState, bands: Uint32Array, wrapBands: Uint32Array | null): void {
    const table = this.poolTemplateKeys;
    let best = -1;
    let bestCount = 1;
    const consider = (key: number) => {
      const anchor = table.touchNumber(key, a.index);
      if (anchor !== a.index && table.lastCount > bestCount) {
        best = anchor;
        bestCount = table.lastCount;
      }
    };
    consider(bands[0] as number);
    if (wrapBands !== null) consider(wrapBands[0] as number);
    else consider(bands[1] as number);
    if (best >= 0) this.link(a, best, LINK.poolTemplate);
  }

  /** Adds evidence between `a` and the cluster of `anchor`; merges at 1. Returns true when it merged. */
  private link(a: AccountState, anchor: number, weight: number, kind: LinkKind = 'other'): boolean {
    const cl = this.clusters;
    if (anchor < 0 || anchor === a.index) return false;
    const target = cl.find(anchor);
    const mine = cl.find(a.index);
    if (target === mine) return false;
    let entry: Link | undefined;
    for (const l of a.links) {
      l.root = cl.find(l.root);
      if (l.root === target) entry = l;
    }
    if (entry === undefined) {
      if (a.links.length >= MAX_LINKS) {
        let min = 0;
        for (let i = 1; i < a.links.length; i++) if ((a.links[i] as Link).weight < (a.links[min] as Link).weight) min = i;
        a.links.splice(min, 1);
      }
      entry = { root: target, weight: 0, template: 0, systemPrompt: 0, requestSubnet: 0, network: 0 };
      a.links.push(entry);
    }
    // Weak kinds are capped per kind, and shared phrasing plus shared address space together stay
    // short of a merge: that takes one more kind of evidence (a domain, a signup address, a card…).
    const weak = kind !== 'other';
    if (kind === 'template' || kind === 'requestSubnet') weight = Math.min(weight, LINK_CAP[kind] - entry[kind]);
    // …unless the account itself behaves like a harvester: then shared phrasing and shared exits
    // are enough (logs without account events carry no cards, domains or signup addresses).
    // The same holds for an account rotating through proxy exits: exits it shares are its pool's.
    if (weak && !harvesterLike(a) && !rotatesExits(a)) weight = Math.min(weight, WEAK_PAIR_CAP - entry.template - entry.systemPrompt - entry.network);
    if (weight <= 0) return false;
    if (kind === 'template') entry.template += weight;
    if (kind === 'systemPrompt') entry.systemPrompt += weight;
    if (kind === 'requestSubnet') entry.requestSubnet += weight;
    if (kind === 'requestSubnet' || kind === 'signupNetwork' || kind === 'burst') entry.network += weight;
    entry.weight += weight;
    if (entry.weight < 1) return false;
    cl.union(mine, target);
    a.links = a.links.filter((l) => cl.find(l.root) !== cl.find(a.index));
    return true;
  }

  private checkFlag(a: AccountState, ts: number): void {
    if (a.firstFlagMs !== null) return;
    this.checkFlagWith(a, ts, this.score(a, false).score);
  }

  private checkFlagWith(a: AccountState, ts: number, score: number): void {
    if (a.firstFlagMs === null && score >= this.policy.flag_at) {
      a.firstFlagMs = ts;
      // Trusted accounts flagged for review do not make their neighbours suspect.
      if (!this.trusted.has(a.index)) this.clusters.totalsOf(a.index).flaggedMembers++;
    }
  }

  /**
   * Guilt by association: partial links (a shared signup network, email domain,
   * exits or templates, not yet enough to merge) toward a cluster that already
   * has flagged members. Read at decision time, since it changes with others.
   */
  private associationEvidence(a: AccountState, out: Evidence[], explain: boolean): void {
    const harvester = harvesterLike(a);
    let points = 0;
    let strongest: ClusterTotals | null = null;
    let strongestWeight = 0;
    for (const l of a.links) {
      const t = this.clusters.totalsOf(l.root);
      if (t.flaggedMembers < ASSOCIATION_MIN_FLAGGED || this.clusters.find(l.root) === this.clusters.find(a.index)) continue;
      // Shared phrasing or address space is not association (many people ask alike; clouds,
      // carriers and campuses put strangers in one subnet).
      // …unless the account shows extraction behaviour itself: then shared templates and exits with
      // a flagged cluster are association too.
      const w = Math.min(1, harvester ? l.weight - l.template / 2 : l.weight - l.template - l.network);
      if (w < 0.2) continue;
      points += ASSOCIATION_POINTS * w;
      if (w > strongestWeight) {
        strongestWeight = w;
        strongest = t;
      }
    }
    if (points <= 0 || strongest === null) return;
    out.push({
      points: Math.min(ASSOCIATION_CAP, points),
      reason: explain ? `shares signup, network or template details with flagged cluster ${strongest.id} (${strongest.flaggedMembers.toLocaleString('en-US')} flagged accounts)` : '',
    });
  }

  private clusterOf(a: AccountState): ClusterTotals | null {
    const t = this.clusters.totalsOf(a.index);
    return t.members >= MIN_CLUSTER ? t : null;
  }

  /** Risk of an account now: its own behaviour plus its cluster's, which every member inherits. */
  score(a: AccountState, explain: boolean): { score: number; cluster: string | null; reasons: string[] } {
    const ev = this.scratch;
    ev.length = 0;
    const t = this.clusterOf(a);
    let points: number;
    if (explain) {
      // Summed in the same order as the cached path, so both give the same number to the last bit.
      accountEvidence(a, ev);
      const own = sumPoints(ev);
      const shared: Evidence[] = [];
      if (t !== null) clusterEvidence(t, shared);
      this.associationEvidence(a, shared, true);
      points = own + sumPoints(shared);
      ev.push(...shared);
    } else {
      // Own evidence only changes with the account's own requests: cached after each.
      if (t !== null) clusterEvidence(t, ev, false);
      this.associationEvidence(a, ev, false);
      points = a.ownPoints + sumPoints(ev);
    }
    const score = Math.round(riskOf(points) * 1000) / 1000;
    return { score, cluster: t?.id ?? null, reasons: explain ? sortReasons(ev) : [] };
  }

  /** The current decision for an account (the gateway asks this before forwarding). */
  decide(accountId: string, explain = true): Decision {
    const a = this.accounts.get(accountId);
    if (a === undefined) return { action: 'allow', score: 0, shadow: false, cluster: null, reasons: [] };
    const s = this.score(a, explain);
    const action = actionFor(this.policy, s.score, this.trusted.has(a.index));
    return {
      action: this.policy.shadow ? 'allow' : action,
      score: s.score,
      shadow: this.policy.shadow && action !== 'allow',
      cluster: s.cluster,
      reasons: s.reasons,
    };
  }

  /** One verdict per account seen, in order of first appearance. */
  *verdicts(): Generator<Verdict> {
    for (const a of this.byIndex) {
      const s = this.score(a, true);
      const action = actionFor(this.policy, s.score, this.trusted.has(a.index));
      yield {
        account: a.id,
        flagged: a.firstFlagMs !== null,
        first_flag_ts: a.firstFlagMs === null ? null : new Date(a.firstFlagMs).toISOString(),
        requests_before_flag: a.requestsBeforeFlag,
        requests_total: a.requests,
        action,
        score: s.score,
        cluster: s.cluster,
        reasons: s.reasons,
      };
    }
  }

  stats(): { accounts: number; clusters: number } {
    const roots = new Set<number>();
    for (const a of this.byIndex) {
      const t = this.clusters.totalsOf(a.index);
      if (t.members >= MIN_CLUSTER) roots.add(this.clusters.find(a.index));
    }
    return { accounts: this.byIndex.length, clusters: roots.size };
  }
}
