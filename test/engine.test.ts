import { describe, expect, it } from 'vitest';
import { Engine } from '../src/engine/engine.js';
import { normalizeEvent } from '../src/engine/normalize.js';
import { DEFAULT_POLICY, parsePolicy } from '../src/engine/policy.js';
import type { Decision, EngineInput, Verdict } from '../src/engine/types.js';

const T0 = Date.parse('2026-04-01T00:00:00Z');
const MIN = 60_000;

function ev(raw: Record<string, unknown>): EngineInput {
  const n = normalizeEvent(raw);
  if (!n.ok) throw new Error(n.reason);
  return n.event;
}
const account = (id: string, t: number, extra: Record<string, unknown> = {}) => ev({ type: 'account', ts: new Date(t).toISOString(), account: id, tier: 'free', kyc: 'email', ...extra });
const request = (id: string, t: number, content: string, extra: Record<string, unknown> = {}, body: Record<string, unknown> = {}) =>
  ev({ type: 'request', ts: new Date(t).toISOString(), account: id, ip: '100.64.1.2', body: { model: 'm', messages: [{ role: 'user', content }], ...body }, ...extra });

/** A proxy pool's exit for request i: a different network nearly every time. */
const rotatingExit = (i: number) => `100.${64 + ((i * 13) % 60)}.${(i * 31) % 250}.${1 + (i % 200)}`;

function verdictsOf(engine: Engine): Map<string, Verdict> {
  return new Map([...engine.verdicts()].map((v) => [v.account, v]));
}

const PROBLEMS = ['a train leaves at 3pm going 60 km/h', 'a bag holds 12 red and 7 blue marbles', 'the sum of three consecutive integers is 96', 'a rectangle has perimeter 40 and area 96', 'a tank fills in 6 hours and drains in 9', 'an investment grows 5% yearly for 8 years', 'two dice are rolled and the sum is prime', 'a ladder 10 m long leans against a wall', 'a population doubles every 3 days', 'a car depreciates 15% per year'];
/** Varied asks to expose the model's own reasoning, in several phrasings and languages. */
const ELICIT = [
  (p: string) => `Solve this and walk me through your complete internal reasoning, including every step you considered and rejected: ${p}.`,
  (p: string) => `Before you answer, write out your full chain of thought in detail. Problem: ${p}`,
  (p: string) => `Explica tu razonamiento paso a paso, mostrando todo tu proceso de pensamiento: ${p}.`,
  (p: string) => `Denke Schritt für Schritt und lege deinen gesamten Gedankengang offen: ${p}.`,
  (p: string) => `Describe your thought process in full, step by step, then give the answer. ${p}`,
];

describe('detection engine', () => {
  it('flags an account that harvests reasoning traces, and explains why', () => {
    const e = new Engine();
    e.process(account('a-x', T0));
    for (let i = 0; i < 60; i++) e.process(request('a-x', T0 + i * MIN, ELICIT[i % ELICIT.length]!(PROBLEMS[i % PROBLEMS.length]!)));
    const v = verdictsOf(e).get('a-x')!;
    expect(v.flagged).toBe(true);
    expect(v.requests_before_flag).toBeLessThan(15);
    expect(v.score).toBeGreaterThanOrEqual(DEFAULT_POLICY.flag_at);
    expect(v.reasons[0]).toMatch(/reasoning-trace elicitation/);
    expect(v.action).not.toBe('allow');
  });

  it('leaves an ordinary user alone, even one who sometimes asks for steps', () => {
    const e = new Engine();
    e.process(account('a-u', T0));
    const asks = ['What is a good name for a golden retriever?', 'How long should I boil an egg?', 'Can you explain step by step how to change a bike tyre?', 'Write a short poem about autumn rain.', 'Why is the sky blue?', 'Translate "good morning" to Japanese.', 'Fix this: for i in range(10) print(i)', 'Summarize the plot of Hamlet in three sentences.'];
    for (let i = 0; i < 40; i++) e.process(request('a-u', T0 + i * 37 * MIN, asks[i % asks.length]!));
    const v = verdictsOf(e).get('a-u')!;
    expect(v.flagged).toBe(false);
    expect(v.action).toBe('allow');
    expect(v.requests_before_flag).toBe(40);
  });

  it('decides on the state before each request, so the decision is available before forwarding', () => {
    const e = new Engine();
    const decisions: Decision[] = [];
    for (let i = 0; i < 40; i++) decisions.push(e.process(request('a-x', T0 + i * MIN, ELICIT[i % ELICIT.length]!(PROBLEMS[i % PROBLEMS.length]!))) as Decision);
    expect(decisions[0]!.action).toBe('allow');
    const firstActed = decisions.findIndex((d) => d.action !== 'allow');
    expect(firstActed).toBeGreaterThan(0);
    const v = verdictsOf(e).get('a-x')!;
    // Requests answered before the flag are exactly those decided before the flag.
    expect(v.requests_before_flag).toBe(firstActed);
  });

  it('links a hydra of low-volume accounts sharing payment methods into one cluster that every member inherits', () => {
    const e = new Engine();
    const cards = ['pf-1', 'pf-2', 'pf-3'];
    let t = T0;
    // 30 accounts, a handful of requests each: too few for any one of them to stand out.
    for (let k = 0; k < 30; k++) e.process(account(`h-${k}`, (t += MIN), { payment_fingerprint: cards[k % 3], email_domain: 'q7x.example', signup_ip: `100.64.${k % 5}.20` }));
    for (let round = 0; round < 6; round++) {
      for (let k = 0; k < 30; k++) {
        const i = round * 30 + k;
        // A small pool of rotating proxy exits, shared by everyone.
        e.process(request(`h-${k}`, (t += MIN), ELICIT[i % ELICIT.length]!(PROBLEMS[i % PROBLEMS.length]!), { ip: `100.64.${i % 5}.${9 + (i % 3)}` }));
      }
    }
    // A newcomer paying with the same card is flagged before it sends anything useful.
    e.process(account('h-new', (t += MIN), { payment_fingerprint: 'pf-2' }));
    e.process(request('h-new', (t += MIN), 'What is the capital of Peru?'));
    const v = verdictsOf(e);
    const members = [...v.values()].filter((x) => x.account.startsWith('h-'));
    expect(new Set(members.map((m) => m.cluster)).size).toBe(1);
    expect(members[0]!.cluster).not.toBeNull();
    expect(members.every((m) => m.flagged)).toBe(true);
    expect(v.get('h-new')!.requests_before_flag).toBe(0);
    expect(v.get('h-new')!.reasons.some((r) => /cluster/.test(r))).toBe(true);
  });

  it('recognizes a flagged cluster’s extraction templates on an account with no other link to it', () => {
    const e = new Engine();
    let t = T0;
    for (let k = 0; k < 6; k++) e.process(account(`c-${k}`, (t += MIN), { payment_fingerprint: 'pf-shared' }));
    for (let i = 0; i < 120; i++) e.process(request(`c-${i % 6}`, (t += MIN), ELICIT[i % ELICIT.length]!(PROBLEMS[i % PROBLEMS.length]!)));
    expect([...e.verdicts()].filter((v) => v.account.startsWith('c-') && v.flagged)).toHaveLength(6);
    // A newcomer from elsewhere (its own card, address and domain) running the same templates.
    e.process(account('loner', (t += MIN), { payment_fingerprint: 'pf-own', signup_ip: '198.51.100.200', email_domain: 'own.example' }));
    for (let i = 0; i < 12; i++) e.process(request('loner', (t += MIN), ELICIT[i % ELICIT.length]!(PROBLEMS[(i + 3) % PROBLEMS.length]!), { ip: '198.51.100.200' }));
    const v = verdictsOf(e).get('loner')!;
    expect(v.reasons.some((r) => /extraction requests on templates of flagged cluster c-c-0/.test(r))).toBe(true);
    expect(v.flagged).toBe(true);
  });

  it('does not make a class behind one NAT malicious just because it shares an address and homework', () => {
    const e = new Engine();
    let t = T0;
    for (let k = 0; k < 40; k++) e.process(account(`s-${k}`, (t += MIN), { signup_ip: '192.0.2.10', email_domain: 'uni.example.edu', org: 'o-uni' }));
    const hw = ['Can you check my answer to question 3 of the statistics homework? I got a mean of 4.2.', 'I do not understand how to compute a standard deviation, can you explain it simply?', 'Is my approach to problem 2 right? I used a t-test for the two groups.', 'What is the difference between a sample and a population in our homework?'];
    for (let i = 0; i < 400; i++) e.process(request(`s-${i % 40}`, (t += 20_000), hw[i % hw.length]!, { ip: '192.0.2.10' }));
    const flagged = [...e.verdicts()].filter((v) => v.flagged);
    expect(flagged).toHaveLength(0);
  });

  it('softens enforcement for trusted accounts without hiding the risk, and records instead of enforcing in shadow mode', () => {
    const trusted = new Engine();
    trusted.process(account('r-1', T0, { tier: 'verified', kyc: 'business' }));
    for (let i = 0; i < 80; i++) trusted.process(request('r-1', T0 + i * MIN, ELICIT[i % ELICIT.length]!(PROBLEMS[i % PROBLEMS.length]!)));
    const v = verdictsOf(trusted).get('r-1')!;
    expect(v.score).toBeGreaterThanOrEqual(DEFAULT_POLICY.flag_at);
    expect(v.action).toBe('review');

    const shadow = new Engine(parsePolicy({ shadow: true }, 'test'));
    let last: Decision | null = null;
    for (let i = 0; i < 80; i++) last = shadow.process(request('x-1', T0 + i * MIN, ELICIT[i % ELICIT.length]!(PROBLEMS[i % PROBLEMS.length]!)));
    expect(last!.action).toBe('allow');
    expect(last!.shadow).toBe(true);
    expect(verdictsOf(shadow).get('x-1')!.flagged).toBe(true);
  });

  it('measures volume against the account’s own history and its tier’s population (as heavy use, which alone never flags)', () => {
    const e = new Engine();
    const DAY = 86_400_000;
    // 300 ordinary accounts of the same tier make the tier's population; one of them later surges.
    for (let d = 0; d < 4; d++) {
      for (let k = 0; k < 300; k++) {
        for (let i = 0; i < 5; i++) e.process(request(`p-${k}`, T0 + d * DAY + k * 1000 + i * 60_000, `question ${i} of day ${d} from ${k}`));
      }
    }
    for (let i = 0; i < 400; i++) e.process(request('p-7', T0 + 4 * DAY + i * 30_000, `Please tell me about topic number ${i}`));
    const v = verdictsOf(e).get('p-7')!;
    expect(v.reasons.some((r) => /volume spike: 400 requests today against a usual 5 per day/.test(r))).toBe(true);
    expect(v.reasons.some((r) => /busier than 99.5% of free-tier account-days/.test(r))).toBe(true);
    expect(v.flagged).toBe(false);
  });

  it('tells machine-regular pacing from people', () => {
    const e = new Engine();
    for (let i = 0; i < 80; i++) e.process(request('cron', T0 + i * 60_000, `Summarize report number ${i} for the weekly digest`));
    // A person: bursts of quick questions, then long pauses.
    let t = T0;
    for (let i = 0; i < 80; i++) e.process(request('person', (t += i % 8 === 0 ? 3 * 3_600_000 : 20_000 + (i % 5) * 17_000), `Another question, number ${i}`));
    const v = verdictsOf(e);
    expect(v.get('cron')!.reasons).toContain('requests at machine-regular intervals');
    expect(v.get('person')!.reasons).not.toContain('requests at machine-regular intervals');
  });

  it('spots a signup burst on one email domain in a backfilled log, and merges the batch (creation order scrambled)', () => {
    const e = new Engine();
    const DAY = 86_400_000;
    // A month of ordinary signups on a public domain, then 24 accounts on one domain within 20
    // minutes; all of them arrive at the log's start, shuffled, as exports of old accounts do.
    const rows: Array<[string, number, string]> = [];
    for (let k = 0; k < 200; k++) rows.push([`u-${k}`, T0 - 30 * DAY + k * 3.6 * 3_600_000, 'mail.example']);
    for (let k = 0; k < 24; k++) rows.push([`f-${k}`, T0 - 5 * DAY + k * 50_000, 'zq3.example']);
    rows.sort((x, y) => ((x[1] * 7919) % 1000) - ((y[1] * 7919) % 1000));
    for (const [id, created, domain] of rows) e.process(account(id, T0, { created_at: new Date(created).toISOString(), email_domain: domain }));
    const v = verdictsOf(e);
    const farm = new Set([...Array(24).keys()].map((k) => v.get(`f-${k}`)!.cluster));
    expect(farm.size).toBe(1);
    expect([...farm][0]).not.toBeNull();
    // People who merely share a public mail provider are not linked.
    expect([...Array(200).keys()].every((k) => v.get(`u-${k}`)!.cluster === null)).toBe(true);
  });

  it('flags an account farm (cards shared, exits rotating, batch signups) whatever it asks, but not a batch alone', () => {
    const run = (rotate: boolean, cards: boolean) => {
      const e = new Engine();
      // A week of the service's ordinary signups, then the batch.
      for (let k = 0; k < 100; k++) e.process(account(`u-${k}`, T0 - 7 * 86_400_000 + k * 6_000_000, { email_domain: 'mail.example' }));
      for (let k = 0; k < 12; k++) e.process(account(`z-${k}`, T0 + k * 30_000, { email_domain: 'qq9.example', ...(cards ? { payment_fingerprint: `pf-${k % 4}` } : {}) }));
      let t = T0 + 3_600_000;
      for (let i = 0; i < 600; i++) {
        const ip = rotate ? `100.${64 + (i % 50)}.${(i * 7) % 250}.9` : '100.64.3.9';
        e.process(request(`z-${i % 12}`, (t += 20_000), `Write a short answer on subject ${i}.`, { ip }, { max_tokens: 300 }));
      }
      return [...verdictsOf(e).values()].filter((v) => v.account.startsWith('z-'));
    };
    // Nothing in what it asks stands out: the infrastructure does, within a few requests each.
    const farm = run(true, true);
    expect(farm.every((v) => v.flagged && v.requests_before_flag <= 5)).toBe(true);
    expect(farm[0]!.reasons.some((r) => /rotating proxy exits/.test(r))).toBe(true);
    // Batch signups on one domain and a shared office exit, no shared cards: a team, not a farm.
    expect(run(false, false).some((v) => v.flagged)).toBe(false);
  });

  it('counts exits that change on nearly every request as a rotating proxy', () => {
    const e = new Engine();
    for (let i = 0; i < 40; i++) {
      e.process(request('rot', T0 + i * MIN, ELICIT[i % ELICIT.length]!(PROBLEMS[i % PROBLEMS.length]!), { ip: `100.${64 + i}.${i}.7` }));
      e.process(request('home', T0 + i * MIN, ELICIT[i % ELICIT.length]!(PROBLEMS[i % PROBLEMS.length]!), { ip: i % 3 === 0 ? '198.51.100.7' : '100.70.1.7' }));
    }
    const v = verdictsOf(e);
    expect(v.get('rot')!.reasons.some((r) => /rotating exits: 40 different networks in 40 requests/.test(r))).toBe(true);
    expect(v.get('home')!.reasons.some((r) => /rotating exits/.test(r))).toBe(false);
  });

  it('links accounts that rotate through proxy exits and send the same templates, even in logs without account events', () => {
    const run = (rotate: boolean) => {
      const e = new Engine();
      let t = T0;
      for (let round = 0; round < 5; round++) {
        for (let k = 0; k < 20; k++) {
          const i = round * 20 + k;
          const ip = rotate ? rotatingExit(i) : `100.90.${k}.5`;
          e.process(request(`r-${k}`, (t += 90_000), ELICIT[round % ELICIT.length]!(PROBLEMS[round % PROBLEMS.length]!), { ip }));
        }
      }
      return [...verdictsOf(e).values()];
    };
    const pool = run(true);
    expect(new Set(pool.map((v) => v.cluster)).size).toBe(1);
    expect(pool[0]!.cluster).not.toBeNull();
    // The same prompts from stable addresses: shared phrasing alone links no one.
    expect(run(false).every((v) => v.cluster === null)).toBe(true);
  });

  it('flags chain-of-thought harvesting spread thin over rotating accounts, but not a class asking alike from its own network', () => {
    const run = (rotate: boolean) => {
      const e = new Engine();
      let t = T0;
      for (let round = 0; round < 8; round++) {
        for (let k = 0; k < 25; k++) {
          const i = round * 25 + k;
          const ip = rotate ? rotatingExit(i) : '100.90.1.5';
          const ask = i % 3 === 2 ? `What is a good book about ${PROBLEMS[i % 10]!.split(' ')[1]}?` : `Please reason step by step, and put your final answer within \\boxed{}. Problem ${i}: ${PROBLEMS[i % PROBLEMS.length]!}.`;
          e.process(request(`c-${k}`, (t += 60_000), ask, { ip }));
        }
      }
      return [...verdictsOf(e).values()];
    };
    const harvest = run(true);
    expect(harvest.filter((v) => v.flagged).length).toBeGreaterThanOrEqual(24);
    expect(harvest[0]!.reasons.some((r) => /asks for step-by-step reasoning in \d+% of/.test(r))).toBe(true);
    expect(run(false).some((v) => v.flagged)).toBe(false);
  });

  it('notices a cluster whose members start their sessions in lockstep', () => {
    const run = (lockstep: boolean) => {
      const e = new Engine();
      // Eight accounts on shared cards (one cluster), twenty sessions each over five days.
      for (let k = 0; k < 8; k++) e.process(account(`s-${k}`, T0, { payment_fingerprint: `pf-${k % 2}` }));
      const events: Array<[number, string, number]> = [];
      for (let s = 0; s < 20; s++) {
        for (let k = 0; k < 8; k++) {
          const start = lockstep ? T0 + s * 6 * 3_600_000 + k * 7_000 : T0 + ((s * 8 + k) * 5 * 3_600_000 * 0.61803) % (5 * 86_400_000);
          for (let i = 0; i < 3; i++) events.push([start + i * 60_000, `s-${k}`, s * 3 + i]);
        }
      }
      events.sort((x, y) => x[0] - y[0]);
      for (const [t, id, i] of events) e.process(request(id, t, ELICIT[i % ELICIT.length]!(PROBLEMS[i % PROBLEMS.length]!)));
      return verdictsOf(e).get('s-0')!.reasons;
    };
    expect(run(true).some((r) => /session starts within two minutes of another member's \(synchronized timing\)/.test(r))).toBe(true);
    expect(run(false).some((r) => /synchronized timing/.test(r))).toBe(false);
  });

  it('is deterministic: the same events give the same verdicts', () => {
    const run = () => {
      const e = new Engine();
      for (let i = 0; i < 200; i++) e.process(request(`a-${i % 7}`, T0 + i * MIN, `${i % 3 === 0 ? ELICIT[i % 5]!(PROBLEMS[i % 10]!) : `Tell me about topic ${i}`}`, { ip: `100.64.${i % 9}.1` }));
      return JSON.stringify([...e.verdicts()]);
    };
    expect(run()).toBe(run());
  });

  it('validates policy files and names the bad field', () => {
    expect(() => parsePolicy({ flag_at: 1.5 }, 'policy')).toThrow(/flag_at/);
    expect(() => parsePolicy({ actions: [{ min_score: 0.5, action: 'nuke' }] }, 'policy')).toThrow(/actions\.0\.action/);
    expect(() => parsePolicy({ actions: [{ min_score: 0.5, action: 'block' }, { min_score: 0.9, action: 'throttle' }] }, 'policy')).toThrow(/highest first/);
    expect(() => parsePolicy({ trust: { tiers: ['gold'] } }, 'policy')).toThrow(/trust\.tiers\.0/);
  });
});
