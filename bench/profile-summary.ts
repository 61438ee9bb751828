/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`): where self time went,
 * by function and by owner (a Warden source file, an npm package, Node's
 * internals, GC). The owner view answers "which layer costs what" at a glance.
 *
 *   node dist/bench/profile-summary.js <file.cpuprofile> [topN]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface Row {
  name: string;
  ms: number;
  share: number;
}

export interface ProfileSummary {
  totalMs: number;
  /** Excluding (idle): the time the process was actually on a CPU. */
  busyMs: number;
  functions: Row[];
  owners: Row[];
}

/** "fastify", "pino", "warden:src/proxy/forward.ts", "node:internal/…", or a V8 pseudo-frame like "(garbage collector)". */
function ownerOf(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native/V8)';
  if (url.startsWith('node:')) return url.split('/').slice(0, 3).join('/');
  const file = url.startsWith('file://') ? new URL(url).pathname : url;
  const nm = file.lastIndexOf('/node_modules/');
  if (nm !== -1) {
    const parts = file.slice(nm + '/node_modules/'.length).split('/');
    return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] ?? file);
  }
  const dist = file.lastIndexOf('/dist/');
  return dist !== -1 ? `warden:${file.slice(dist + '/dist/'.length)}` : file;
}

function top(map: Map<string, number>, busyMs: number, n: number): Row[] {
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, ms]) => ({ name, ms, share: ms / busyMs }));
}

export function summarizeProfile(file: string, topN = 25): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  // timeDeltas[i] is the time since the previous sample; it is charged to sample i.
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));

  const functions = new Map<string, number>();
  const owners = new Map<string, number>();
  let totalUs = 0;
  let idleUs = 0;
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node) continue;
    totalUs += us;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') {
      idleUs += us;
      continue;
    }
    const owner = ownerOf(url, functionName);
    const where = url === '' ? '' : ` ${path.basename(url)}:${lineNumber + 1}`;
    const fn = `${functionName || '(anonymous)'}${where} [${owner}]`;
    functions.set(fn, (functions.get(fn) ?? 0) + us / 1000);
    owners.set(owner, (owners.get(owner) ?? 0) + us / 1000);
  }
  const busyMs = (totalUs - idleUs) / 1000;
  return { totalMs: totalUs / 1000, busyMs, functions: top(functions, busyMs, topN), owners: top(owners, busyMs, topN) };
}

export function formatSummary(s: ProfileSummary): string {
  const row = (r: Row) => `  ${r.ms.toFixed(0).padStart(7)} ms  ${(r.share * 100).toFixed(1).padStart(5)}%  ${r.name}`;
  return [
    `profile: ${s.totalMs.toFixed(0)} ms sampled, ${s.busyMs.toFixed(0)} ms busy (shares below are of busy time)`,
    'self time by owner:',
    ...s.owners.map(row),
    'self time by function:',
    ...s.functions.map(row),
  ].join('\n');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [file, n] = process.argv.slice(2);
  if (file === undefined) {
    process.stderr.write('usage: profile-summary <file.cpuprofile> [topN]\n');
    process.exit(2);
  }
  process.stdout.write(`${formatSummary(summarizeProfile(file, n === undefined ? 25 : Number(n)))}\n`);
}
