import { SingleBar } from 'cli-progress';

/** A progress bar on stderr when it is a terminal; silent otherwise (CI logs, pipes). */
export interface Progress {
  update(done: number, extra?: Record<string, string | number>): void;
  stop(): void;
}

export function progressBar(total: number, unit: string, enabled = process.stderr.isTTY === true): Progress {
  if (!enabled) return { update() {}, stop() {} };
  const bar = new SingleBar({
    stream: process.stderr,
    format: `{bar} {percentage}% | {value}/{total} ${unit} | {detail}`,
    hideCursor: true,
    clearOnComplete: true,
    etaBuffer: 20,
  });
  bar.start(total, 0, { detail: '' });
  return {
    update(done, extra) {
      bar.update(done, { detail: extra ? Object.entries(extra).map(([k, v]) => `${k} ${v}`).join(' · ') : '' });
    },
    stop() {
      bar.stop();
    },
  };
}
