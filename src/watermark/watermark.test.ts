import { describe, expect, it } from 'vitest';
import { Rng } from '../traffic/rng.js';
import { choicesBySlot, Evidence } from './detect.js';
import { accountTable, choose, Keyring } from './keys.js';
import { GROUPS, LEXICON, lexiconFor, type Lexicon } from './lexicon.js';
import { markText, Marker } from './mark.js';
import { chernoffGrid, chernoffTail, discreteSumTail, poissonBinomialTail } from './stats.js';
import { mkdtempSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const master = { version: 1, key: Buffer.alloc(32, 3) };
const tableA = accountTable(master, 'acct-a');
const tableB = accountTable(master, 'acct-b');

/** A seeded generator, so that every run checks the same cases. */
function rng(seed: number): () => number {
  const r = new Rng(seed);
  return () => r.next();
}

const FILLER = ['the', 'system', 'request', 'model', 'it', 'we', 'you', 'a', 'an', 'data', 'users', 'works', 'fast', 'then', 'there', 'to', 'do', 'not', 'is', 'that', 'in', 'of', 'and'];

/** Text that crowds lexicon phrases (every variant, with their guard words) together with markup. */
function crowdedText(seed: number, sentences: number): string {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)] as T;
  const out: string[] = [];
  for (let s = 0; s < sentences; s++) {
    const words: string[] = [];
    const n = 3 + Math.floor(r() * 12);
    for (let w = 0; w < n; w++) {
      const roll = r();
      if (roll < 0.35) {
        const g = pick(GROUPS);
        let v = pick(g.v);
        if (r() < 0.2) v = v.replace(/'/g, '’');
        words.push(r() < 0.15 ? v.charAt(0).toUpperCase() + v.slice(1) : v);
        if (g.start && r() < 0.7) words[words.length - 1] += ',';
      } else if (roll < 0.4) {
        words.push(
          pick(['`do not`', '"it is"', '(for example)', '<b>often</b>', 'do_not', 'x.usually', 'e-mail', "it's", 'don’t', 'John’s', '**It is clear:**', '__Do not__', '*usually*', '_for example_', '__init__', '**bold**', 'a*b*c', '2 * 3', '**unclosed', '*it is*.']),
        );
      } else words.push(pick(FILLER));
    }
    let sentence = words.join(' ');
    sentence = sentence.charAt(0).toUpperCase() + sentence.slice(1) + pick(['.', '.', '!', '?', ':']);
    out.push(sentence);
    const sep = r();
    out.push(
      sep < 0.55
        ? ' '
        : sep < 0.65
          ? '  '
          : sep < 0.75
            ? '\n\n'
            : sep < 0.8
              ? pick(['\n```js\nconst x = "do not"; // it is usually\n```\n', '\n~~~\nit is\n~~~\n', '\n```\n``` not a close\n  ```  \nit is\n', '\n```sh\nnpm i\n````\n', '\n```\ndo not\n```'])
              : sep < 0.92
                ? pick(['\n- ', '\n* ', '\n\n- ', '\n\n* ', '\n  - ', '\n* * *\n', '\n- - -\n', '\n+ ', '\n-no space ', '\n*Note* '])
                : '\n    indented code; it is\n',
    );
  }
  return out.join('');
}

function markInPieces(text: string, table: Uint8Array, seed: number, lexicon: Lexicon = LEXICON): string {
  const r = rng(seed);
  const m = new Marker(table, lexicon);
  let out = '';
  for (let i = 0; i < text.length; ) {
    const len = 1 + Math.floor(r() * 12);
    out += m.push(text.slice(i, i + len));
    i += len;
  }
  return out + m.end();
}

describe('lexicon', () => {
  it('has no phrase in two groups and no group with a repeated or single variant', () => {
    const seen = new Map<string, number>();
    GROUPS.forEach((g, i) => {
      expect(new Set(g.v).size, g.v.join('/')).toBe(g.v.length);
      expect(g.v.length).toBeGreaterThanOrEqual(2);
      for (const v of g.v) {
        expect(v, 'lowercase, single spaces').toMatch(/^[a-z']+( [a-z']+)*$/);
        expect(seen.get(v), `"${v}" is in two groups`).toBeUndefined();
        seen.set(v, i);
      }
    });
    expect(LEXICON.groups.length).toBe(GROUPS.length);
  });
});

describe('marking', () => {
  it('is deterministic: the same secret and text give the same marks, another secret other marks', () => {
    const text = crowdedText(1, 200);
    const a1 = markText(text, tableA).text;
    expect(markText(text, tableA).text).toBe(a1);
    expect(markText(text, tableB).text).not.toBe(a1);
    expect(a1).not.toBe(text);
  });

  for (const [name, lexicon] of [['default channels', LEXICON], ['with code fences', lexiconFor({ fences: true })]] as const) {
    it(`marks a stream exactly as the whole text, whatever the pieces (${name})`, () => {
      for (let seed = 1; seed <= 40; seed++) {
        const text = crowdedText(seed, 60);
        expect(markInPieces(text, tableA, seed * 7, lexicon), `seed ${seed}`).toBe(markText(text, tableA, lexicon).text);
      }
    });

    it(`the detector finds every marked choice, and each one agrees with the marking table (${name})`, () => {
      for (let seed = 1; seed <= 40; seed++) {
        const marked = markText(crowdedText(seed, 80), tableA, lexicon).text;
        const ev = new Evidence(marked, lexicon);
        const s = ev.score(tableA);
        expect(ev.trials, `seed ${seed}`).toBeGreaterThan(10);
        expect(s.score, `seed ${seed}: every context agrees`).toBe(s.trials);
        // Marking marked text again changes nothing: the marks are a fixed point.
        expect(markText(marked, tableA, lexicon).text).toBe(marked);
      }
    });
  }

  it('holds on Markdown-dense fragments: stream equals whole, every choice agrees, marks are a fixed point (seeded fuzz)', () => {
    // Fragments that crowd the scanner's rules together; the first two reproduce cases an earlier fuzz found.
    const frags = ['\t**Note:** x', '* * *don\'t* * *', '```', '````', '~~~', '```js', '\n', '\n\n', ' ', '  ', '    ', '\t', 'It is', "don't", 'we do not', '**Note:**', '__Do not__', '*it is*', '_x_', '- ', '* ', '  - ', '* * *', '`code`', '"it is"', 'However, ', 'for example', '. ', 'x', '1. ', '> ', '<b>', '  ```  ', '``` not', '``', '`', '’', '*in order to see what we can do here now*'];
    for (let seed = 1; seed <= 1500; seed++) {
      const r = rng(seed);
      let text = '';
      for (let i = 20 + Math.floor(r() * 60); i > 0; i--) text += frags[Math.floor(r() * frags.length)];
      // A table per seed: a rule that breaks only for one of a choice's variants shows up for half the tables.
      const table = accountTable(master, `fuzz-${seed}`);
      for (const lexicon of [LEXICON, lexiconFor({ fences: true })]) {
        const whole = markText(text, table, lexicon).text;
        expect(markInPieces(text, table, seed, lexicon), `seed ${seed}`).toBe(whole);
        expect(markText(whole, table, lexicon).text, `seed ${seed}: fixed point`).toBe(whole);
        if (!text.includes('````')) {
          const s = new Evidence(whole, lexicon).score(table);
          expect(s.score, `seed ${seed}: every context agrees`).toBe(s.trials);
        }
      }
    }
  });

  it('touches no code fence unless the fence channel is on', () => {
    let lengthened = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const text = crowdedText(seed, 80);
      const fences = (t: string) => t.split('\n').filter((l) => /^ {0,3}(`{3,}|~{3,})/.test(l));
      expect(fences(markText(text, tableA).text), `seed ${seed}`).toEqual(fences(text));
      if (fences(markText(text, tableA, lexiconFor({ fences: true })).text).join() !== fences(text).join()) lengthened++;
    }
    expect(lengthened).toBeGreaterThan(5);
  });

  it('never alters code blocks, inline code, quotations, markup or identifiers', () => {
    const protectedParts = [
      '```python\nif x is not None:\n    # it is usually fine, for example\n    print("do not")\n```',
      '`cannot` and `do not`',
      '"It is often the case that we do not know."',
      '“Do not go gentle,” she wrote',
      "'it is not' in single quotes",
      '<span title="it is">for example</span>',
      'do_not_call and it.usually and cannot-fail and /usr/bin/do/not',
      '> It is often said that we do not know.',
      '~~~\nwe do not\n~~~',
    ];
    for (const part of protectedParts) {
      const text = `It is clear.\n${part}\nIt is often true that we do not know. For example, it is so.`;
      const marked = markText(text, tableA).text;
      expect(marked, part).toContain(part);
    }
  });

  it('keeps the case of a sentence start and the apostrophe style it chose', () => {
    // Find a table under which the contraction flips, then check its form.
    for (let i = 0; i < 50; i++) {
      const table = accountTable(master, `case-${i}`);
      const out = markText('Do not worry. It is fine.', table).text;
      if (out.startsWith('Don')) {
        expect(out).toMatch(/^Don['’]t worry\.  ?/);
        return;
      }
    }
    throw new Error('no table changed "Do not"');
  });

  it('changes few words: under 3 % of a long text, and never the word count of code', () => {
    const text = crowdedText(99, 400);
    const m = markText(text, tableA);
    expect(m.words).toBeGreaterThan(2000);
    // The crowded test text is a third lexicon phrases; real text is far sparser (see the benchmark).
    expect(m.altered / m.words).toBeLessThan(0.3);
    expect(m.altered).toBeGreaterThan(0);
  });

  it('holds back no more than a bounded window of a stream, even for one endless word', () => {
    const m = new Marker(tableA);
    let emitted = 0;
    for (let i = 0; i < 2000; i++) emitted += m.push('x'.repeat(100)).length;
    expect(emitted).toBeGreaterThan(2000 * 100 - 200);
    emitted += m.end().length;
    expect(emitted).toBe(2000 * 100);
  });
});

describe('statistics', () => {
  it('the Poisson-binomial tail equals brute-force enumeration', () => {
    const ps = [0.5, 0.25, 0.5, 0.3359375, 0.2, 0.5];
    const tail = poissonBinomialTail(ps);
    for (let m = 0; m <= ps.length; m++) {
      let brute = 0;
      for (let mask = 0; mask < 1 << ps.length; mask++) {
        let prob = 1;
        let k = 0;
        ps.forEach((p, i) => {
          const on = (mask >> i) & 1;
          k += on;
          prob *= on ? p : 1 - p;
        });
        if (k >= m) brute += prob;
      }
      expect(tail[m]).toBeCloseTo(brute, 12);
    }
  });

  it('the exact tail of summed shares equals brute-force enumeration', () => {
    // Three slots on a grid of sixths: a pure slot (0 or 6), a two-occurrence slot (0, 3, 6), a three-occurrence one (0, 2, 4, 6).
    const slots = [
      { values: [0, 6], probs: [0.5, 0.5] },
      { values: [0, 3, 6], probs: [0.25, 0.5, 0.25] },
      { values: [0, 2, 4, 6], probs: [0.125, 0.375, 0.375, 0.125] },
    ];
    const tail = discreteSumTail(slots);
    for (let m = 0; m <= 18; m++) {
      let brute = 0;
      for (let a = 0; a < 2; a++)
        for (let b = 0; b < 3; b++)
          for (let c = 0; c < 4; c++) {
            const sum = (slots[0]!.values[a] as number) + (slots[1]!.values[b] as number) + (slots[2]!.values[c] as number);
            if (sum >= m) brute += (slots[0]!.probs[a] as number) * (slots[1]!.probs[b] as number) * (slots[2]!.probs[c] as number);
          }
      expect(tail[m], `m = ${m}`).toBeCloseTo(brute, 12);
    }
  });

  it('a text whose contexts recur with different choices gets an exact p-value: P(p ≤ α) = α over random tables', () => {
    // Contexts that recur with both variants make mixed slots (scored by their agreeing share).
    const text = 'We do not know. We don’t care. It is so. We do not stop. It’s late. It is done. We don’t wait.  They are here.  We will see. They’re gone.';
    const ev = new Evidence(text);
    const { bySlot } = choicesBySlot(text);
    expect([...bySlot.values()].some((occ) => new Set(occ.map((o) => o.variant)).size > 1)).toBe(true);
    const table = new Uint8Array(65_536);
    const r = rng(99);
    const ps: number[] = [];
    for (let t = 0; t < 20_000; t++) {
      for (const slot of bySlot.keys()) table[slot] = Math.floor(r() * 256);
      const s = ev.score(table);
      expect(s.method).toBe('exact');
      ps.push(s.p);
    }
    // An exact test: at each attainable level α, the share of random tables with p ≤ α is α.
    const levels = [...new Set(ps)].filter((a) => a > 0.01 && a < 0.9).sort((a, b) => a - b);
    expect(levels.length).toBeGreaterThan(3);
    for (const alpha of levels) {
      const share = ps.filter((p) => p <= alpha + 1e-12).length / ps.length;
      expect(Math.abs(share - alpha), `alpha ${alpha}`).toBeLessThan(4 * Math.sqrt((alpha * (1 - alpha)) / ps.length) + 1e-3);
    }
  });

  it('the Chernoff bound never falls below the exact tail', () => {
    const ps = Array.from({ length: 60 }, (_, i) => [0.5, 1 / 3, 0.25][i % 3] as number);
    const tail = poissonBinomialTail(ps);
    const grid = chernoffGrid(ps.map((p) => ({ values: [0, 1], weights: [1 - p, p] })));
    for (let m = 0; m <= 60; m++) expect(chernoffTail(grid, m)).toBeGreaterThanOrEqual((tail[m] as number) * (1 - 1e-9));
  });

  it('a table byte picks each of k variants about equally often', () => {
    for (const k of [2, 3, 4]) {
      const counts = new Array<number>(k).fill(0);
      for (let b = 0; b < 256; b++) counts[choose(b, k)]!++;
      expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    }
  });
});

describe('keys', () => {
  it('creates version 1 with mode 0600, rotates to new versions, and keeps the old ones for tracing', () => {
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'wm-keys-')), 'keys');
    const first = Keyring.open(dir);
    expect(first.current.version).toBe(1);
    expect(statSync(path.join(dir, 'v1.key')).mode & 0o777).toBe(0o600);
    expect(Keyring.rotate(dir)).toBe(2);
    const again = Keyring.open(dir);
    expect(again.keys.map((k) => k.version)).toEqual([1, 2]);
    expect(again.current.version).toBe(2);
    expect(again.keys[0]!.key.equals(first.current.key)).toBe(true);
    expect(() => Keyring.fromHex('abc')).toThrow(/32 bytes/);
  });
});
