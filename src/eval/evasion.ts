import type { Simulation } from '../traffic/profiles.js';
import { isCampaign } from './score.js';

/** Every campaign at its most evasive: heavy paraphrase, more cover traffic, fewer accounts per exit, jittered timing. */
export function withEvasion(sim: Simulation): Simulation {
  const profiles: Simulation['profiles'] = {};
  for (const [name, p] of Object.entries(sim.profiles)) {
    if (!isCampaign(p.label ?? name)) {
      profiles[name] = p;
      continue;
    }
    profiles[name] = {
      ...p,
      paraphrase: Math.max(p.paraphrase, 0.8),
      benign_mix: Math.max(p.benign_mix, 0.5),
      timing_jitter_s: Math.max(p.timing_jitter_s, 900),
      ip: p.ip.mode === 'proxy' ? { ...p.ip, accounts_per_ip: 1.2, rotate: 0.9 } : p.ip,
      payment_pool: p.payment_pool > 0 ? Math.max(p.payment_pool, Math.round(p.accounts / 2)) : 0,
    };
  }
  return { ...sim, profiles };
}

