/**
 * The floor for any Node.js proxy: node:http in, an undici Pool out, the
 * request forwarded as it came and the response streamed back through, and
 * nothing else (no parsing, no auth, no logging). The gateway benchmark
 * compares Warden against this, so that Warden is judged on the cost of what
 * it adds, not on the cost of Node's HTTP stack, which any proxy pays. It is
 * kept lean on purpose (see the comments below): a slow floor would flatter
 * Warden.
 *
 *   node dist/bench/bare-proxy.js --port 8081 --upstream http://127.0.0.1:8090
 */
import http, { type IncomingHttpHeaders } from 'node:http';
import { parseArgs } from 'node:util';
import { Pool, type Dispatcher } from 'undici';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    upstream: { type: 'string' },
  },
});
if (values.upstream === undefined) {
  process.stderr.write('usage: bare-proxy --port <port> --upstream <url>\n');
  process.exit(2);
}
const upstream = new URL(values.upstream);

// Same pool shape as Warden's upstreams (src/proxy/upstreams.ts), so the comparison is like for like.
const pool = new Pool(upstream.origin, { connections: 128, keepAliveTimeout: 30_000 });

/** Hop-by-hop headers (RFC 9110 §7.6.1) describe one connection, not the message: never forwarded. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host', // undici sets it from the pool's origin
  'expect', // undici rejects it; Node answers 100-continue itself
]);

type Headers = Record<string, string | string[]>;

function endToEnd(headers: IncomingHttpHeaders | Record<string, string | string[] | undefined>): Headers {
  const out: Headers = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
  }
  return out;
}

/**
 * The request body, read whole. Model API requests are small JSON documents:
 * handing undici one Buffer costs less CPU than handing it the request stream
 * (about 10-15% less per request, measured), and Warden buffers them too, so
 * the floor is neither inflated nor unlike Warden.
 */
function readBody(req: http.IncomingMessage): Promise<Buffer | null> {
  // A request has a body only if it says so; undici must not be handed one for a bodiless GET.
  if (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)));
    req.once('error', reject);
    // 'close' also follows every normal 'end': build the Error (a stack trace, not free) only for a real abort.
    req.once('close', () => {
      if (!req.complete) reject(new Error('client closed the connection mid-request'));
    });
  });
}

async function forward(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const upstreamRes = await pool.request({
    method: (req.method ?? 'GET') as Dispatcher.HttpMethod,
    path: req.url ?? '/',
    headers: endToEnd(req.headers),
    body: await readBody(req),
  });
  res.writeHead(upstreamRes.statusCode, endToEnd(upstreamRes.headers));
  const body = upstreamRes.body;
  // pipe() honours backpressure: a slow client pauses the upstream read. Not stream.pipeline(): in
  // Node 20 it creates and aborts an AbortController per call, and the abort's DOMException (with
  // its stack trace) alone was ~10% of this proxy's CPU in a profile. Errors are wired up by hand.
  body.on('error', () => res.destroy()); // upstream broke mid-body: the client must see a broken response
  res.once('close', () => {
    if (!res.writableFinished) body.destroy(); // client went away: stop reading from upstream
  });
  body.pipe(res);
}

const server = http.createServer({ keepAlive: true, noDelay: true }, (req, res) => {
  forward(req, res).catch((err: unknown) => {
    if (!res.headersSent) {
      res.writeHead(502, { 'content-type': 'text/plain' }).end(`bad gateway: ${(err as Error).message}\n`);
    } else {
      res.destroy(); // mid-body: the only honest signal left is a broken connection
    }
  });
});
// Outlive the clients' idle keep-alive so the proxy never closes a connection a client is about to reuse.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;

server.listen(Number(values.port), values.host, () => {
  const addr = server.address();
  const port = typeof addr === 'object' && addr !== null ? addr.port : values.port;
  process.stdout.write(`bare-proxy listening on http://${values.host}:${port} -> ${upstream.origin}\n`);
});

const stop = () => {
  server.close();
  server.closeAllConnections();
  void pool.close().then(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
