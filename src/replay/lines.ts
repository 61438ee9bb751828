import { createReadStream } from 'node:fs';
import { pipeline, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

export type Line = { no: number; text: string } | { no: number; tooLong: number };

/** Lines longer than this are reported and skipped instead of being buffered whole. */
export const MAX_LINE_CHARS = 8 * 1024 * 1024;

/**
 * Read size. Lines are parsed a chunk at a time (inline, or by a worker per chunk), and a
 * message to a worker costs ~0.1 ms however small: big chunks keep that off the per-line cost.
 */
const CHUNK_BYTES = 1 << 20;

/** Opens a trace: a path (gzip detected by magic bytes or .gz) or "-" for stdin. */
export async function openTrace(path: string): Promise<Readable> {
  const raw: Readable = path === '-' ? process.stdin : createReadStream(path, { highWaterMark: CHUNK_BYTES });
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
  return pipeline(raw, createGunzip({ chunkSize: CHUNK_BYTES }), () => {});
}
