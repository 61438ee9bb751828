import type { SimAccount } from './population.js';
import { Rng } from './rng.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Relative activity by local hour for people (sleep at night, evening peak). */
const DIURNAL = [0.15, 0.08, 0.05, 0.04, 0.04, 0.08, 0.25, 0.5, 0.8, 1, 1, 1, 0.9, 1, 1.05, 1, 0.95, 0.9, 1, 1.1, 1.15, 1.05, 0.7, 0.35];
const OFFICE = [0, 0, 0, 0, 0, 0, 0, 0.2, 0.8, 1, 1, 1, 0.7, 1, 1, 1, 1, 0.7, 0.2, 0, 0, 0, 0, 0];
/** Lecture and lab slots, then evening homework. */
const CLASS = [0, 0, 0, 0, 0, 0, 0, 0, 0.1, 0.3, 1.2, 1.2, 0.2, 0.2, 1.2, 1.2, 0.3, 0.2, 0.3, 0.6, 0.8, 0.8, 0.5, 0.2];

function cumulative(w: number[]): Float64Array {
  const c = new Float64Array(w.length);
  let s = 0;
  for (let i = 0; i < w.length; i++) c[i] = s += w[i] as number;
  for (let i = 0; i < c.length; i++) c[i] = (c[i] as number) / s;
  return c;
}
const CUM = { diurnal: cumulative(DIURNAL), office: cumulative(OFFICE), class: cumulative(CLASS) };

function hourFrom(cum: Float64Array, u: number): number {
  let h = 0;
  while (h < cum.length - 1 && (cum[h] as number) < u) h++;
  return h;
}

/** Poisson count; normal approximation for large means (exact enough, and O(1)). */
export function poisson(rng: Rng, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 40) return Math.max(0, Math.round(rng.normal(mean, Math.sqrt(mean))));
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rng.next();
  while (p > limit) {
    k++;
    p *= rng.next();
  }
  return k;
}

function isWeekend(dayStartMs: number): boolean {
  const wd = new Date(dayStartMs).getUTCDay();
  return wd === 0 || wd === 6;
}

/**
 * Request times of one account on one day, in epoch ms (unsorted). Volume
 * follows the profile; the shape follows its schedule.
 */
export function requestTimes(a: SimAccount, dayStartMs: number, groupWaves: (day: number) => number[], day: number, out: number[]): void {
  const p = a.group.profile;
  const rng = a.rng;
  if (!rng.chance(p.active_days)) return;
  const weekend = isWeekend(dayStartMs);
  let mean = a.perDay;
  if ((p.schedule === 'office' || p.schedule === 'class') && weekend) mean *= 0.08;
  const n = poisson(rng, mean);
  if (n === 0) return;
  const local = -a.utcOffsetH * HOUR;
  switch (p.schedule) {
    case 'flat':
      for (let i = 0; i < n; i++) out.push(dayStartMs + rng.next() * DAY);
      return;
    case 'waves': {
      const waves = groupWaves(day);
      const jitter = p.timing_jitter_s * 1000;
      for (let i = 0; i < n; i++) {
        const w = waves[i % waves.length] as number;
        out.push(w + Math.abs(rng.normal(0, jitter)) + Math.floor(i / waves.length) * 20_000);
      }
      return;
    }
    default: {
      // People work in sessions: a start drawn from the day's shape, then a burst of requests.
      const cum = CUM[p.schedule];
      let left = n;
      while (left > 0) {
        const size = Math.min(left, 1 + Math.floor(rng.exponential(p.schedule === 'diurnal' ? 4 : 12)));
        left -= size;
        let t = dayStartMs + local + hourFrom(cum, rng.next()) * HOUR + rng.next() * HOUR;
        for (let i = 0; i < size; i++) {
          t += rng.exponential(p.schedule === 'diurnal' ? 75_000 : 20_000);
          out.push(wrapIntoDay(t, dayStartMs));
        }
      }
    }
  }
}

function wrapIntoDay(t: number, dayStartMs: number): number {
  let r = (t - dayStartMs) % DAY;
  if (r < 0) r += DAY;
  return dayStartMs + r;
}

/** A coordinated group's wave starts on a day: evenly spread with jitter, deterministic per (group, day). */
export function waveStarts(groupSeed: number, day: number, dayStartMs: number, perDayMedian: number): number[] {
  const rng = new Rng(`${groupSeed}:waves:${day}`);
  const count = Math.max(4, Math.min(96, Math.round(perDayMedian / 6)));
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push(dayStartMs + ((i + rng.next() * 0.5) * DAY) / count);
  return out;
}
