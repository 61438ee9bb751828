import { describe, expect, it } from 'vitest';
import { docs, passages, speeches } from '../bench/human-corpus.js';
import { BigramStudent } from '../bench/ngram-student.js';
import { normalizeTypography, paraphrase } from '../src/watermark/attack.js';
import { Evidence } from '../src/watermark/detect.js';
import { accountTable } from '../src/watermark/keys.js';
import MarkdownIt from 'markdown-it';
import { compileLexicon, lexiconFor } from '../src/watermark/lexicon.js';
import { Marker, markText } from '../src/watermark/mark.js';
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

  it('survives a paraphraser rewriting a quarter of the words in 1,600-word passages (≥ 88 % at p < 1e-6)', () => {
    const texts = passages(speeches(1950), 1600).slice(0, 60);
    let hits = 0;
    texts.forEach((t, i) => {
      const table = accounts[i % accounts.length] as Uint8Array;
      if (new Evidence(paraphrase(markText(t, table).text, 0.25, i)).score(table).p < 1e-6) hits++;
    });
    expect(hits / texts.length).toBeGreaterThanOrEqual(0.88);
  }, 60_000);

  it('still traces 1,600-word passages whose typography was normalized, on the lexical mark alone (≥ 85 %)', () => {
    const texts = passages(speeches(1950), 1600).slice(0, 60);
    let hits = 0;
    let kept = 0;
    let all = 0;
    let agree = 0;
    texts.forEach((t, i) => {
      const table = accounts[i % accounts.length] as Uint8Array;
      const marked = markText(t, table).text;
      const normalized = normalizeTypography(marked);
      expect(normalized).not.toBe(marked);
      const ev = new Evidence(normalized);
      kept += ev.trials;
      all += new Evidence(marked).trials;
      // The uniform channels were set aside, not counted against the owner: what is left nearly all agrees
      // (a channel used in fewer than six contexts stays, normalized or not).
      const s = ev.score(table);
      agree += s.score;
      if (s.p < 1e-6) hits++;
    });
    expect(agree / kept).toBeGreaterThan(0.95);
    expect(kept / all).toBeLessThan(0.5);
    expect(hits / texts.length).toBeGreaterThanOrEqual(0.85);
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

describe('Markdown restyling on real documentation', () => {
  // Only the typographic and Markdown channels (no lexicon, code fences on): what they change must render to the same HTML.
  const typography = { ...compileLexicon([]), fences: true };
  const md = new MarkdownIt();
  const rendered = (text: string) => md.render(text).replace(/’/g, "'").replace(/ {2,}/g, ' ');

  it('renders every marked document exactly as the original (CommonMark, markdown-it), for many accounts', () => {
    let restyled = 0;
    let strong = 0;
    for (const [i, doc] of docs().entries()) {
      const table = accounts[i % accounts.length] as Uint8Array;
      const m = new Marker(table, typography);
      const marked = m.push(doc.text) + m.end();
      restyled += m.restyled;
      if (/(^|\s)__[A-Za-z]/m.test(marked)) strong++;
      expect(rendered(marked), doc.name).toBe(rendered(doc.text));
    }
    // The channels are in use: bullets and emphasis were restyled in many documents.
    expect(restyled).toBeGreaterThan(500);
    expect(strong).toBeGreaterThan(10);
  }, 60_000);

  it('lengthens a code fence at both ends or not at all, keeps four-character fences, and leaves inline code alone', () => {
    const text = ['Run it:', '', '```sh', 'npm i warden', '```', '', '````md', '```js', 'nested', '```', '````', '', '```inline``` code', '', '~~~', 'x', '~~~'].join('\n');
    const seen = new Set<string>();
    // Only with the fence channel on (watermark.fences): by default no fence changes.
    expect(markText(text, accounts[0] as Uint8Array).text.split('\n').filter((l) => l.startsWith('```') || l.startsWith('~~~'))).toEqual(
      text.split('\n').filter((l) => l.startsWith('```') || l.startsWith('~~~')),
    );
    for (const table of accounts) {
      const lines = markText(text, table, lexiconFor({ fences: true })).text.split('\n');
      const sh = [lines[2], lines[4]];
      expect([['```sh', '```'], ['````sh', '````']]).toContainEqual(sh);
      seen.add(sh.join());
      expect(lines.slice(6, 11)).toEqual(['````md', '```js', 'nested', '```', '````']);
      expect(lines[12]).toBe('```inline``` code');
      expect([['~~~', '~~~'], ['~~~~', '~~~~']]).toContainEqual([lines[14], lines[16]]);
      // Rendered alike either way.
      expect(new MarkdownIt().render(lines.join('\n'))).toBe(new MarkdownIt().render(text));
    }
    expect(seen.size).toBe(2);
  });

  it('restyles a list as a whole, emphasis by its delimiters, and leaves rules, names and arithmetic alone', () => {
    const text = [
      'Options:',
      '',
      '- **Fast mode**: skips checks',
      '- *Safe mode*: runs them',
      '  - nested item',
      '',
      '* * *',
      '',
      'Call __init__ and _private_ first; 2 * 3 * 4 is 24, a*b*c stays.',
    ].join('\n');
    const outcomes = new Set<string>();
    for (const table of accounts) {
      const marked = markText(text, table).text;
      outcomes.add(marked);
      const lines = marked.split('\n');
      const bullets = new Set([lines[2]?.[0], lines[3]?.[0]]);
      expect(bullets.size, marked).toBe(1);
      expect(lines[4]).toBe('  - nested item');
      expect(lines[6]).toBe('* * *');
      expect(lines[8]).toContain('__init__ and _private_');
      expect(lines[8]).toContain('2 * 3 * 4 is 24, a*b*c stays.');
      expect(lines[2]).toMatch(/^[-*] (\*\*|__)Fast mode\1: skips checks$/);
      expect(lines[3]).toMatch(/^[-*] ([*_])Safe mode\1: runs them$/);
    }
    // Accounts differ in their choices: bullets and both delimiters vary.
    expect(outcomes.size).toBeGreaterThanOrEqual(6);
  });
});
