import type { KeyObject } from 'node:crypto';
import { entryLeafHash, ipCommitment, sha256, type StoredEntry } from './entry.js';
import { Frontier, type TreeNode } from './frontier.js';
import { consistencyProof, isLeafId, nodeOf, readerFrom, verifyConsistency } from './merkle.js';
import { overStoredNodes } from './proofs.js';
import { verifyHeadSignature } from './signer.js';
import type { AuditStore, SignedHead } from './store/audit-store.js';

export type ProblemCode =
  | 'bad_signature'
  | 'unknown_key'
  | 'missing_entries'
  | 'payload_mismatch'
  | 'index_mismatch'
  | 'ip_mismatch'
  | 'node_mismatch'
  | 'root_mismatch'
  | 'inconsistent_heads'
  | 'truncated'
  | 'bad_start';

export interface VerifyProblem {
  code: ProblemCode;
  /** The entry the problem is in, when it can be pinned to one. */
  seq?: number;
  /** The signed head size concerned, for head problems. */
  size?: number;
  message: string;
}

export interface VerifyReport {
  ok: boolean;
  fromSize: number;
  size: number;
  entriesChecked: number;
  headsChecked: number;
  redactedPayloads: number;
  truncatedIps: number;
  problems: VerifyProblem[];
  /** Problems beyond the first MAX_PROBLEMS are counted, not listed. */
  moreProblems: number;
  durationMs: number;
}

const BATCH = 5_000;
const MAX_PROBLEMS = 100;

/**
 * Recomputes the tree from the stored entries and checks everything a proof
 * or an auditor relies on: each payload against its committed hash, the
 * indexed columns against the payload, each leaf and interior node against
 * the stored tree, every signed head's signature and root, and the
 * consistency of each head with the next. Problems are pinned to the entry
 * (or the pair of heads) they are in.
 */
export async function verifyLog(store: AuditStore, publicKey: KeyObject | undefined, opts: { fromSize?: number; keyId?: string } = {}): Promise<VerifyReport> {
  const started = performance.now();
  const fromSize = opts.fromSize ?? 0;
  const problems: VerifyProblem[] = [];
  let more = 0;
  const report = (p: VerifyProblem) => (problems.length < MAX_PROBLEMS ? problems.push(p) : more++);

  let entriesChecked = 0;
  let redactedPayloads = 0;
  let truncatedIps = 0;
  const heads = await store.heads();
  for (const h of heads) {
    if (!publicKey) {
      report({ code: 'unknown_key', size: h.size, message: `no public key to check the head at size ${h.size} with` });
    } else if ((opts.keyId !== undefined && h.keyId !== opts.keyId) || !verifyHeadSignature(h, publicKey)) {
      report({ code: 'bad_signature', size: h.size, message: `the signed head at size ${h.size} has an invalid signature (key ${h.keyId})` });
    }
  }
  const headBySize = new Map<number, SignedHead>(heads.map((h) => [h.size, h]));
  const stored = await store.size();

  // Starting above zero trusts the stored prefix only as far as a signed head vouches for it.
  const frontier = fromSize === 0 ? new Frontier() : await startAt(store, fromSize, stored, heads, report);
  if (!frontier) return finish();

  let expected = fromSize;
  for (;;) {
    const batch = await store.scan(expected, BATCH);
    if (batch.length === 0) break;
    const produced: TreeNode[] = [];
    for (const e of batch) {
      if (e.seq !== expected) {
        report({ code: 'missing_entries', seq: expected, message: `entries ${expected}..${e.seq - 1} are missing (deleted from the log)` });
        // Later leaves sit at the wrong positions now; their roots are reported against the heads.
        expected = e.seq;
      }
      checkEntry(e, report);
      if (e.payload === null) redactedPayloads++;
      if (e.ipTruncated) truncatedIps++;
      const leaf = entryLeafHash(e);
      if (!e.leaf?.equals(leaf)) {
        report({ code: 'node_mismatch', seq: e.seq, message: `entry ${e.seq} does not match its stored leaf (edited, reordered or inserted)` });
      }
      // Leaves are placed at their recomputed position, so a gap shifts every later node.
      frontier.append(leaf, (n) => {
        if (!isLeafId(n.id)) produced.push(n);
      });
      expected++;
      entriesChecked++;
      const head = headBySize.get(frontier.size);
      if (head && !frontier.root().equals(head.root)) {
        report({
          code: 'root_mismatch',
          size: head.size,
          message: `the entries do not hash to the signed head at size ${head.size}: an entry below ${head.size} was changed, removed or reordered`,
        });
      }
    }
    const storedNodes = await storedNodesOf(store, produced);
    for (const n of produced) {
      const s = storedNodes.get(n.id);
      if (s && s.equals(n.hash)) continue;
      const { level, index } = nodeOf(n.id);
      report({
        code: 'node_mismatch',
        seq: index * 2 ** level,
        message: `tree node level ${level} index ${index} (entries ${index * 2 ** level}..${(index + 1) * 2 ** level - 1}) ${s ? 'differs from' : 'is missing from'} the stored tree`,
      });
    }
    if (batch.length < BATCH) break;
  }

  const last = heads[heads.length - 1];
  if (last && last.size > frontier.size) {
    report({ code: 'truncated', size: last.size, seq: frontier.size, message: `the log ends at ${frontier.size} entries but a head was signed at size ${last.size}: entries ${frontier.size}..${last.size - 1} were removed` });
  }

  // The chain: each signed head is a prefix of the next, shown with a consistency proof from the stored tree.
  for (let i = 1; i < heads.length; i++) {
    const a = heads[i - 1] as SignedHead;
    const b = heads[i] as SignedHead;
    if (b.size < fromSize || b.size > stored) continue;
    let ok = false;
    try {
      const proof = await overStoredNodes(store, (read) => consistencyProof(read, a.size, b.size));
      ok = verifyConsistency(a.size, b.size, a.root, b.root, proof);
    } catch {
      ok = false;
    }
    if (!ok) report({ code: 'inconsistent_heads', size: b.size, message: `the signed heads at sizes ${a.size} and ${b.size} are not consistent: entries between them were changed` });
  }
  return finish();

  function finish(): VerifyReport {
    return {
      ok: problems.length === 0,
      fromSize,
      size: frontier?.size ?? stored,
      entriesChecked,
      headsChecked: heads.length,
      redactedPayloads,
      truncatedIps,
      problems,
      moreProblems: more,
      durationMs: Math.round(performance.now() - started),
    };
  }
}

async function startAt(
  store: AuditStore,
  fromSize: number,
  stored: number,
  heads: readonly SignedHead[],
  report: (p: VerifyProblem) => void,
): Promise<Frontier | undefined> {
  if (!Number.isSafeInteger(fromSize) || fromSize < 0 || fromSize > stored) {
    report({ code: 'bad_start', message: `--from-size must be between 0 and the log's size ${stored}, got ${fromSize}` });
    return undefined;
  }
  const anchor = [...heads].reverse().find((h) => h.size <= fromSize && h.size > 0);
  if (!anchor) {
    report({ code: 'bad_start', message: `no signed head at or below size ${fromSize} to start from; verify from 0` });
    return undefined;
  }
  try {
    const nodes = await store.nodes(Frontier.nodeIds(fromSize));
    const frontier = Frontier.load(readerFrom(nodes), fromSize);
    const proof = await overStoredNodes(store, (read) => consistencyProof(read, anchor.size, fromSize));
    if (!verifyConsistency(anchor.size, fromSize, anchor.root, frontier.root(), proof)) throw new Error('inconsistent');
    return frontier;
  } catch {
    report({ code: 'bad_start', size: anchor.size, message: `the stored tree at size ${fromSize} is not consistent with the signed head at size ${anchor.size}; verify from 0` });
    return undefined;
  }
}

/** The stored counterparts of a batch's nodes: contiguous per level, so one range read per level. */
async function storedNodesOf(store: AuditStore, produced: readonly TreeNode[]): Promise<Map<number, Buffer>> {
  const ranges = new Map<number, { from: number; to: number }>();
  for (const n of produced) {
    const { level, index } = nodeOf(n.id);
    const r = ranges.get(level);
    if (!r) ranges.set(level, { from: index, to: index + 1 });
    else {
      r.from = Math.min(r.from, index);
      r.to = Math.max(r.to, index + 1);
    }
  }
  const out = new Map<number, Buffer>();
  for (const [level, r] of ranges) for (const [id, h] of await store.nodeRange(level, r.from, r.to)) out.set(id, h);
  return out;
}

function checkEntry(e: StoredEntry, report: (p: VerifyProblem) => void): void {
  if (e.payload !== null) {
    if (!sha256(e.payload).equals(e.payloadHash)) {
      report({ code: 'payload_mismatch', seq: e.seq, message: `entry ${e.seq}: its payload does not match the committed hash (edited)` });
    } else if (!indexMatches(e)) {
      report({ code: 'index_mismatch', seq: e.seq, message: `entry ${e.seq}: its indexed columns (account, org, kind, action, ref) differ from its payload` });
    }
  }
  if (!e.ipTruncated) {
    const ok = e.ip === null ? e.ipHash === null : e.ipHash !== null && ipCommitment(e.ip).equals(e.ipHash);
    if (!ok) report({ code: 'ip_mismatch', seq: e.seq, message: `entry ${e.seq}: its IP does not match the committed hash (edited)` });
  }
}

function indexMatches(e: StoredEntry): boolean {
  let p: Record<string, unknown>;
  try {
    p = JSON.parse(e.payload as string) as Record<string, unknown>;
  } catch {
    return false;
  }
  if (p['kind'] !== e.kind) return false;
  if (e.kind === 'request') {
    const engine = p['engine'] as { action?: string } | undefined;
    return p['account'] === e.account && (p['org'] ?? null) === e.org && p['id'] === e.ref && (engine?.action ?? 'allow') === e.action;
  }
  return p['action'] === e.action && (p['account'] ?? null) === e.account && (p['org'] ?? null) === e.org && (p['requestId'] ?? null) === e.ref;
}
