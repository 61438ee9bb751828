/**
 * npm run bench:output — what the watermark costs and what it buys.
 *
 * 1. Marking throughput (MB/s) on real human text, whole replies and streams
 *    cut into 16-character deltas (a few tokens each, as upstreams send).
 * 2. Attribution from leaked passages of 200/400/800/1600 words: the share
 *    traced to their account at p < 1e-6 (one account tested, and among 1,000
 *    accounts with the Bonferroni correction), the share of words changed and
 *    of typography restyled.
 * 3. The same after a paraphraser rewrote 25 % of the words, and after one
 *    that only redrew 25 % of the choices ("paraphrased back"), and after the
 *    typography was normalized (the lexical mark alone).
 * 4. False attribution on unmarked human text: every passage against 1,000
 *    accounts.
 * 5. Distillation provenance: a bigram student trained on a corpus of which
 *    0, 5, 10 or 20 % was marked for one account, tested on its own output.
 * Then `bench/gateway.js --watermark` measures the gateway with marking on
 * (the default) next to a Warden with it off.
 */
import { performance } from 'node:perf_hooks';
import { Evidence } from '../src/watermark/detect.js';
import { accountTable } from '../src/watermark/keys.js';
import { LEXICON, lexiconFor, type Lexicon } from '../src/watermark/lexicon.js';
import { Marker, markText } from '../src/watermark/mark.js';
import { normalizeTypography, paraphrase } from '../src/watermark/attack.js';
import { provenanceEvidence } from '../src/watermark/provenance.js';
import { adjustForCandidates } from '../src/watermark/stats.js';
import { docs, passages, speeches, type Document } from './human-corpus.js';
import { BigramStudent } from './ngram-student.js';

const master = { version: 1, key: Buffer.alloc(32, 0x5a) };
const POPULATION = 1000;
const ALPHA = 1e-6;
const corpora: [string, Document[]][] = [
  ['speeches (1950-2016)', speeches(1950)],
  ['technical docs', docs()],
];
/** Attribution is also measured with the opt-in fence channel (watermark.fences) on the docs, where code fences are. */
const attributionCorpora: [string, Document[], Lexicon][] = [
  ...corpora.map(([name, corpus]): [string, Document[], Lexicon] => [name, corpus, LEXICON]),
  ['technical docs, watermark.fences on', docs(), lexiconFor({ fences: true })],
];

function line(s = ''): void {
  process.stdout.write(`${s}\n`);
}

// ------------------------------------------------------------------ 1. throughput
line('## Marking throughput');
{
  const replies: string[] = [];
  for (const [, corpus] of corpora) for (const d of corpus) for (let i = 0; i < d.text.length; i += 4000) replies.push(d.text.slice(i, i + 4000));
  const bytes = replies.reduce((n, r) => n + Buffer.byteLength(r), 0);
  const table = accountTable(master, 'throughput');
  const rounds: Record<string, number[]> = { whole: [], stream: [] };
  // The scanner's many rare branches take V8 several passes to settle: 10 warm-up passes, then 10 measured.
  const WARMUP = 10;
  for (let round = 0; round < WARMUP + 10; round++) {
    for (const mode of ['whole', 'stream'] as const) {
      const t0 = performance.now();
      let out = 0;
      for (const r of replies) {
        const m = new Marker(table);
        if (mode === 'whole') out += m.push(r).length;
        else for (let i = 0; i < r.length; i += 16) out += m.push(r.slice(i, i + 16)).length;
        out += m.end().length;
      }
      if (out === 0) throw new Error('nothing marked');
      if (round >= WARMUP) rounds[mode]!.push(bytes / 1e6 / ((performance.now() - t0) / 1000));
    }
  }
  for (const [mode, v] of Object.entries(rounds)) {
    const median = [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)] as number;
    line(`${mode === 'whole' ? 'whole replies     ' : 'streams, 16 chars '}: ${median.toFixed(1)} MB/s median of 10 after warm-up (${v.map((x) => x.toFixed(1)).join(', ')}) over ${(bytes / 1e6).toFixed(1)} MB — target 20 MB/s: ${median >= 20 ? 'PASS' : 'FAIL'}`);
  }
}

// ------------------------------------------------------------------ 2-3. attribution
const population = Array.from({ length: POPULATION }, (_, i) => accountTable(master, `acct-${i}`));

type Attack = 'none' | 'paraphrase' | 'choices' | 'normalized';

function attribution(texts: readonly string[], attack: Attack, lexicon: Lexicon): { one: number; among: number; altered: number; restyled: number; trials: number } {
  let one = 0;
  let among = 0;
  let altered = 0;
  let restyled = 0;
  let words = 0;
  let trials = 0;
  texts.forEach((t, i) => {
    const owner = i % POPULATION;
    const m = markText(t, population[owner] as Uint8Array, lexicon);
    altered += m.altered;
    restyled += m.restyled;
    words += m.words;
    const leaked = attack === 'none' ? m.text : attack === 'normalized' ? normalizeTypography(m.text) : paraphrase(m.text, 0.25, i + 1, { otherWords: attack === 'paraphrase' });
    const ev = new Evidence(leaked, lexicon);
    trials += ev.trials;
    const own = ev.score(population[owner] as Uint8Array).p;
    if (own < ALPHA) one++;
    let best = -1;
    let bestP = 2;
    population.forEach((table, a) => {
      const p = ev.score(table).p;
      if (p < bestP) [best, bestP] = [a, p];
    });
    if (best === owner && adjustForCandidates(bestP, POPULATION) < ALPHA) among++;
  });
  const n = texts.length;
  return { one: one / n, among: among / n, altered: altered / words, restyled: restyled / words, trials: trials / n };
}

const TITLES: Record<Attack, string> = {
  none: '## Attribution of leaked passages',
  paraphrase: '## Attribution after 25 % of the words were paraphrased (choices redrawn, other words changed)',
  choices: '## Attribution after 25 % of the choices were paraphrased back (redrawn; contexts kept)',
  normalized: '## Attribution after the typography was normalized (straight apostrophes, single spaces, ** and -): the lexical mark alone',
};
for (const attack of ['none', 'paraphrase', 'choices', 'normalized'] as const) {
  line();
  line(TITLES[attack]);
  line('| corpus | words | passages | contexts | p < 1e-6, own account | best of 1,000 at corrected p < 1e-6 | words changed | typography restyled |');
  line('|---|---|---|---|---|---|---|---|');
  for (const [name, corpus, lexicon] of attributionCorpora) {
    for (const size of [200, 400, 800, 1600, 3200]) {
      const texts = passages(corpus, size).slice(0, 150);
      if (texts.length < 20) continue;
      const r = attribution(texts, attack, lexicon);
      const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
      line(`| ${name} | ${size} | ${texts.length} | ${r.trials.toFixed(1)} | ${pct(r.one)} | ${pct(r.among)} | ${(100 * r.altered).toFixed(2)} % | ${(100 * r.restyled).toFixed(2)} % |`);
    }
  }
}

// ------------------------------------------------------------------ 4. false attribution
line();
line('## False attribution on unmarked human text (every passage against 1,000 accounts)');
for (const [name, corpus] of [['speeches (1790-2016)', speeches()] as const, ['technical docs', docs()] as const]) {
  const texts = passages(corpus, 400);
  let tests = 0;
  let below = 0;
  let below3 = 0;
  let minP = 1;
  for (const t of texts) {
    const ev = new Evidence(t);
    for (const table of population) {
      const p = ev.score(table).p;
      tests++;
      if (p < ALPHA) below++;
      if (p <= 1e-3) below3++;
      minP = Math.min(minP, p);
    }
  }
  line(`${name}: ${texts.length} passages × ${POPULATION} accounts = ${tests} tests; p < 1e-6: ${below} (target rate ≤ 1e-6: ${below / tests <= 1e-6 ? 'PASS' : 'FAIL'}); p ≤ 1e-3: ${(below3 / tests).toExponential(2)} (≤ 1e-3 expected); smallest p ${minP.toExponential(2)}`);
}

// ------------------------------------------------------------------ 5. provenance
line();
line('## Distillation provenance (bigram student, 2M generated tokens)');
line('| marked share of training data | contexts | choices | p (harvesting account) | smallest p among 20 other accounts |');
line('|---|---|---|---|---|');
{
  const harvester = accountTable(master, 'harvester');
  const others = Array.from({ length: 20 }, (_, i) => accountTable(master, `bystander-${i}`));
  const training = passages(speeches(1900), 300);
  for (const share of [0, 0.05, 0.1, 0.2]) {
    const student = new BigramStudent();
    training.forEach((d, i) => student.train(((i * 7919) % 1000) / 1000 < share ? markText(d, harvester).text : d));
    const test = provenanceEvidence(student.generate(2_000_000, 7));
    const own = test(harvester);
    const bystander = Math.min(...others.map((t) => test(t).p));
    line(`| ${(share * 100).toFixed(0)} % | ${own.trials} | ${own.choices} | ${own.p.toExponential(2)} | ${bystander.toExponential(2)} |`);
  }
}
