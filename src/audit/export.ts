import { entryView, type StoredEntry } from './entry.js';

export type ExportFormat = 'jsonl' | 'csv';

export const CSV_COLUMNS = [
  'seq', 'ts', 'kind', 'ref', 'account', 'org', 'action', 'ip', 'ipTruncated', 'keyPrefix', 'country', 'endpoint', 'model',
  'status', 'tokensIn', 'tokensOut', 'score', 'reasons', 'admin', 'target', 'payloadHash',
] as const;

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  // Quote always when needed; a leading = + - @ is neutralised so spreadsheets do not run it as a formula.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) || safe !== s ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvHeader(): string {
  return `${CSV_COLUMNS.join(',')}\n`;
}

export function csvLine(e: StoredEntry): string {
  const v = entryView(e);
  const p = (v.payload ?? {}) as Record<string, unknown>;
  const engine = (p['engine'] ?? {}) as { score?: unknown; reasons?: unknown };
  const row: Record<(typeof CSV_COLUMNS)[number], unknown> = {
    seq: v.seq,
    ts: v.ts,
    kind: v.kind,
    ref: v.ref,
    account: v.account,
    org: v.org,
    action: v.action,
    ip: v.ip,
    ipTruncated: v.ipTruncated,
    keyPrefix: p['keyPrefix'],
    country: p['country'],
    endpoint: p['endpoint'],
    model: p['model'],
    status: p['status'],
    tokensIn: p['tokensIn'],
    tokensOut: p['tokensOut'],
    score: engine.score,
    reasons: Array.isArray(engine.reasons) ? engine.reasons.join('; ') : undefined,
    admin: p['admin'],
    target: p['target'],
    payloadHash: v.payloadHash,
  };
  return `${CSV_COLUMNS.map((c) => csvCell(row[c])).join(',')}\n`;
}

export function jsonLine(e: StoredEntry): string {
  return `${JSON.stringify(entryView(e))}\n`;
}
