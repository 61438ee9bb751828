import { TOPIC_SLOTS } from './account-state.js';

/**
 * Coordination: a union-find over accounts, merged when accumulated evidence
 * between an account and another account's cluster reaches 1. Each root keeps
 * the cluster's aggregate counters, so a cluster's risk is O(1) to read and
 * every member inherits it. Growth is amortized O(α(n)) per merge.
 */
/** Members' session starts within one window of this size count as synchronized. */
export const SYNC_WINDOW_MS = 2 * 60_000;

export interface ClusterTotals {
  members: number;
  requests: number;
  extract: number;
  /** Requests with only a generic step-by-step ask (weak elicitation). */
  stepwise: number;
  toolTrace: number;
  harvest: number;
  bigOutput: number;
  templateRepeats: number;
  /** First uses of a client subnet by a member: against requests, how fast exits rotate. */
  newSubnets: number;
  /** Links made by a shared payment fingerprint. */
  paymentLinks: number;
  /** Members created inside a signup burst. */
  burstMembers: number;
  /** Members' session starts, and those within SYNC_WINDOW of another member's start. */
  sessionStarts: number;
  syncStarts: number;
  /** The current sync window, and the cluster's first and latest session starts. */
  syncWindow: number;
  firstStartMs: number;
  lastStartMs: number;
  /** Cluster id: "c-" + the id of the account that founded it (stable under replay). */
  id: string;
  /** Members already flagged: a cluster with several is treated as flagged by those linked to it. */
  flaggedMembers: number;
  /** Requests per capability area, across members. */
  topics: Uint32Array;
}

export class Clusters {
  private parent: Int32Array = new Int32Array(1024);
  private readonly totals: Array<ClusterTotals | undefined> = [];
  private size = 0;

  add(index: number, accountId: string): void {
    if (index >= this.parent.length) {
      const next = new Int32Array(Math.max(this.parent.length * 2, index + 1));
      next.set(this.parent);
      this.parent = next;
    }
    this.parent[index] = index;
    this.size = Math.max(this.size, index + 1);
    this.totals[index] = {
      members: 1, requests: 0, extract: 0, stepwise: 0, toolTrace: 0, harvest: 0, bigOutput: 0, templateRepeats: 0,
      newSubnets: 0, paymentLinks: 0, burstMembers: 0, sessionStarts: 0, syncStarts: 0, syncWindow: -1, firstStartMs: Number.POSITIVE_INFINITY, lastStartMs: 0, flaggedMembers: 0, id: `c-${accountId}`, topics: new Uint32Array(TOPIC_SLOTS),
    };
  }

  find(i: number): number {
    const p = this.parent;
    let r = i;
    while (p[r] !== r) r = p[r] as number;
    while (p[i] !== r) {
      const next = p[i] as number;
      p[i] = r;
      i = next;
    }
    return r;
  }

  totalsOf(i: number): ClusterTotals {
    return this.totals[this.find(i)] as ClusterTotals;
  }

  /** Merges two clusters; the older founder (lower index) stays the root so ids are stable. */
  union(a: number, b: number): number {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return ra;
    if (rb < ra) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    const ta = this.totals[ra] as ClusterTotals;
    const tb = this.totals[rb] as ClusterTotals;
    ta.members += tb.members;
    ta.requests += tb.requests;
    ta.extract += tb.extract;
    ta.stepwise += tb.stepwise;
    ta.toolTrace += tb.toolTrace;
    ta.harvest += tb.harvest;
    ta.bigOutput += tb.bigOutput;
    ta.templateRepeats += tb.templateRepeats;
    ta.newSubnets += tb.newSubnets;
    ta.paymentLinks += tb.paymentLinks;
    ta.burstMembers += tb.burstMembers;
    ta.sessionStarts += tb.sessionStarts;
    ta.syncStarts += tb.syncStarts;
    ta.firstStartMs = Math.min(ta.firstStartMs, tb.firstStartMs);
    ta.lastStartMs = Math.max(ta.lastStartMs, tb.lastStartMs);
    ta.flaggedMembers += tb.flaggedMembers;
    for (let i = 0; i < ta.topics.length; i++) ta.topics[i] = (ta.topics[i] as number) + (tb.topics[i] as number);
    this.totals[rb] = undefined;
    return ra;
  }
}
