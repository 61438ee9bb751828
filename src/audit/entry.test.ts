import { describe, expect, it } from 'vitest';
import { encodeRecord, entryLeafHash, ipCommitment, leafData, sha256, toStoredEntry } from './entry.js';
import { leafHash } from './merkle.js';

describe('audit entries', () => {
  it('hash the documented leaf text with the RFC 9162 leaf prefix', () => {
    const record = { ts: 1_700_000_000_123, kind: 'request', ref: 'r1', account: 'a', org: null, action: 'allow', ip: '192.0.2.1', payload: { kind: 'request', id: 'r1' } } as const;
    const { entry, leaf } = toStoredEntry(41, encodeRecord(record));
    expect(entry.payloadHash.equals(sha256(entry.payload as string))).toBe(true);
    expect(entry.ipHash?.equals(sha256('warden-audit-ip\n192.0.2.1'))).toBe(true);
    const text = leafData(41, record.ts, entry.payloadHash, entry.ipHash);
    expect(text.toString('utf8')).toBe(`warden-audit-v1\n41\n${record.ts}\n${entry.payloadHash.toString('hex')}\n${entry.ipHash?.toString('hex')}`);
    expect(leaf.equals(leafHash(text))).toBe(true);
    expect(entryLeafHash(entry).equals(leaf)).toBe(true);
    const noIp = toStoredEntry(42, encodeRecord({ ...record, ip: null }));
    expect(noIp.leaf.equals(leafHash(leafData(42, record.ts, noIp.entry.payloadHash, null)))).toBe(true);
  });

  it('remember IP commitments without changing them', () => {
    for (let i = 0; i < 5_000; i++) expect(ipCommitment(`10.0.${i >> 8}.${i & 255}`).equals(sha256(`warden-audit-ip\n10.0.${i >> 8}.${i & 255}`))).toBe(true);
    expect(ipCommitment('10.0.0.1').equals(sha256('warden-audit-ip\n10.0.0.1'))).toBe(true);
  });
});

describe('the writer thread’s batch encoding', () => {
  it('round-trips every field, nulls, empty strings, colons, dashes and non-ASCII text', async () => {
    const { decodeBatch, encodeBatch } = await import('./writer-thread.js');
    const records = [
      { ts: 1, kind: 'request', ref: 'r:1', account: '-', org: null, action: 'allow', ip: '2001:db8::1', payload: { a: 'é漢字🙂', b: '12:x-' } },
      { ts: 1_700_000_000_000, kind: 'admin', ref: null, account: '', org: 'o', action: 'key.revoke', ip: null, payload: {} },
    ] as const;
    const encoded = records.map(encodeRecord);
    expect(decodeBatch(encodeBatch(encoded))).toEqual(records.map((r) => ({ ...r, payload: JSON.stringify(r.payload) })));
    expect(decodeBatch('')).toEqual([]);
  });
});
