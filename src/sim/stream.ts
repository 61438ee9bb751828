/**
 * Writes pre-rendered SSE frames to a response, honouring backpressure and an
 * optional delay between frames. Stops (clearing its timer) as soon as the
 * client goes away. `cutAfter` simulates a mid-stream failure: after that many
 * frames are flushed, the socket is destroyed.
 */
import type { ServerResponse } from 'node:http';

const WRITER = Symbol('simStreamWriter');
/** Frames joined into one write when there is no inter-chunk delay. */
const BATCH = 64;

type Res = ServerResponse & { [WRITER]?: StreamWriter };

export const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  'x-warden-simulated': 'true',
};

class StreamWriter {
  private i = 0;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly end: number;

  constructor(
    private readonly res: Res,
    private readonly frames: string[],
    private readonly delayMs: number,
    private readonly cut: boolean,
    cutAfter: number,
  ) {
    this.end = cut ? Math.min(cutAfter, frames.length) : frames.length;
  }

  /** Write as much as possible; reschedule on delay or wait for 'drain'. */
  pump(): void {
    this.timer = undefined;
    const { res, frames } = this;
    while (!this.stopped) {
      // One frame at a time when delayed; otherwise a batch per write.
      const to = this.delayMs > 0 ? this.i + 1 : Math.min(this.end, this.i + BATCH);
      const data = to - this.i === 1 ? frames[this.i]! : frames.slice(this.i, to).join('');
      this.i = to;
      if (this.i >= this.end) {
        this.stopped = true;
        if (this.cut) res.write(data, () => res.destroy());
        else res.end(data);
        return;
      }
      const ok = res.write(data);
      if (!ok) {
        res.once('drain', onDrain);
        return;
      }
      if (this.delayMs > 0) {
        this.timer = setTimeout(onTimer, this.delayMs, this);
        return;
      }
    }
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

function onTimer(w: StreamWriter): void {
  w.pump();
}

function onDrain(this: Res): void {
  const w = this[WRITER];
  if (!w) return;
  if (this.writableEnded || this.destroyed) return;
  w.pump();
}

function onClose(this: Res): void {
  this[WRITER]?.stop();
  this[WRITER] = undefined;
}

/**
 * Start streaming `frames` to `res` (headers are sent here).
 * With `cutAfter` defined, only that many frames are sent before the socket is destroyed.
 */
export function writeStream(res: ServerResponse, frames: string[], delayMs: number, cutAfter?: number): void {
  const r = res as Res;
  res.writeHead(200, SSE_HEADERS);
  if (frames.length === 0) {
    res.end();
    return;
  }
  const w = new StreamWriter(r, frames, delayMs, cutAfter !== undefined, cutAfter ?? 0);
  r[WRITER] = w;
  res.on('close', onClose);
  w.pump();
}
