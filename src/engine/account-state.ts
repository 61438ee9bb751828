import type { RequestFeatures } from './request-features.js';

export const TOPIC_SLOTS = 16;

/** Accumulated evidence between an account and another cluster (by its root), with per-kind totals for the caps. */
export interface Link {
  root: number;
  weight: number;
  /** Of which: shared template skeletons. */
  template: number;
  /**
   * Of which: shared system prompts and tool sets. Phrasing for the pair cap (apps built on one
   * open-source template share them), but a long shared system prompt with a flagged cluster
   * still counts as association.
   */
  systemPrompt: number;
  /** Of which: shared request subnets (capped). */
  requestSubnet: number;
  /** Of which: shared address space or signup timing (request and signup subnets, signup bursts): never association on its own. */
  network: number;
}
/** Band keys of this many recent requests are remembered to spot an account's own repeated templates. */
const RECENT_REQUESTS = 8;
const BANDS_PER_REQUEST = 8;
const RECENT_SUBNETS = 16;
const DAY = 86_400_000;

/**
 * Everything the engine keeps about one account: counters, small fixed-size
 * histograms and rings (about 1.2 KB, whatever the account's volume), never
 * a list of its requests.
 */
export class AccountState {
  readonly index: number;
  readonly id: string;
  org: string | undefined;
  tier = 'free';
  kyc = 'none';
  emailDomain: string | undefined;
  paymentFingerprint: string | undefined;
  signupIp: string | undefined;
  createdMs: number | undefined;
  /** Created inside a signup burst (counted once in its cluster's burstMembers). */
  inBurst = false;
  firstMs = 0;
  lastMs = 0;

  requests = 0;
  /** Requests with a strong extraction cue: reasoning elicitation, grading or safe-rewrite. */
  extract = 0;
  elicitStrong = 0;
  elicitWeak = 0;
  grading = 0;
  rewrite = 0;
  toolTrace = 0;
  harvest = 0;
  bigOutput = 0;
  multiTurn = 0;
  /** Requests whose template skeleton matched one of the account's recent requests. */
  templateRepeats = 0;
  /** Requests whose template skeleton is shared with other accounts. */
  templateShared = 0;
  /** Most accounts seen sharing one of this account's templates. */
  templateSharedWith = 0;
  /** Extraction requests on templates a flagged cluster uses, and that cluster's id. */
  campaignTemplateHits = 0;
  campaignTemplateCluster = '';
  /** Requests from a client subnet the account had not used recently: exits that keep changing are a rotating proxy. */
  newSubnets = 0;
  /** Requests to a model within two days of the model's first appearance. */
  newModelEarly = 0;

  readonly topics = new Uint32Array(TOPIC_SLOTS);
  readonly hours = new Uint32Array(24);
  private readonly recentBands = new Uint32Array(RECENT_REQUESTS * BANDS_PER_REQUEST);
  private recentPos = 0;
  private readonly recentSubnets = new Uint32Array(RECENT_SUBNETS);
  private subnetPos = 0;

  day = -1;
  dayCount = 0;
  /** Requests on a usual active day (moving average of completed days): the account's own history. */
  usualDaily = 0;
  completedDays = 0;
  gaps = 0;
  gapMean = 0;
  gapM2 = 0;
  /** Where the account's daily volume falls among its tier's account-days (0..1; set by the engine). */
  tierRank = 0;
  activeDays = 0;

  firstFlagMs: number | null = null;
  requestsBeforeFlag = 0;
  /** Points of the account's own evidence as of its last request (see scoring.accountPoints). */
  ownPoints = 0;
  lastSystemHash = 0;
  lastIp: string | undefined;
  lastToolsHash = 0;
  /** Evidence toward other accounts' clusters: anchor account index → weight (small, capped). */
  links: Link[] = [];

  constructor(index: number, id: string) {
    this.index = index;
    this.id = id;
  }

  /** Records one request's features in the account's counters, histograms and rings. */
  observe(tsMs: number, f: RequestFeatures): void {
    if (this.requests === 0) this.firstMs = tsMs;
    else {
      // Welford over log inter-arrival gaps: their spread tells machine-regular pacing from
      // people (bursty) and Poisson-like automation (~1.3).
      const x = Math.log(Math.max(1, tsMs - this.lastMs));
      this.gaps++;
      const d = x - this.gapMean;
      this.gapMean += d / this.gaps;
      this.gapM2 += d * (x - this.gapMean);
    }
    this.lastMs = Math.max(this.lastMs, tsMs);
    this.requests++;
    if (f.elicitation === 2) this.elicitStrong++;
    else if (f.elicitation === 1) this.elicitWeak++;
    if (f.grading) this.grading++;
    if (f.rewrite) this.rewrite++;
    if (f.extractionCue) this.extract++;
    if (f.toolTrace) this.toolTrace++;
    if (f.harvestSampling) this.harvest++;
    if (f.bigOutput) this.bigOutput++;
    if (f.multiTurn) this.multiTurn++;
    const slot = f.topic % TOPIC_SLOTS;
    this.topics[slot] = (this.topics[slot] as number) + 1;
    const hour = Math.floor((tsMs % DAY) / 3_600_000);
    this.hours[hour] = (this.hours[hour] as number) + 1;
    const day = Math.floor(tsMs / DAY);
    if (day > this.day) {
      if (this.day >= 0) {
        this.usualDaily = this.completedDays === 0 ? this.dayCount : 0.7 * this.usualDaily + 0.3 * this.dayCount;
        this.completedDays++;
      }
      this.day = day;
      this.dayCount = 0;
      this.activeDays++;
    }
    this.dayCount++;
    if (f.bands !== null) {
      if (this.seenBands(f.bands) || (f.wrapBands !== null && this.seenBands(f.wrapBands))) this.templateRepeats++;
      // Remembered per request: four whole-text bands, then two head and two tail bands when present.
      const base = this.recentPos * BANDS_PER_REQUEST;
      this.recentBands.set(f.bands.subarray(0, 4), base);
      if (f.wrapBands !== null) {
        this.recentBands.set(f.wrapBands.subarray(0, 2), base + 4);
        this.recentBands.set(f.wrapBands.subarray(4, 6), base + 6);
      } else {
        this.recentBands.set(f.bands.subarray(4, 8), base + 4);
      }
      this.recentPos = (this.recentPos + 1) % RECENT_REQUESTS;
    }
  }

  private seenBands(bands: Uint32Array): boolean {
    const recent = this.recentBands;
    const n = bands.length;
    for (let i = 0; i < recent.length; i++) {
      const r = recent[i] as number;
      if (r === 0) continue;
      for (let b = 0; b < n; b++) if (bands[b] === r) return true;
    }
    return false;
  }

  /** Notes a client subnet; true the first time it is seen (within the recent ring). */
  noteSubnet(subnet: number): boolean {
    const ring = this.recentSubnets;
    for (let i = 0; i < ring.length; i++) if (ring[i] === subnet) return false;
    ring[this.subnetPos] = subnet;
    this.subnetPos = (this.subnetPos + 1) % RECENT_SUBNETS;
    return true;
  }

  /**
   * Activity in the account's quietest six hours relative to an even spread:
   * about 0.1 for people (they sleep), near 1 for around-the-clock automation.
   */
  restRatio(): number {
    let total = 0;
    for (const c of this.hours) total += c;
    if (total === 0) return 0;
    let min = Infinity;
    for (let start = 0; start < 24; start++) {
      let s = 0;
      for (let k = 0; k < 6; k++) s += this.hours[(start + k) % 24] as number;
      if (s < min) min = s;
    }
    return min / (total / 4);
  }

  /** Standard deviation of log inter-arrival gaps (NaN with fewer than 2 gaps). */
  gapSpread(): number {
    return this.gaps < 2 ? Number.NaN : Math.sqrt(this.gapM2 / (this.gaps - 1));
  }

  /**
   * Requests per active day. In an account's first day the rate is
   * extrapolated from its span so far (at least six hours, so one burst of a
   * person's questions is not read as a day's volume).
   */
  dailyRate(): number {
    const span = this.lastMs - this.firstMs;
    if (span < DAY) return (this.requests * DAY) / Math.max(span, DAY / 4);
    return this.requests / Math.max(1, this.activeDays);
  }
}
