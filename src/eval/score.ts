import type { Verdict } from '../engine/types.js';

/** Labels of benign populations start with these; every other label is an extraction campaign. */
const BENIGN_PREFIXES = ['benign', 'fp_'];
export const isCampaign = (label: string): boolean => !BENIGN_PREFIXES.some((p) => label.startsWith(p));
export const isTrap = (label: string): boolean => label.startsWith('fp_');

export interface ProfileScore {
  label: string;
  campaign: boolean;
  accounts: number;
  flagged: number;
  flaggedPct: number;
  requests: number;
  /** Requests answered before the account was flagged (all requests of never-flagged accounts). */
  answeredBeforeFlag: number;
  answeredBeforeFlagPct: number;
  blocked: number;
  actions: Record<string, number>;
}

export interface EvalScore {
  profiles: ProfileScore[];
  benignAccounts: number;
  benignFlagged: number;
  benignFpRatePct: number;
  trapBlocks: number;
  campaignsMeetingTargets: boolean;
}

/** Scores verdicts against truth labels (the figures of the detection issue's quality bar). */
export function scoreVerdicts(truth: Record<string, string>, verdicts: Iterable<Verdict>): EvalScore {
  const byLabel = new Map<string, ProfileScore>();
  for (const v of verdicts) {
    const label = truth[v.account];
    if (label === undefined) continue;
    let p = byLabel.get(label);
    if (p === undefined) {
      p = { label, campaign: isCampaign(label), accounts: 0, flagged: 0, flaggedPct: 0, requests: 0, answeredBeforeFlag: 0, answeredBeforeFlagPct: 0, blocked: 0, actions: {} };
      byLabel.set(label, p);
    }
    p.accounts++;
    if (v.flagged) p.flagged++;
    if (v.action === 'block') p.blocked++;
    p.actions[v.action] = (p.actions[v.action] ?? 0) + 1;
    p.requests += v.requests_total;
    p.answeredBeforeFlag += v.flagged ? v.requests_before_flag : v.requests_total;
  }
  const profiles = [...byLabel.values()].sort((a, b) => Number(b.campaign) - Number(a.campaign) || a.label.localeCompare(b.label));
  let benignAccounts = 0;
  let benignFlagged = 0;
  let trapBlocks = 0;
  let ok = true;
  for (const p of profiles) {
    p.flaggedPct = round((100 * p.flagged) / Math.max(1, p.accounts));
    p.answeredBeforeFlagPct = round((100 * p.answeredBeforeFlag) / Math.max(1, p.requests));
    if (p.campaign) ok &&= p.flaggedPct >= 97 && p.answeredBeforeFlagPct <= 1;
    else if (isTrap(p.label)) trapBlocks += p.blocked;
    else {
      benignAccounts += p.accounts;
      benignFlagged += p.flagged;
    }
  }
  const benignFpRatePct = round((100 * benignFlagged) / Math.max(1, benignAccounts), 3);
  return { profiles, benignAccounts, benignFlagged, benignFpRatePct, trapBlocks, campaignsMeetingTargets: ok && benignFpRatePct <= 0.1 && trapBlocks === 0 };
}

function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export function formatScore(s: EvalScore): string {
  const rows = [['profile', 'accounts', 'flagged', 'flagged %', 'answered before flag %', 'actions']];
  for (const p of s.profiles) {
    rows.push([
      p.label,
      String(p.accounts),
      String(p.flagged),
      `${p.flaggedPct}`,
      p.campaign ? `${p.answeredBeforeFlagPct}` : '-',
      Object.entries(p.actions).map(([a, n]) => `${a} ${n}`).join(', '),
    ]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const lines = rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  '));
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  lines.push('', `benign (non-trap) false-positive rate: ${s.benignFpRatePct}% (${s.benignFlagged}/${s.benignAccounts}); blocks on trap accounts: ${s.trapBlocks}`);
  return lines.join('\n');
}
