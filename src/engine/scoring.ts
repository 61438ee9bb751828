import type { AccountState } from './account-state.js';
import type { ClusterTotals } from './clusters.js';

/**
 * Risk as additive evidence: each behaviour contributes points (roughly
 * log-odds) and a reason; risk = 1 - exp(-points / 2), so about 1.4 points
 * reach 0.5. Reasons are sorted by the points they carry, most important
 * first. Shares are shrunk toward zero with a prior of PRIOR requests so a
 * handful of requests can never make a pattern.
 */
export interface Evidence {
  points: number;
  reason: string;
}

const PRIOR = 8;

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

function shrunk(count: number, total: number): number {
  return count / (total + PRIOR);
}

export function riskOf(points: number): number {
  return points <= 0 ? 0 : 1 - Math.exp(-points / 2);
}

/** Evidence from one account's own behaviour. */
export function accountEvidence(a: AccountState, out: Evidence[]): void {
  const n = a.requests;
  if (n === 0) return;
  const extract = shrunk(a.extract, n);
  if (a.extract >= 3 && extract > 0.08) {
    const parts: string[] = [];
    if (a.elicitStrong > 0) parts.push(`reasoning-trace elicitation ${pct(a.elicitStrong / n)}`);
    if (a.grading > 0) parts.push(`rubric/judge grading ${pct(a.grading / n)}`);
    if (a.rewrite > 0) parts.push(`safe-rewrite requests ${pct(a.rewrite / n)}`);
    out.push({ points: 4.5 * (extract - 0.05), reason: `${parts.join(', ')} of ${n} requests` });
  }
  const kinds = (a.elicitStrong >= 2 ? 1 : 0) + (a.grading >= 2 ? 1 : 0) + (a.rewrite >= 2 ? 1 : 0);
  if (kinds >= 2) out.push({ points: 0.6 * kinds, reason: 'combines reasoning elicitation, grading and rewrite requests (reward-model and trace harvesting)' });

  const harvest = shrunk(a.harvest, n);
  if (a.harvest >= 3 && harvest > 0.05) out.push({ points: 2 * harvest, reason: `bulk sampling (n > 1 or logprobs) in ${pct(a.harvest / n)} of requests` });

  if (n >= 20) {
    const repeat = a.templateRepeats / n;
    const breadth = a.topicBreadth();
    if (repeat > 0.4 && breadth > 0.6) {
      out.push({ points: 2 * repeat * breadth, reason: `systematic sweep: templated prompts (${pct(repeat)} repeat a skeleton) across ${topicCount(a)} capability areas` });
    }
  }
  if (a.templateSharedWith >= 3 && a.templateShared >= 3) {
    const share = shrunk(a.templateShared, n);
    out.push({
      points: Math.min(1.2, 0.25 * Math.log2(a.templateSharedWith)) * Math.min(1, share * 2),
      reason: `shares template fingerprints with ${a.templateSharedWith.toLocaleString('en-US')} other accounts`,
    });
  }

  // Heavy automated use (volume, no rest, bulk outputs, agent loops, early adoption) is what
  // extraction looks like, and also what a coding-agent company or an eval team looks like:
  // together these are capped below the flag line, so they only add to other evidence.
  const heavy: Evidence[] = [];
  const rate = a.dailyRate();
  if (rate >= 300) heavy.push({ points: Math.min(0.8, 0.3 * Math.log2(rate / 150)), reason: `high volume: ${Math.round(rate).toLocaleString('en-US')} requests per active day` });
  if (n >= 100 && a.activeDays >= 2 && a.restRatio() > 0.6) heavy.push({ points: 0.4, reason: 'active around the clock with no rest period (automation)' });
  const bulk = shrunk(a.bigOutput, n);
  if (a.bigOutput >= 10 && bulk > 0.5 && rate >= 100) heavy.push({ points: 0.4 * bulk, reason: `asks for bulk output (≥ 4k tokens) in ${pct(a.bigOutput / n)} of requests` });
  const tools = shrunk(a.toolTrace, n);
  if (a.toolTrace >= 10 && tools > 0.4 && rate >= 150) heavy.push({ points: 0.5 * tools, reason: `multi-turn tool-use traces in ${pct(a.toolTrace / n)} of requests at ${Math.round(rate)} per day` });
  if (a.newModelEarly >= 20 && a.newModelEarly / n > 0.1) heavy.push({ points: 0.3, reason: `moved to a newly released model within hours (${a.newModelEarly} requests in its first 48 h)` });
  const heavyTotal = sumPoints(heavy);
  const scale = heavyTotal > HEAVY_CAP ? HEAVY_CAP / heavyTotal : 1;
  for (const h of heavy) out.push({ points: h.points * scale, reason: h.reason });
}

/** Most that heavy automated use alone contributes (risk 0.4 at most: below the default flag line). */
const HEAVY_CAP = 1.0;

function topicCount(a: AccountState): number {
  let total = 0;
  for (const c of a.topics) total += c;
  let k = 0;
  for (const c of a.topics) if (c >= Math.max(2, total * 0.03)) k++;
  return k;
}

/** Evidence from the account's cluster (at least three accounts linked by shared infrastructure or templates). */
export function clusterEvidence(t: ClusterTotals, out: Evidence[]): void {
  if (t.members < 3) return;
  const n = t.requests;
  const members = t.members.toLocaleString('en-US');
  let behaviour = 0;
  if (n > 0) {
    const extract = shrunk(t.extract, n);
    if (t.extract >= 5 && extract > 0.06) {
      behaviour += 4.5 * (extract - 0.04);
      out.push({ points: 4.5 * (extract - 0.04), reason: `cluster ${t.id} of ${members} accounts: extraction prompts (reasoning/grading/rewrite) in ${pct(t.extract / n)} of ${n.toLocaleString('en-US')} requests` });
    }
    const repeat = t.templateRepeats / n;
    if (n >= 50 && repeat > 0.3) {
      behaviour += 1.2 * repeat;
      out.push({ points: 1.2 * repeat, reason: `cluster ${t.id}: ${pct(repeat)} of its requests repeat shared template skeletons` });
    }
    const tools = shrunk(t.toolTrace, n);
    if (t.toolTrace >= 20 && tools > 0.3) {
      behaviour += 0.8 * tools;
      out.push({ points: 0.8 * tools, reason: `cluster ${t.id}: multi-turn tool-use traces in ${pct(t.toolTrace / n)} of requests` });
    }
    const harvest = shrunk(t.harvest, n);
    if (t.harvest >= 5 && harvest > 0.04) {
      behaviour += 2 * harvest;
      out.push({ points: 2 * harvest, reason: `cluster ${t.id}: bulk sampling (n > 1, logprobs) in ${pct(t.harvest / n)} of requests` });
    }
  }
  // Shared infrastructure says "one operator"; alone it is not abuse (a class behind one NAT is
  // one place, not one attacker), so it only amplifies behavioural evidence.
  let infra = 0;
  const infraReasons: string[] = [];
  if (t.paymentLinks >= 2) {
    infra += 0.8;
    infraReasons.push(`${t.paymentLinks} accounts share payment methods`);
  }
  if (t.rotating / t.members > 0.3) {
    infra += 0.7;
    infraReasons.push(`${pct(t.rotating / t.members)} of members on rotating IPs`);
  }
  if (t.burstMembers / t.members > 0.3) {
    infra += 0.4;
    infraReasons.push(`${pct(t.burstMembers / t.members)} created in signup bursts`);
  }
  if (infra > 0 && behaviour > 0.15) {
    out.push({ points: Math.min(infra, behaviour * 2 + 0.3), reason: `cluster ${t.id} of ${members} accounts: ${infraReasons.join(', ')}` });
  }
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
