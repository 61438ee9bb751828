import { TOPIC_SLOTS, type AccountState } from './account-state.js';
import { SYNC_WINDOW_MS, type ClusterTotals } from './clusters.js';

/**
 * Risk as additive evidence: each finding carries points (roughly log-odds)
 * and a reason; risk = 1 - exp(-points / 2), so about 1.4 points reach 0.5.
 * Findings come in three kinds, and the kinds are what keeps legitimate heavy
 * users safe:
 * - behaviour: what extraction does (reasoning-trace elicitation, judge /
 *   reward-model grading, safe-rewrite requests, bulk sampling, templated
 *   sweeps across capability areas). Uncapped.
 * - heavy use: volume, no rest, bulk outputs, agent loops, early adoption of
 *   a new model. Extraction looks like this, and so does a coding-agent
 *   company: capped at HEAVY_CAP, below the flag line.
 * - coordination: shared templates, shared payment methods, rotating proxy
 *   exits, signup bursts. Says "one operator", not "abuse" (a class behind one
 *   NAT shares an address and its homework): shared templates amplify
 *   behaviour (at most to twice its points); fraud-style infrastructure
 *   (cards shared across accounts, rotating exits, bursts) also amplifies
 *   heavy use, which a legitimate agent company does without it.
 * Shares are shrunk toward zero with a prior of PRIOR requests so a handful
 * of requests never makes a pattern. Reasons are only assembled when asked
 * for (the request path only needs the points).
 */
export interface Evidence {
  points: number;
  reason: string;
}

const PRIOR = 8;
const HEAVY_CAP = 1.0;
const COORDINATION_CAP = 1.6;

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

function shrunk(count: number, total: number): number {
  return count / (total + PRIOR);
}

function num(n: number): string {
  return n.toLocaleString('en-US');
}

export function riskOf(points: number): number {
  return points <= 0 ? 0 : 1 - Math.exp(-points / 2);
}

/** Normalized entropy (0..1) of a topic histogram: how many capability areas, how evenly. */
export function breadth(topics: Uint32Array): number {
  let total = 0;
  for (const c of topics) total += c;
  if (total === 0) return 0;
  let h = 0;
  for (const c of topics) {
    if (c === 0) continue;
    const p = c / total;
    h -= p * Math.log(p);
  }
  return h / Math.log(12);
}

function areas(topics: Uint32Array): number {
  let total = 0;
  for (const c of topics) total += c;
  let k = 0;
  for (const c of topics) if (c >= Math.max(2, total * 0.03)) k++;
  return k;
}

/** Adds a group of findings, scaled down together when they exceed `cap`; returns the points added. */
function addCapped(out: Evidence[], group: Evidence[], cap: number): number {
  const total = sumPoints(group);
  const scale = total > cap ? cap / total : 1;
  for (const e of group) out.push({ points: e.points * scale, reason: e.reason });
  return Math.min(total, cap);
}

/** Evidence from one account's own behaviour. */
export function accountEvidence(a: AccountState, out: Evidence[], explain = true): void {
  const n = a.requests;
  if (n === 0) return;
  let behaviour = 0;
  const push = (points: number, reason: string) => {
    out.push({ points, reason });
    behaviour += points;
  };
  const extract = shrunk(a.extract, n);
  if (a.extract >= 3 && extract > 0.08) {
    const parts: string[] = [];
    if (explain && a.elicitStrong > 0) parts.push(`reasoning-trace elicitation in ${pct(a.elicitStrong / n)}`);
    if (explain && a.grading > 0) parts.push(`rubric/judge grading in ${pct(a.grading / n)}`);
    if (explain && a.rewrite > 0) parts.push(`safe-rewrite requests in ${pct(a.rewrite / n)}`);
    push(4.5 * (extract - 0.05), !explain ? '' : `${parts.join(', ')} of ${num(n)} requests`);
  }
  // A few of each in a long history is ordinary curiosity; a steady share of each is a pipeline.
  const steady = (c: number) => (c >= 2 && c >= 0.03 * n ? 1 : 0);
  const kinds = steady(a.elicitStrong) + steady(a.grading) + steady(a.rewrite);
  // "Reason step by step" on nearly everything, at volume, is how chain-of-thought datasets are
  // harvested (and how CoT evals run: trust softens those to review).
  const stepwise = shrunk(a.elicitWeak + a.elicitStrong, n);
  if (n >= 30 && stepwise > 0.5) push(2 * (stepwise - 0.5), !explain ? '' : `asks for step-by-step reasoning in ${pct((a.elicitWeak + a.elicitStrong) / n)} of ${num(n)} requests`);
  if (kinds >= 2) push(0.6 * kinds, 'combines reasoning elicitation, grading and rewrite requests (reward-model and trace harvesting)');
  // Extraction requests on a flagged cluster's templates: a repeated pattern and a real share of
  // the account's traffic, not one look-alike question (the first is free); it does not unlock
  // the shared-template amplifier below.
  if (a.campaignTemplateHits >= 2) {
    out.push({
      points: Math.min(1.2, 0.4 * (a.campaignTemplateHits - 1)) * Math.min(1, 10 * shrunk(a.campaignTemplateHits, n)),
      reason: !explain ? '' : `${num(a.campaignTemplateHits)} extraction requests on templates of flagged cluster ${a.campaignTemplateCluster}`,
    });
  }
  const harvest = shrunk(a.harvest, n);
  if (a.harvest >= 3 && harvest > 0.05) push(2 * harvest, !explain ? '' : `bulk sampling (n > 1 or logprobs) in ${pct(a.harvest / n)} of requests`);
  if (n >= 20) {
    const repeat = a.templateRepeats / n;
    const b = breadth(a.topics);
    if (repeat > 0.4 && b > 0.7) push(2 * repeat * b, !explain ? '' : `systematic sweep: templated prompts (${pct(repeat)} repeat a skeleton) across ${areas(a.topics)} capability areas`);
  }

  const heavy: Evidence[] = [];
  const rate = a.dailyRate();
  if (rate >= 300) heavy.push({ points: Math.min(0.8, 0.3 * Math.log2(rate / 150)), reason: !explain ? '' : `high volume: ${num(Math.round(rate))} requests per active day` });
  if (n >= 100 && a.activeDays >= 2 && a.restRatio() > 0.6) heavy.push({ points: 0.4, reason: 'active around the clock with no rest period (automation)' });
  const bulk = shrunk(a.bigOutput, n);
  if (a.bigOutput >= 10 && bulk > 0.5 && rate >= 100) heavy.push({ points: 0.4 * bulk, reason: !explain ? '' : `asks for bulk output (≥ 4k tokens) in ${pct(a.bigOutput / n)} of requests` });
  const tools = shrunk(a.toolTrace, n);
  if (a.toolTrace >= 10 && tools > 0.4 && rate >= 150) heavy.push({ points: 0.5 * tools, reason: !explain ? '' : `multi-turn tool-use traces in ${pct(a.toolTrace / n)} of requests at ${num(Math.round(rate))} per day` });
  if (a.completedDays >= 3 && a.dayCount >= 100 && a.dayCount > 5 * Math.max(10, a.usualDaily)) {
    heavy.push({ points: 0.4, reason: !explain ? '' : `volume spike: ${num(a.dayCount)} requests today against a usual ${num(Math.round(a.usualDaily))} per day` });
  }
  if (a.tierRank >= 0.995 && Math.max(rate, a.dayCount) >= 100) heavy.push({ points: 0.4, reason: !explain ? '' : `busier than 99.5% of ${a.tier}-tier account-days` });
  if (a.gaps >= 50 && a.gapSpread() < 0.5) heavy.push({ points: 0.3, reason: 'requests at machine-regular intervals' });
  if (n >= 50 && a.multiTurn / n < 0.02 && rate >= 200) heavy.push({ points: 0.2, reason: !explain ? '' : 'single-turn requests only, no conversation' });
  if (a.newModelEarly >= 20 && a.newModelEarly / n > 0.1) heavy.push({ points: 0.3, reason: !explain ? '' : `moved to a newly released model within hours (${num(a.newModelEarly)} requests in its first 48 h)` });
  addCapped(out, heavy, HEAVY_CAP);

  const coordination: Evidence[] = [];
  if (a.templateSharedWith >= 3 && a.templateShared >= 3) {
    const share = shrunk(a.templateShared, n);
    coordination.push({
      points: Math.min(1.2, 0.25 * Math.log2(a.templateSharedWith)) * Math.min(1, share * 2),
      reason: !explain ? '' : `shares template fingerprints with ${num(a.templateSharedWith)} other accounts`,
    });
  }
  // A different network on most requests: a rotating proxy pool (people move between two or three).
  if (n >= 6 && a.newSubnets / n > 0.5) {
    coordination.push({ points: 0.6 * (a.newSubnets / n), reason: !explain ? '' : `rotating exits: ${num(a.newSubnets)} different networks in ${num(n)} requests` });
  }
  addCapped(out, coordination, Math.min(COORDINATION_CAP, 2 * behaviour));
}

/** The points of an account's own evidence, without assembling reasons (the hot path). */
export function accountPoints(a: AccountState, scratch: Evidence[]): number {
  scratch.length = 0;
  accountEvidence(a, scratch, false);
  return sumPoints(scratch);
}

/** Evidence from the account's cluster (accounts linked by shared infrastructure or templates), which every member inherits. */
export function clusterEvidence(t: ClusterTotals, out: Evidence[], explain = true): void {
  if (t.members < 3 || t.requests === 0) return;
  const n = t.requests;
  const who = explain ? `cluster ${t.id} of ${num(t.members)} accounts` : '';
  let behaviour = 0;
  const push = (points: number, reason: string) => {
    out.push({ points, reason });
    behaviour += points;
  };
  const extract = shrunk(t.extract, n);
  // The same share across more coordinated accounts is more evidence, not less: it grows with the
  // cluster's size (x1.5 at 10 accounts, x2 at 100, x2.5 at 1,000).
  const breadthOfOperation = 1 + Math.log10(t.members) / 2;
  if (t.extract >= 5 && extract > 0.06) push(4.5 * (extract - 0.04) * breadthOfOperation, !explain ? '' : `${who}: extraction prompts (reasoning/grading/rewrite) in ${pct(t.extract / n)} of ${num(n)} requests`);
  // "Reason step by step" on most requests of a cluster run through shared cards or rotating
  // exits: chain-of-thought harvesting spread thin (a class or an eval team asks alike, from
  // its own network and cards).
  const stepwise = shrunk(t.stepwise, n);
  // Exits that keep changing (a member's first use of a subnet in many of its requests): a rotating proxy pool.
  const rotating = n >= 20 && t.newSubnets / n > 0.15;
  const fraudInfra = t.paymentLinks >= 2 || rotating;
  if (fraudInfra && n >= 50 && stepwise > 0.3) push(2 * (stepwise - 0.25) * breadthOfOperation, !explain ? '' : `${who}: asks for step-by-step reasoning in ${pct(t.stepwise / n)} of ${num(n)} requests`);
  const harvest = shrunk(t.harvest, n);
  if (t.harvest >= 5 && harvest > 0.04) push(2 * harvest, !explain ? '' : `${who}: bulk sampling (n > 1, logprobs) in ${pct(t.harvest / n)} of requests`);
  const repeat = t.templateRepeats / n;
  const b = breadth(t.topics);
  if (n >= 50 && repeat > 0.3 && b > 0.6) push(1.5 * repeat * b, !explain ? '' : `${who}: systematic sweep, ${pct(repeat)} of requests repeat shared templates across ${areas(t.topics)} capability areas`);

  // The cluster's heavy use (agent loops, bulk outputs) adds no points of its own (each member's
  // heavy use already counts, capped): it only lets fraud-style infrastructure amplify it.
  const tools = shrunk(t.toolTrace, n);
  const bulk = shrunk(t.bigOutput, n);
  const heavyPoints = (t.toolTrace >= 20 && tools > 0.3 ? 0.6 * tools : 0) + (t.bigOutput >= 20 && bulk > 0.5 ? 0.4 * bulk : 0);

  const templates: Evidence[] = [];
  if (n >= 50 && repeat > 0.3) templates.push({ points: 0.8 * repeat, reason: !explain ? '' : `${who}: ${pct(repeat)} of its requests repeat templates shared between members` });
  // Session starts landing in the same two minutes as another member's far more often than the
  // cluster's start rate gives by chance: one scheduler behind the accounts.
  if (t.sessionStarts >= 30) {
    const windows = Math.max(1, (t.lastStartMs - t.firstStartMs) / SYNC_WINDOW_MS);
    const byChance = 1 - Math.exp(-t.sessionStarts / windows);
    const sync = t.syncStarts / t.sessionStarts;
    if (sync > 0.4 && sync > 2 * byChance) templates.push({ points: 0.6 * sync, reason: !explain ? '' : `${who}: ${pct(sync)} of session starts within two minutes of another member's (synchronized timing)` });
  }
  addCapped(out, templates, Math.min(COORDINATION_CAP, 2 * behaviour));
  // Fraud-style infrastructure (many accounts on one card, rotating proxy exits, signup bursts)
  // also amplifies heavy automated use: a legitimate agent company has neither.
  const coordination: Evidence[] = [];
  if (t.paymentLinks >= 2) coordination.push({ points: 0.8, reason: !explain ? '' : `${who}: ${num(t.paymentLinks)} accounts share payment methods` });
  if (rotating) coordination.push({ points: 0.7, reason: !explain ? '' : `${who}: rotating proxy exits (a new subnet in ${pct(t.newSubnets / n)} of requests)` });
  if (t.burstMembers / t.members > 0.3) coordination.push({ points: 0.4, reason: !explain ? '' : `${who}: ${pct(t.burstMembers / t.members)} created in signup bursts` });
  // All three kinds at once (cards shared across accounts, exits rotating through a proxy pool,
  // accounts created in batches) is an account farm whatever it asks: a company may share a card
  // and onboard a team in one go, but does not also rotate through proxy exits.
  const farm = coordination.length >= 3;
  addCapped(out, coordination, farm ? COORDINATION_CAP : Math.min(COORDINATION_CAP, 2 * behaviour + 1.5 * heavyPoints));
}

export function sortReasons(ev: Evidence[]): string[] {
  return ev
    .filter((e) => e.points > 0.01)
    .sort((x, y) => y.points - x.points)
    .map((e) => e.reason);
}

export function sumPoints(ev: Evidence[]): number {
  let p = 0;
  for (const e of ev) if (e.points > 0) p += e.points;
  return p;
}
