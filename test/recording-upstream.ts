import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSimServer, type SimServer } from '../src/sim/server.js';

/** The simulator behind a recorder: tests see exactly what Warden forwarded upstream. */
export interface RecordingUpstream {
  url: string;
  /** Request bodies as received, in order. */
  bodies: Array<Record<string, unknown>>;
  last(): Record<string, unknown>;
  close(): Promise<void>;
}

export async function startRecordingUpstream(): Promise<RecordingUpstream> {
  const sim: SimServer = await startSimServer({ port: 0, host: '127.0.0.1' });
  const target = new URL(sim.url);
  const bodies: Array<Record<string, unknown>> = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      if (raw.length > 0) bodies.push(JSON.parse(raw.toString('utf8')) as Record<string, unknown>);
      const up = http.request(
        { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
        (upRes) => {
          res.writeHead(upRes.statusCode ?? 502, upRes.headers);
          upRes.pipe(res);
        },
      );
      up.on('error', () => res.destroy());
      up.end(raw);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    bodies,
    last: () => {
      const b = bodies.at(-1);
      if (!b) throw new Error('the upstream received nothing');
      return b;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await sim.close();
    },
  };
}

/** Config that routes every model to `url` (merged into startTestGateway's config). */
export function upstreamConfig(url: string): Record<string, unknown> {
  return { upstreams: { rec: { api: 'both', baseUrl: url } }, models: [{ name: '*', upstream: 'rec' }] };
}
