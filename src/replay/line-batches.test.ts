import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { lineBatches } from './line-batches.js';

type Got = { no: number; text: string } | { no: number; tooLong: number };

/** What splitting the decoded text of the whole stream gives: the behaviour lineBatches must match. */
function reference(bytes: Buffer, max: number): Got[] {
  const parts = bytes.toString('utf8').split('\n');
  if (parts[parts.length - 1] === '') parts.pop();
  return parts.map((text, i) => (text.length > max ? { no: i + 1, tooLong: text.length } : { no: i + 1, text }));
}

async function split(chunks: Buffer[], max: number): Promise<Got[]> {
  const out: Got[] = [];
  let bytes = 0;
  for await (const b of lineBatches(Readable.from(chunks, { objectMode: true }), max)) {
    bytes += b.bytes;
    for (let i = 0; i < b.count; i++) {
      const no = b.firstNo + i;
      out.push(b.starts[i]! < 0 ? { no, tooLong: b.ends[i]! } : { no, text: b.buf.toString('utf8', b.starts[i], b.ends[i]) });
    }
  }
  expect(bytes).toBe(chunks.reduce((a, c) => a + c.length, 0));
  return out;
}

/** Deterministic pseudo-random chunking of `bytes`. */
function chunked(bytes: Buffer, seed: number, maxChunk: number): Buffer[] {
  const out: Buffer[] = [];
  let s = seed >>> 0;
  for (let i = 0; i < bytes.length; ) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const n = 1 + (s % maxChunk);
    out.push(bytes.subarray(i, i + n));
    i += n;
  }
  return out;
}

describe('lineBatches', () => {
  const pieces = ['a', 'héllo', '日本語', '😀', '\n', '\n', '{"x":1}', 'ü'.repeat(7), '語'.repeat(5), ' ', '\r'];
  const sample = (seed: number, n: number): Buffer => {
    let s = seed;
    let text = '';
    for (let i = 0; i < n; i++) {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      text += pieces[s % pieces.length];
    }
    return Buffer.from(text, 'utf8');
  };

  it('splits like decoding everything and splitting the text, however the bytes are chunked', async () => {
    for (let seed = 1; seed <= 40; seed++) {
      const bytes = sample(seed, 400);
      for (const max of [4, 9, 20, 1000]) {
        const want = reference(bytes, max);
        for (const maxChunk of [1, 3, 7, 64, 5000]) expect(await split(chunked(bytes, seed * 31 + maxChunk, maxChunk), max)).toEqual(want);
      }
    }
  });

  it('counts over-limit lines in characters, not bytes, and keeps multi-byte lines under the limit', async () => {
    // 10 characters, 30 bytes: under a 12-character limit although over 12 bytes.
    const cjk = Buffer.from('語'.repeat(10) + '\n' + '語'.repeat(13) + '\nok', 'utf8');
    for (const maxChunk of [1, 2, 5, 100]) {
      expect(await split(chunked(cjk, maxChunk, maxChunk), 12)).toEqual([
        { no: 1, text: '語'.repeat(10) },
        { no: 2, tooLong: 13 },
        { no: 3, text: 'ok' },
      ]);
    }
  });

  it('decodes a broken UTF-8 sequence cut by a newline as the whole stream would', async () => {
    const bytes = Buffer.from([0x61, 0xe6, 0x97, 0x0a, 0xe6, 0x97, 0xa5, 0x0a, 0xff, 0x62]);
    for (const maxChunk of [1, 2, 3, 100]) expect(await split(chunked(bytes, maxChunk, maxChunk), 100)).toEqual(reference(bytes, 100));
  });
});
