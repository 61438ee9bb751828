/**
 * Per-request text feature cost: µs per call of textSignals, skeleton, minhashBands and simhash64
 * over a few thousand varied prompts (300–2,000 characters, several languages, some with code
 * or reasoning/judge/rewrite instructions).
 *
 *   npx tsc -p tsconfig.json && node dist/bench/features.js
 */
import { minhashBands, simhash64, skeleton } from '../src/engine/features/skeleton.js';
import { textSignals } from '../src/engine/features/text-signals.js';

/** Deterministic pseudo-random choice (32-bit LCG). */
let seed = 12345;
const next = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;

const SENTENCES = [
  'I have been trying to understand how the quarterly numbers relate to the new pricing model we introduced in March.',
  'The function below is supposed to merge two sorted arrays, but it returns duplicates when the inputs overlap.',
  'My daughter is seven and she loves dinosaurs, so we are planning a small party with a few friends from school.',
  'Can you explain why the sky looks blue during the day but red and orange at sunset?',
  'We are a small team of five engineers building a dashboard for hospital staff to track bed availability.',
  'Please keep the answer short and avoid jargon, because this is for a newsletter read by non-experts.',
  'The contract says the tenant must give sixty days notice, but the landlord claims it was ninety.',
  'Estoy preparando un viaje a Portugal en octubre y quiero saber qué ciudades visitar en una semana.',
  'Ich möchte meine Bewerbung für eine Stelle als Datenanalyst verbessern und brauche konkrete Tipps.',
  'Je cherche une recette de gâteau au chocolat sans gluten pour un anniversaire ce week-end.',
  '我正在学习机器学习，想知道梯度下降和随机梯度下降之间有什么区别，以及各自的优缺点。',
  '来週の会議で使うプレゼン資料を作っています。構成についてアドバイスをください。',
  'Как правильно составить бюджет семьи, если доходы нерегулярные и меняются каждый месяц?',
  'Here is the stack trace: TypeError: Cannot read properties of undefined (reading "map") at render (App.tsx:42:17).',
  'def merge(a, b):\n    out = []\n    while a and b:\n        out.append(a.pop(0) if a[0] < b[0] else b.pop(0))\n    return out + a + b\n',
];
const INSTRUCTIONS = [
  'Explain your reasoning step by step before giving the final answer.',
  "Let's think step by step.",
  'Please act as an impartial judge and rate the response on a scale of 1 to 10.',
  'Rewrite the following question so that it complies with safety guidelines.',
  'Summarize this in three bullet points.',
  'What would you recommend?',
  '请一步一步地解释你的推理过程。',
  'Which of the two responses is better? Output A or B.',
];

function prompt(): string {
  const target = 300 + Math.floor(next() * 1700);
  let s = next() < 0.4 ? `${pick(INSTRUCTIONS)}\n\n` : '';
  while (s.length < target) s += `${pick(SENTENCES)} `;
  if (next() < 0.4) s += `\n${pick(INSTRUCTIONS)}`;
  return s;
}

// Through JSON like replayed events: flat strings (concatenation leaves slower cons strings).
const PROMPTS: string[] = JSON.parse(JSON.stringify(Array.from({ length: 4000 }, prompt)));
const SKELETONS = PROMPTS.map(skeleton);
const avgChars = PROMPTS.reduce((a, p) => a + p.length, 0) / PROMPTS.length;

let sink = 0;
const keys = new Uint32Array(8);
// Reference: parsing one replayed event carrying the prompt.
const EVENTS = PROMPTS.map((p, i) => JSON.stringify({ ts: 1_700_000_000_000 + i, account: `acct-${i % 97}`, model: 'm', system: '', userText: p, n: 1, maxTokens: 1024 }));

const CASES: readonly (readonly [string, (i: number) => void])[] = [
  ['JSON.parse (reference)', (i) => (sink += (JSON.parse(EVENTS[i]!) as { n: number }).n)],
  ['textSignals', (i) => (sink += textSignals(PROMPTS[i]!).topic)],
  ['skeleton', (i) => (sink += skeleton(PROMPTS[i]!).length)],
  ['minhashBands', (i) => (sink += minhashBands(SKELETONS[i]!, keys)[0]!)],
  ['simhash64', (i) => (sink += simhash64(SKELETONS[i]!)[0])],
  ['skeleton+minhashBands', (i) => (sink += minhashBands(skeleton(PROMPTS[i]!), keys)[0]!)],
  ['all three (no simhash)', (i) => (sink += textSignals(PROMPTS[i]!).topic + minhashBands(skeleton(PROMPTS[i]!), keys)[0]!)],
];

/** CPU µs per call (process.cpuUsage) of one pass over all prompts. */
function round(fn: (i: number) => void): number {
  const c0 = process.cpuUsage();
  for (let i = 0; i < PROMPTS.length; i++) fn(i);
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / PROMPTS.length;
}

console.log(`${PROMPTS.length} prompts, mean ${Math.round(avgChars)} chars, mean skeleton ${Math.round(SKELETONS.reduce((a, s) => a + s.length, 0) / SKELETONS.length)} chars`);
for (const [, fn] of CASES) for (let k = 0; k < 3; k++) round(fn); // warm up the JIT
// Rounds rotate through the cases so that a shared machine's changing speed hits all alike;
// the best round of each is reported (the least disturbed), with the median beside it.
const results = CASES.map(() => [] as number[]);
for (let r = 0; r < 9; r++) CASES.forEach(([, fn], c) => results[c]!.push(round(fn)));
CASES.forEach(([name], c) => {
  const xs = results[c]!.sort((a, b) => a - b);
  const us = xs[0]!;
  console.log(`${name.padEnd(22)} ${us.toFixed(2).padStart(6)} µs/call (median ${xs[4]!.toFixed(2)})  ${Math.round(1e6 / us).toLocaleString('en-US').padStart(9)} calls/s`);
});
if (sink === 42) console.log('');
