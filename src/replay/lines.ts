import { createReadStream } from 'node:fs';
import { pipeline, type Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';

export type Line = { no: number; text: string } | { no: number; tooLong: number };

/** Lines longer than this are reported and skipped instead of being buffered whole. */
export const MAX_LINE_CHARS = 8 * 1024 * 1024;

/** Opens a trace: a path (gzip detected by magic bytes or .gz) or "-" for stdin. */
export async function openTrace(path: string): Promise<Readable> {
  const raw: Readable = path === '-' ? process.stdin : createReadStream(path);
  if (path !== '-' && path.endsWith('.gz')) return gunzip(raw);
  // Sniff the first bytes so gzip on stdin or without the suffix also works.
  const first = await new Promise<Buffer | null>((resolve, reject) => {
    const onReadable = () => {
      cleanup();
      resolve(raw.read(2) as Buffer | null ?? (raw.read() as Buffer | null));
    };
    const onEnd = () => {
      cleanup();
      resolve(null);
    };
    const onError = (err: Error) => {
      cleanup();
      reject(err);
    };
    const cleanup = () => {
      raw.off('readable', onReadable);
      raw.off('end', onEnd);
      raw.off('error', onError);
    };
    raw.once('readable', onReadable);
    raw.once('end', onEnd);
    raw.once('error', onError);
  });
  if (first !== null) raw.unshift(first);
  if (first !== null && first.length >= 2 && first[0] === 0x1f && first[1] === 0x8b) return gunzip(raw);
  return raw;
}

/** pipeline() (not pipe) so a read error or a truncated archive reaches whoever consumes the output. */
function gunzip(raw: Readable): Readable {
  return pipeline(raw, createGunzip(), () => {});
}

/**
 * Splits a stream into lines without ever holding more than one line (capped
 * at MAX_LINE_CHARS) plus one chunk. A final line without a newline counts.
 */
export async function* readLines(input: Readable, maxChars = MAX_LINE_CHARS): AsyncGenerator<Line> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let overflow = 0;
  let no = 0;
  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl === -1) break;
      no++;
      if (overflow > 0) {
        yield { no, tooLong: overflow + nl - start };
        overflow = 0;
      } else {
        const line = pending.length > 0 ? pending + text.slice(start, nl) : text.slice(start, nl);
        pending = '';
        if (line.length > maxChars) yield { no, tooLong: line.length };
        else yield { no, text: line };
      }
      start = nl + 1;
    }
    if (overflow > 0) overflow += text.length - start;
    else {
      pending += text.slice(start);
      if (pending.length > maxChars) {
        overflow = pending.length;
        pending = '';
      }
    }
  }
  const rest = pending + decoder.end();
  if (overflow > 0) yield { no: no + 1, tooLong: overflow + rest.length };
  else if (rest.length > 0) yield { no: no + 1, text: rest };
}
