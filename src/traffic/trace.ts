import { buildPopulation, type Population, type SimAccount } from './population.js';
import type { Simulation } from './profiles.js';
import { RequestFactory, type SimRequest } from './request.js';
import { requestTimes, waveStarts } from './schedule.js';

const DAY = 86_400_000;

export interface TraceOptions {
  sim: Simulation;
  seed: number;
  /** Multiplies every population's account count. */
  scale: number;
  days: number;
}

/** A simulated `account` event (spec shape); `created_at` is an extra field the spec allows. */
export interface SimAccountEvent {
  type: 'account';
  ts: string;
  account: string;
  org?: string;
  tier: string;
  kyc: string;
  email_domain: string;
  signup_ip: string;
  payment_fingerprint?: string;
  country: string;
  created_at: string;
}

export type SimEvent = SimAccountEvent | SimRequest;

/**
 * The trace, one day at a time: each day only its (time, account) pairs are
 * held and sorted, then events are built one by one as they are consumed, so
 * memory is flat in trace length. Bodies are generated in event order, which keeps every
 * account's conversation state consistent and the output deterministic.
 */
export class TraceGenerator {
  readonly population: Population;
  private readonly factory: RequestFactory;
  private readonly endMs: number;
  private seq = 0;

  constructor(private readonly opts: TraceOptions) {
    this.population = buildPopulation(opts.sim, opts.seed, opts.scale);
    this.factory = new RequestFactory(opts.sim, this.population.releaseMs);
    this.endMs = this.population.startMs + opts.days * DAY;
  }

  /** Accounts that appear in the trace (signed up before it ends). */
  accountsInTrace(): SimAccount[] {
    return this.population.accounts.filter((a) => a.signupMs < this.endMs);
  }

  /** Truth labels of every account in the trace, sorted by account id. */
  truth(): Record<string, string> {
    const pairs = this.accountsInTrace().map((a) => [a.id, a.group.label] as const);
    pairs.sort((x, y) => (x[0] < y[0] ? -1 : 1));
    return Object.fromEntries(pairs);
  }

  /** Yields every event in timestamp order; `onDay` hears when each day is done. */
  *events(onDay?: (done: number, days: number) => void): Generator<SimEvent, void, undefined> {
    const { startMs } = this.population;
    const accounts = this.population.accounts;
    for (let d = 0; d < this.opts.days; d++) {
      const { times, who, order } = this.day(d, startMs + d * DAY);
      for (let k = 0; k < order.length; k++) {
        const i = order[k] as number;
        const w = who[i] as number;
        const t = times[i] as number;
        yield w < 0 ? this.accountEvent(accounts[-1 - w] as SimAccount, t) : this.factory.build(accounts[w] as SimAccount, t, ++this.seq, d);
      }
      onDay?.(d + 1, this.opts.days);
    }
  }

  /** One day's (time, account) pairs and their order; only these are held, never the events. */
  private day(d: number, dayStartMs: number): { times: number[]; who: number[]; order: number[] } {
    const accounts = this.population.accounts;
    const times: number[] = [];
    const who: number[] = [];
    const waves = new Map<string, number[]>();
    const scratch: number[] = [];
    for (const a of accounts) {
      if (a.signupMs >= dayStartMs + DAY) continue;
      const created = a.signupMs >= dayStartMs || (d === 0 && a.signupMs < dayStartMs);
      if (created) {
        // Accounts older than the trace are announced at its start.
        times.push(Math.max(a.signupMs, dayStartMs));
        who.push(-1 - a.index);
      }
      scratch.length = 0;
      const g = a.group;
      requestTimes(a, dayStartMs, (day) => {
        let w = waves.get(g.name);
        if (w === undefined) waves.set(g.name, (w = waveStarts(g.seed, day, dayStartMs, g.profile.per_day.median)));
        return w;
      }, d, scratch);
      for (const t of scratch) {
        const ms = Math.floor(t);
        // No traffic before signup (the account event comes first) or past the day.
        if (ms <= a.signupMs || ms >= dayStartMs + DAY) continue;
        times.push(ms);
        who.push(a.index);
      }
    }
    const order = Array.from(times.keys());
    // Account events sort before requests at the same instant; then by account index.
    order.sort((i, j) => (times[i] as number) - (times[j] as number) || (who[i] as number) - (who[j] as number));
    return { times, who, order };
  }

  private accountEvent(a: SimAccount, tsMs: number): SimAccountEvent {
    const e: SimAccountEvent = {
      type: 'account',
      ts: new Date(tsMs).toISOString(),
      account: a.id,
      tier: a.tier,
      kyc: a.kyc,
      email_domain: a.emailDomain,
      signup_ip: a.signupIp,
      country: a.country,
      created_at: new Date(a.signupMs).toISOString(),
    };
    if (a.orgId !== undefined) e.org = a.orgId;
    if (a.paymentFingerprint !== undefined) e.payment_fingerprint = a.paymentFingerprint;
    return e;
  }
}
