import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { MAX_LINE_CHARS } from './lines.js';

/**
 * Lines of one stream chunk, as byte ranges: line `firstNo + i` is buf[starts[i], ends[i]),
 * without its newline, or, when starts[i] is -1, a line of ends[i] characters that was over the
 * limit and not kept. Lines stay bytes so that only the parts of a line that are read get
 * decoded (and so a batch can be handed to a worker as one buffer).
 */
export interface LineBatch {
  buf: Buffer;
  firstNo: number;
  count: number;
  starts: Float64Array;
  ends: Float64Array;
  /** Bytes of input this batch covers (for progress). */
  bytes: number;
}

/**
 * Splits a stream into batches of lines, one batch per chunk (plus one for a line carried over
 * from earlier chunks), without ever holding more than one line (capped at MAX_LINE_CHARS
 * characters) plus one chunk. Lines are counted and capped in UTF-16 characters, exactly as
 * decoding the whole stream and splitting the text would; a final line without a newline counts.
 */
export async function* lineBatches(input: Readable, maxChars = MAX_LINE_CHARS): AsyncGenerator<LineBatch> {
  let no = 0;
  // A line begun in an earlier chunk: its pieces, or (over the limit) only its length so far.
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  // Once a pending line has more bytes than the limit, its characters are counted as they arrive.
  let counter: StringDecoder | null = null;
  let pendingChars = 0;
  let overflow = false;

  const single = (buf: Buffer, start: number, end: number, bytes: number): LineBatch => ({
    buf,
    firstNo: ++no,
    count: 1,
    starts: Float64Array.of(start),
    ends: Float64Array.of(end),
    bytes,
  });
  /** The carried-over line, completed by `tail`, as a batch of its own. */
  const finishPending = (tail: Buffer): LineBatch => {
    const bytes = pendingBytes + tail.length;
    let batch: LineBatch;
    if (counter !== null) {
      const chars = pendingChars + counter.write(tail).length + counter.end().length;
      if (overflow || chars > maxChars) batch = single(tail, -1, chars, bytes + 1);
      else {
        const line = Buffer.concat([...pending, tail]);
        batch = single(line, 0, line.length, bytes + 1);
      }
    } else {
      const line = Buffer.concat([...pending, tail]);
      const chars = line.length > maxChars ? line.toString('utf8').length : 0;
      batch = chars > maxChars ? single(line, -1, chars, bytes + 1) : single(line, 0, line.length, bytes + 1);
    }
    pending = [];
    pendingBytes = 0;
    counter = null;
    pendingChars = 0;
    overflow = false;
    return batch;
  };
  /** Holds back an incomplete line, switching to counting characters once it may be over the limit. */
  const carry = (piece: Buffer) => {
    if (piece.length === 0) return;
    pendingBytes += piece.length;
    if (counter === null && pendingBytes > maxChars) {
      counter = new StringDecoder('utf8');
      for (const p of pending) pendingChars += counter.write(p).length;
    }
    if (counter !== null) {
      pendingChars += counter.write(piece).length;
      if (!overflow && pendingChars > maxChars) {
        overflow = true;
        pending = [];
      }
    }
    // Copied: the stream may reuse its chunk's memory.
    if (!overflow) pending.push(Buffer.from(piece));
  };

  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    let start = 0;
    let nl = buf.indexOf(10);
    if (nl === -1) {
      carry(buf);
      continue;
    }
    if (pendingBytes > 0 || counter !== null) {
      yield finishPending(buf.subarray(0, nl));
      start = nl + 1;
      nl = buf.indexOf(10, start);
    }
    const starts: number[] = [];
    const ends: number[] = [];
    const firstNo = no + 1;
    const from = start;
    let tooLong: Array<[number, number]> | null = null;
    while (nl !== -1) {
      no++;
      if (nl - start > maxChars) {
        // Over the limit in bytes; characters decide (a character takes 1–3 bytes).
        const chars = buf.toString('utf8', start, nl).length;
        if (chars > maxChars) (tooLong ??= []).push([starts.length, chars]);
      }
      starts.push(start);
      ends.push(nl);
      start = nl + 1;
      nl = buf.indexOf(10, start);
    }
    const batch: LineBatch = { buf, firstNo, count: starts.length, starts: Float64Array.from(starts), ends: Float64Array.from(ends), bytes: start - from };
    if (tooLong !== null) for (const [i, chars] of tooLong) (batch.starts[i] = -1), (batch.ends[i] = chars);
    if (batch.count > 0) yield batch;
    carry(buf.subarray(start));
  }
  if (pendingBytes > 0) {
    const last = finishPending(Buffer.alloc(0));
    last.bytes--;
    yield last;
  }
}
