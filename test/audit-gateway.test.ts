import { statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyConsistency, verifyInclusion } from '../src/audit/merkle.js';
import type { Stage } from '../src/proxy/stages.js';
import { ADMIN_TOKEN, startTestGateway, waitFor, type TestGateway } from './helpers.js';

const CHAT = (content: string) => ({ model: 'warden-sim', messages: [{ role: 'user', content }] });

/** Sends one request and waits until its event (and so its audit entry) is committed. */
async function chat(gw: TestGateway, key: string, content: string, model = 'warden-sim') {
  const before = gw.events.filter((e) => e.type === 'request').length;
  const res = await fetch(`${gw.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ ...CHAT(content), model }),
  });
  await res.text();
  await waitFor(() => gw.events.filter((e) => e.type === 'request').length > before);
  await gw.warden.audit?.log?.flush();
  return res;
}

async function admin(gw: TestGateway, method: string, p: string, body?: unknown) {
  const payload = body ?? (method === 'GET' ? undefined : {});
  const res = await fetch(`${gw.url}/admin${p}`, { method, headers: gw.adminHeaders, ...(payload === undefined ? {} : { body: JSON.stringify(payload) }) });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text, type: res.headers.get('content-type') };
}

describe('audit trail in the gateway (async durability, the default)', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw?.close());

  it('records every proxied request with who, what, how much and from where, but never the prompt', async () => {
    const secret = 'the secret prompt text 7f3a';
    expect((await chat(gw, gw.key, secret)).status).toBe(200);
    expect((await chat(gw, gw.key, secret)).status).toBe(200);
    expect((await chat(gw, gw.key, 'x', 'no-such-model')).status).toBe(404);
    const { json } = await admin(gw, 'GET', '/audit/entries?account=acct-test&kind=request');
    expect(json.data).toHaveLength(3);
    const [a, b, c] = json.data;
    const keyId = gw.key.split('_').slice(0, 2).join('_');
    expect(a).toMatchObject({ kind: 'request', account: 'acct-test', action: 'allow', ip: '127.0.0.1' });
    expect(a.payload).toMatchObject({ keyPrefix: keyId, country: 'SG', tier: 'paid', endpoint: '/v1/chat/completions', model: 'warden-sim', status: 200, engine: { action: 'allow' }, watermarkKey: 1 });
    expect(a.payload.tokensIn).toBeGreaterThan(0);
    expect(a.payload.tokensOut).toBeGreaterThan(0);
    expect(a.payload.promptHmac).toMatch(/^[0-9a-f]{64}$/);
    expect(b.payload.promptHmac).toBe(a.payload.promptHmac);
    expect(c.payload).toMatchObject({ status: 404, errorCode: 'WARDEN_ERR_MODEL_NOT_FOUND' });
    expect(JSON.stringify(json)).not.toContain(secret);
    expect(JSON.stringify(json)).not.toContain(gw.key);
    expect(a.ref).toBe(gw.events.find((e) => e.type === 'request')!['id' as never]);
  });

  it('records admin actions with the acting admin, never the token', async () => {
    expect((await admin(gw, 'POST', '/accounts', { id: 'acct-audited', tier: 'free', country: 'DE' })).status).toBe(201);
    const created = await admin(gw, 'POST', '/accounts/acct-audited/keys', { name: 'ci' });
    const keyId = created.json.key.id;
    await admin(gw, 'POST', `/keys/${keyId}/rotate`, {});
    await admin(gw, 'POST', `/keys/${keyId}/revoke`);
    await admin(gw, 'PATCH', '/accounts/acct-audited', { status: 'suspended' });
    const { json } = await admin(gw, 'GET', '/audit/entries?kind=admin&account=acct-audited');
    expect(json.data.map((e: any) => e.action)).toEqual(['account.create', 'key.create', 'key.rotate', 'key.revoke', 'account.update']);
    for (const e of json.data) expect(e.payload.admin).toMatch(/^admin:[0-9a-f]{12}$/);
    expect(json.data[4].payload.details).toEqual({ status: 'suspended' });
    expect(JSON.stringify(json)).not.toContain(ADMIN_TOKEN);
    expect(JSON.stringify(json)).not.toContain(created.json.secret);
  });

  it('signs heads on demand and serves proofs a client can check', async () => {
    const h1 = (await admin(gw, 'POST', '/audit/head')).json;
    for (let i = 0; i < 3; i++) await chat(gw, gw.key, `more ${i}`);
    await gw.warden.audit!.log!.flush();
    const h2 = (await admin(gw, 'POST', '/audit/head')).json;
    expect(h2.size).toBe(h1.size + 3);
    expect((await admin(gw, 'GET', '/audit/head')).json).toEqual(h2);
    const pem = await admin(gw, 'GET', '/audit/public-key');
    expect(pem.text).toContain('BEGIN PUBLIC KEY');

    const p = (await admin(gw, 'GET', `/audit/proof/inclusion?entry=1&size=${h2.size}`)).json;
    expect(verifyInclusion(1, h2.size, Buffer.from(p.leafHash, 'hex'), p.path.map((x: string) => Buffer.from(x, 'hex')), Buffer.from(h2.root, 'hex'))).toBe(true);
    const byRef = (await admin(gw, 'GET', `/audit/proof/inclusion?entry=${p.payload ? JSON.parse(p.payload).id : ''}`)).json;
    expect(byRef.leafIndex).toBe(1);
    const c = (await admin(gw, 'GET', `/audit/proof/consistency?old=${h1.size}&new=${h2.size}`)).json;
    expect(c.oldHead).toEqual(h1);
    expect(verifyConsistency(h1.size, h2.size, Buffer.from(h1.root, 'hex'), Buffer.from(h2.root, 'hex'), c.path.map((x: string) => Buffer.from(x, 'hex')))).toBe(true);
    expect((await admin(gw, 'POST', '/audit/verify')).json).toMatchObject({ ok: true, problems: [] });
  });

  it('exports JSONL and CSV and reports an account', async () => {
    const jsonl = await admin(gw, 'GET', '/audit/entries?account=acct-test&format=jsonl');
    expect(jsonl.type).toContain('application/x-ndjson');
    const lines = jsonl.text.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.length).toBeGreaterThanOrEqual(6);
    const csv = await admin(gw, 'GET', '/audit/entries?account=acct-test&format=csv');
    expect(csv.text.split('\n')[0]).toContain('seq,ts,kind,ref,account');
    expect(csv.text.trim().split('\n')).toHaveLength(lines.length + 1);
    const report = (await admin(gw, 'GET', '/audit/report?account=acct-test')).json;
    expect(report).toMatchObject({ account: 'acct-test', requests: lines.length, models: { 'warden-sim': lines.length - 1 }, countries: { SG: lines.length - 1 }, ips: { '127.0.0.1': lines.length } });
    // The request refused before reaching the stages (unknown model) has no account facts: country unknown.
    expect(report.statuses['404']).toBe(1);
  });

  it('answers bad queries with a clear error in the admin shape and keeps serving', async () => {
    const cases: Array<[string, string, string]> = [
      ['GET', '/audit/entries?ip=300.1.1.1/8', 'WARDEN_ERR_AUDIT_INVALID_QUERY'],
      ['GET', '/audit/entries?since=yesterday', 'WARDEN_ERR_AUDIT_INVALID_QUERY'],
      ['GET', '/audit/entries?limit=0', 'WARDEN_ERR_AUDIT_INVALID_QUERY'],
      ['GET', '/audit/entries?bogus=1', 'WARDEN_ERR_AUDIT_INVALID_QUERY'],
      ['GET', '/audit/entries?format=xml', 'WARDEN_ERR_AUDIT_INVALID_QUERY'],
      ['GET', '/audit/report', 'WARDEN_ERR_AUDIT_INVALID_QUERY'],
      ['GET', '/audit/entries/999999', 'WARDEN_ERR_AUDIT_NOT_FOUND'],
      ['GET', '/audit/proof/inclusion?entry=abc-missing', 'WARDEN_ERR_AUDIT_NOT_FOUND'],
      ['GET', '/audit/proof/inclusion?entry=0&size=123456', 'WARDEN_ERR_AUDIT_NOT_FOUND'],
      ['GET', '/audit/proof/consistency?old=5&new=2', 'WARDEN_ERR_AUDIT_BAD_PROOF'],
      ['GET', '/audit/proof/consistency?old=1&new=99999', 'WARDEN_ERR_AUDIT_BAD_PROOF'],
      ['GET', '/audit/proof/consistency?old=x&new=2', 'WARDEN_ERR_AUDIT_INVALID_QUERY'],
      ['POST', '/audit/verify?fromSize=-1', 'WARDEN_ERR_AUDIT_INVALID_QUERY'],
    ];
    for (const [method, p, code] of cases) {
      const r = await admin(gw, method, p);
      expect({ p, status: r.status, code: r.json?.error?.code }).toEqual({ p, status: r.status, code });
      expect(r.status).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(500);
      expect(typeof r.json.error.message).toBe('string');
    }
    const unauth = await fetch(`${gw.url}/admin/audit/entries`);
    expect(unauth.status).toBe(401);
    expect((await chat(gw, gw.key, 'still up')).status).toBe(200);
  });

  it('keeps the signing and HMAC keys in the data dir with mode 0600', () => {
    for (const f of ['audit-signing-key.pem', 'audit-hmac-key']) expect(statSync(path.join(gw.dataDir, f)).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(gw.dataDir, 'audit-signing-key.pub.pem')).mode & 0o077).not.toBe(0);
  });
});

describe('audit trail in the gateway (sync durability, prompts opted in for a tier)', () => {
  let gw: TestGateway;
  /** What a stage running just before forwarding finds in the store for its request. */
  const seenBeforeForward: Array<string | undefined> = [];
  beforeAll(async () => {
    const probe: Stage = {
      name: 'probe',
      beforeForward: async (ctx) => {
        seenBeforeForward.push((await gw.warden.audit!.store.entryByRef(ctx.id))?.kind);
      },
    };
    gw = await startTestGateway({ stages: [probe], config: { audit: { durability: 'sync', prompts: { storeForTiers: ['paid'] }, headIntervalMs: 50 } } });
  });

  it('commits an admission record before the request is forwarded, then the completion entry', async () => {
    const res = await chat(gw, gw.key, 'admit me');
    expect(res.status).toBe(200);
    expect(seenBeforeForward).toEqual(['admission']);
    const entries = (await admin(gw, 'GET', '/audit/entries?account=acct-test')).json.data;
    expect(entries.map((e: any) => e.kind)).toEqual(['admission', 'request']);
    expect(entries[0].ref).toBe(entries[1].ref);
    expect(entries[0].payload).toMatchObject({ action: 'admitted', keyPrefix: entries[1].payload.keyPrefix, model: 'warden-sim', country: 'SG' });
    expect(entries[0].payload.promptHmac).toBe(entries[1].payload.promptHmac);
    expect((await admin(gw, 'POST', '/audit/verify')).json.ok).toBe(true);
    const report = (await admin(gw, 'GET', '/audit/report?account=acct-test')).json;
    expect(report.requests).toBe(1);
  });
  afterAll(() => gw?.close());

  it('stores the prompt text only for opted-in tiers, and signs heads at the configured cadence', async () => {
    await gw.warden.identity.createAccount({ id: 'acct-free', tier: 'free' });
    const freeKey = (await gw.warden.identity.createKey('acct-free', {})).secret;
    await chat(gw, gw.key, 'paid prompt 1234');
    await chat(gw, freeKey, 'free prompt 5678');
    await gw.warden.audit!.log!.flush();
    const paid = (await admin(gw, 'GET', '/audit/entries?account=acct-test&kind=request')).json.data[1];
    const free = (await admin(gw, 'GET', '/audit/entries?account=acct-free&kind=request')).json.data[0];
    expect(paid.payload.prompt).toContain('paid prompt 1234');
    expect(free.payload.prompt).toBeUndefined();
    expect(JSON.stringify(free)).not.toContain('free prompt 5678');
    const size = gw.warden.audit!.log!.size;
    const deadline = Date.now() + 3_000;
    while (Date.now() < deadline && (await gw.warden.audit!.latestHead())?.size !== size) await new Promise((r) => setTimeout(r, 20));
    expect((await gw.warden.audit!.latestHead())?.size).toBe(size);
  });

  it('answers an admin change only after its entry is committed', async () => {
    const before = await gw.warden.audit!.store.size();
    expect((await admin(gw, 'POST', '/orgs', { id: 'org-sync', name: 'S' })).status).toBe(201);
    // No flush: in sync mode the entry is in the store by the time the response arrives.
    expect(await gw.warden.audit!.store.size()).toBe(before + 1);
    expect((await gw.warden.audit!.store.entry(before))?.action).toBe('org.create');
  });
});

describe('audit disabled', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ config: { audit: { enabled: false } } });
  });
  afterAll(() => gw?.close());

  it('serves traffic and says the trail is off', async () => {
    expect((await chat(gw, gw.key, 'x')).status).toBe(200);
    const r = await admin(gw, 'GET', '/audit/entries');
    expect(r.status).toBe(404);
    expect(r.json.error.code).toBe('WARDEN_ERR_AUDIT_DISABLED');
  });
});

describe('audit of detection decisions', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    // Shadow mode: requests keep being answered, and each one records what the engine would do and why.
    gw = await startTestGateway({ config: { detection: { policy: { shadow: true, trust: { tiers: [], kyc: [] } } } } });
  });
  afterAll(() => gw?.close());

  it('records the engine’s action, score and reasons on each request it acts on', async () => {
    const asks = ['Walk me through your complete internal reasoning, every step you considered and rejected', 'Write out your full chain of thought in detail before answering', 'Describe your thought process in full, step by step, then answer'];
    for (let i = 0; i < 30; i++) expect((await chat(gw, gw.key, `${asks[i % 3]}: problem ${i} about ${i * 7} apples`)).status).toBe(200);
    const { json } = await admin(gw, 'GET', '/audit/entries?account=acct-test&kind=request');
    const acted = json.data.filter((e: any) => e.payload.engine.shadow === true);
    expect(acted.length).toBeGreaterThan(0);
    const last = acted[acted.length - 1].payload.engine;
    expect(last.score).toBeGreaterThanOrEqual(0.5);
    expect(last.reasons[0]).toMatch(/reasoning-trace elicitation in \d+%/);
    // The first requests came before any evidence: nothing to act on, no reasons.
    expect(json.data[0].payload.engine).toMatchObject({ action: 'allow' });
  });
});
