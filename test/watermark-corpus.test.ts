import { describe, expect, it } from 'vitest';
import { docs, passages, speeches } from '../bench/human-corpus.js';
import { BigramStudent } from '../bench/ngram-student.js';
import { paraphrase } from '../src/watermark/attack.js';
import { Evidence } from '../src/watermark/detect.js';
import { accountTable } from '../src/watermark/keys.js';
import { markText } from '../src/watermark/mark.js';
import { provenanceEvidence } from '../src/watermark/provenance.js';

// Real human-written text (State of the Union addresses, public domain; fastify/pino/undici docs, MIT): see bench/human-corpus.ts.
const master = { version: 1, key: Buffer.alloc(32, 0x21) };
const accounts = Array.from({ length: 50 }, (_, i) => accountTable(master, `acct-${i}`));

describe('watermark on real human text', () => {
  it('never attributes unmarked human text: no p below 1e-6, and small p-values no more often than chance', () => {
    let tests = 0;
    let below6 = 0;
    let below2 = 0;
    for (const text of [...passages(speeches(), 400), ...passages(docs(), 400)]) {
      const ev = new Evidence(text);
      for (const table of accounts) {
        const p = ev.score(table).p;
        tests++;
        if (p < 1e-6) below6++;
        if (p <= 0.01) below2++;
      }
    }
    expect(tests).toBeGreaterThan(200_000);
    expect(below6).toBe(0);
    // An exact test: P(p <= 0.01) <= 0.01 under the null (the bound holds with room for sampling noise).
    expect(below2 / tests).toBeLessThan(0.0105);
  }, 120_000);

  it('traces 400-word passages of marked speech to their account at p < 1e-6 (≥ 93 %), and 800-word ones always', () => {
    for (const [size, bar] of [[400, 0.93], [800, 1]] as const) {
      const texts = passages(speeches(1950), size).slice(0, 100);
      let hits = 0;
      let altered = 0;
      let words = 0;
      texts.forEach((t, i) => {
        const table = accounts[i % accounts.length] as Uint8Array;
        const m = markText(t, table);
        altered += m.altered;
        words += m.words;
        if (new Evidence(m.text).score(table).p < 1e-6) hits++;
      });
      expect(hits / texts.length, `${size} words`).toBeGreaterThanOrEqual(bar);
      expect(altered / words).toBeLessThan(0.03);
    }
  }, 60_000);

  it('survives a paraphraser rewriting a quarter of the words in 1,600-word passages (≥ 75 % at p < 1e-6)', () => {
    const texts = passages(speeches(1950), 1600).slice(0, 60);
    let hits = 0;
    texts.forEach((t, i) => {
      const table = accounts[i % accounts.length] as Uint8Array;
      if (new Evidence(paraphrase(markText(t, table).text, 0.25, i)).score(table).p < 1e-6) hits++;
    });
    expect(hits / texts.length).toBeGreaterThanOrEqual(0.75);
  }, 60_000);

  it('detects a student model trained on 10 % marked data (p < 1e-5), and not one trained on none', () => {
    const harvester = accountTable(master, 'harvester');
    const training = passages(speeches(1900), 300);
    const studentOf = (share: number) => {
      const s = new BigramStudent();
      training.forEach((d, i) => s.train(((i * 7919) % 1000) / 1000 < share ? markText(d, harvester).text : d));
      return provenanceEvidence(s.generate(2_000_000, 7));
    };
    const marked = studentOf(0.1);
    expect(marked(harvester).p).toBeLessThan(1e-5);
    // Bystander accounts' tables find nothing in the same student.
    for (const table of accounts.slice(0, 10)) expect(marked(table).p).toBeGreaterThan(1e-4);
    const clean = studentOf(0);
    expect(clean(harvester).p).toBeGreaterThan(1e-3);
  }, 120_000);
});
