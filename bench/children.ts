/**
 * Child processes for the benchmark: start, wait until ready, and always clean
 * up. Every child is registered here so that a normal exit, an error, Ctrl-C or
 * SIGTERM all end with no stray servers left holding ports.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** Bytes of a child's stderr kept to explain a failed start. */
const STDERR_TAIL_BYTES = 8 * 1024;

export class Child {
  readonly name: string;
  readonly proc: ChildProcess;
  /** Resolves when the process has exited, for whatever reason. */
  readonly exited: Promise<void>;
  #stderr = '';
  #exit: string | undefined;
  #stopping = false;

  constructor(name: string, proc: ChildProcess) {
    this.name = name;
    this.proc = proc;
    // Drain stderr (a full pipe would block the child) and keep only its tail.
    proc.stderr?.setEncoding('utf8').on('data', (s: string) => {
      this.#stderr = (this.#stderr + s).slice(-STDERR_TAIL_BYTES);
    });
    this.exited = new Promise((resolve) => {
      proc.once('exit', (code, signal) => {
        this.#exit = signal === null ? `exit code ${code}` : `signal ${signal}`;
        resolve();
      });
      // A spawn failure (e.g. ENOENT) emits 'error' and possibly no 'exit'.
      proc.once('error', (err) => {
        this.#exit ??= `spawn error: ${err.message}`;
        resolve();
      });
    });
  }

  /**
   * CPU time (user + system) the process has used so far, in ms, from /proc
   * (Linux only; undefined elsewhere). Per-request CPU cost is steadier than
   * throughput on a small or shared machine, where the load generator, the sim
   * and the proxy compete for the same cores.
   */
  cpuMs(): number | undefined {
    try {
      const stat = readFileSync(`/proc/${this.proc.pid}/stat`, 'utf8');
      // Fields after "(comm)": state is field 3, utime 14, stime 15 (clock ticks, USER_HZ = 100 on Linux).
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
      return undefined;
    }
  }

  get alive(): boolean {
    return this.#exit === undefined;
  }

  /** Set when the child ended without being asked to: the benchmark is then invalid. */
  get unexpectedExit(): string | undefined {
    return this.#exit !== undefined && !this.#stopping ? this.#exit : undefined;
  }

  describeFailure(): string {
    const tail = this.#stderr.trim();
    return `${this.name} ${this.#exit ?? 'is still running'}${tail ? `; its stderr ends with:\n${indent(tail)}` : ''}`;
  }

  /** SIGTERM first (Warden drains and flushes, --cpu-prof writes its file), SIGKILL if it hangs. */
  async stop(graceMs = 5_000): Promise<void> {
    this.#stopping = true;
    if (!this.alive) return;
    this.proc.kill('SIGTERM');
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  /** Last resort from a synchronous 'exit' handler: no time to wait for a graceful stop. */
  killNow(): void {
    this.#stopping = true;
    if (this.alive) this.proc.kill('SIGKILL');
  }
}

function indent(s: string): string {
  return s.replace(/^/gm, '    ');
}

const children: Child[] = [];

export interface StartOptions {
  /** Where the child's stdout goes: 'ignore' is /dev/null; 'pipe' lets the caller read it (and it is drained). */
  stdout: 'ignore' | 'pipe';
  extraNodeArgs?: string[];
}

/** Starts `node <script> ...args` with the same Node binary as the benchmark. */
export function startNode(name: string, script: string, args: string[], opts: StartOptions): Child {
  const proc = spawn(process.execPath, [...(opts.extraNodeArgs ?? []), script, ...args], {
    stdio: ['ignore', opts.stdout, 'pipe'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  const child = new Child(name, proc);
  children.push(child);
  return child;
}

/** The first child that died on its own, if any. */
export function deadChild(): Child | undefined {
  return children.find((c) => c.unexpectedExit !== undefined);
}

/** CPU time all children have used so far, in ms (see Child.cpuMs). */
export function childrenCpuMs(): number {
  return children.reduce((sum, c) => sum + (c.cpuMs() ?? 0), 0);
}

/** Stops every child, in reverse start order (front proxies before the upstream they use). */
export async function stopAll(): Promise<void> {
  await Promise.all([...children].reverse().map((c) => c.stop()));
}

/** For process 'exit' handlers, which cannot await. */
export function killAllNow(): void {
  for (const c of children) c.killNow();
}

/** A port the OS says is free now. Another process could take it before the child binds; unlikely on a bench box. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Rejects as soon as `child` exits, so a crashed server fails fast instead of timing out. */
function failOnExit(child: Child): { promise: Promise<never>; cancel: () => void } {
  let cancelled = false;
  const promise = child.exited.then(() => {
    if (!cancelled) throw new Error(`${child.describeFailure()}`);
    return new Promise<never>(() => {});
  });
  return { promise, cancel: () => void (cancelled = true) };
}

async function withDeadline<T>(child: Child, what: string, timeoutMs: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const abort = new AbortController();
  const died = failOnExit(child);
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  try {
    return await Promise.race([
      work(abort.signal),
      died.promise,
      new Promise<never>((_, reject) =>
        abort.signal.addEventListener('abort', () => reject(new Error(`${child.name}: ${what} within ${timeoutMs} ms`)), { once: true }),
      ),
    ]);
  } finally {
    clearTimeout(timer);
    died.cancel();
    abort.abort();
  }
}

/** Waits for a stdout line matching `pattern` (the sim and the bare proxy print their URL when listening). */
export function waitForLine(child: Child, pattern: RegExp, timeoutMs = 15_000): Promise<RegExpMatchArray> {
  const out = child.proc.stdout;
  if (!out) throw new Error(`${child.name}: stdout is not piped`);
  return withDeadline(child, `no line matching ${pattern}`, timeoutMs, (signal) => {
    return new Promise<RegExpMatchArray>((resolve) => {
      let buffered = '';
      const onData = (s: string) => {
        buffered += s;
        const m = buffered.match(pattern);
        if (m) {
          out.off('data', onData);
          out.resume(); // keep draining whatever else it prints
          resolve(m);
        }
      };
      out.setEncoding('utf8').on('data', onData);
      signal.addEventListener('abort', () => out.off('data', onData), { once: true });
    });
  });
}

/** One GET without keep-alive (no sockets left open in the load generator). */
export function getStatus(url: string, timeoutMs = 1_000): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false, timeout: timeoutMs }, (res) => {
      res.resume();
      res.once('end', () => resolve(res.statusCode ?? 0));
    });
    req.once('timeout', () => req.destroy(new Error('timeout')));
    req.once('error', reject);
  });
}

/** Polls `url` until it answers 200. */
export function waitForHttp(child: Child, url: string, timeoutMs = 20_000): Promise<void> {
  return withDeadline(child, `no 200 from ${url}`, timeoutMs, async (signal) => {
    while (!signal.aborted) {
      try {
        if ((await getStatus(url)) === 200) return;
      } catch {
        // not listening yet
      }
      await sleep(50);
    }
  });
}
