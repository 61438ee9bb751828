/**
 * Signup bursts: many accounts created within one window, far above the
 * usual signup rate, are an account farm's signature. Two cohorts are
 * watched: all signups, and signups per email domain (a burst on one domain
 * is much stronger evidence than a busy half hour for the whole service).
 *
 * Logs are often backfilled: accounts created before the log began arrive
 * together at its start, in no particular creation order. So the usual rate
 * is taken over the span of creation times seen (not over event time), and a
 * window's first members (seen before it turned into a burst) are kept, a few
 * per window, so they are linked once it does.
 *
 * Memory is bounded: windows older than the newest by more than
 * WINDOW_HORIZON are dropped, and the domain table is capped.
 */
export const BURST_WINDOW_MS = 30 * 60_000;
const WINDOW_HORIZON = 60 * 48;
/** A window is a burst with at least this many signups and this many times the usual rate. */
const MIN_BURST = 5;
const BURST_FACTOR = 8;
/** Members remembered per window until it turns into a burst. */
const EARLY_MEMBERS = 16;
const MAX_WINDOWS = 16_384;
const MAX_DOMAINS = 65_536;

interface Window {
  count: number;
  /** The account new members of the window link to. */
  anchor: number;
  /** Members after the anchor seen before the window was a burst (up to EARLY_MEMBERS; made on the second signup), or null. */
  early: number[] | null;
  /** Once a burst, every later member is news at once. */
  burst: boolean;
}

export interface BurstNews {
  /** The window's anchor account. */
  anchor: number;
  /** Accounts of the window that were not yet known as burst members (the new account included). */
  members: number[];
}

class Cohort {
  private readonly windows = new Map<number, Window>();
  total = 0;

  /** Adds a signup; returns what turned out to be a burst, if anything did. */
  add(account: number, window: number, usualPerWindow: number): BurstNews | null {
    let w = this.windows.get(window);
    if (w === undefined) {
      if (this.windows.size >= MAX_WINDOWS) this.prune(window);
      this.windows.set(window, (w = { count: 0, anchor: account, early: null, burst: false }));
    }
    w.count++;
    this.total++;
    if (!w.burst && !(w.count >= MIN_BURST && w.count >= BURST_FACTOR * usualPerWindow)) {
      // Most windows never see a second signup: the list is only made when one does.
      if (account !== w.anchor && (w.early?.length ?? 0) < EARLY_MEMBERS) (w.early ??= []).push(account);
      return null;
    }
    const members = w.burst || w.early === null ? [account] : [w.anchor, ...w.early.filter((m) => m !== account), account];
    w.burst = true;
    w.early = null;
    return { anchor: w.anchor, members };
  }

  private prune(newest: number): void {
    for (const k of this.windows.keys()) if (k < newest - WINDOW_HORIZON) this.windows.delete(k);
    if (this.windows.size >= MAX_WINDOWS) {
      let drop = this.windows.size >>> 1;
      for (const k of this.windows.keys()) {
        if (drop-- <= 0) break;
        this.windows.delete(k);
      }
    }
  }
}

export class SignupBursts {
  private readonly all = new Cohort();
  private readonly domains = new Map<string, Cohort>();
  private minCreated = Infinity;
  private maxCreated = -Infinity;

  /** Records an account's creation; returns the burst news for all signups and for its email domain. */
  add(account: number, createdMs: number, emailDomain: string | undefined): { all: BurstNews | null; domain: BurstNews | null } {
    if (createdMs < this.minCreated) this.minCreated = createdMs;
    if (createdMs > this.maxCreated) this.maxCreated = createdMs;
    const spanWindows = Math.max(1, (this.maxCreated - this.minCreated) / BURST_WINDOW_MS);
    const window = Math.floor(createdMs / BURST_WINDOW_MS);
    const all = this.all.add(account, window, (this.all.total + 1) / spanWindows);
    let domain: BurstNews | null = null;
    if (emailDomain !== undefined) {
      let c = this.domains.get(emailDomain);
      if (c === undefined) {
        if (this.domains.size >= MAX_DOMAINS) this.pruneDomains();
        this.domains.set(emailDomain, (c = new Cohort()));
      }
      // The domain's usual rate is over the whole service's creation span: a domain whose
      // accounts all appeared in one half hour is a burst, not its own normal.
      domain = c.add(account, window, (c.total + 1) / spanWindows);
    }
    return { all, domain };
  }

  private pruneDomains(): void {
    for (const [k, c] of this.domains) if (c.total <= 1) this.domains.delete(k);
    if (this.domains.size >= MAX_DOMAINS * 0.9) {
      let drop = this.domains.size >>> 1;
      for (const k of this.domains.keys()) {
        if (drop-- <= 0) break;
        this.domains.delete(k);
      }
    }
  }
}
