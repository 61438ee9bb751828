import { afterAll, describe, expect, it } from 'vitest';
import { ModelRouter, createUpstream } from './upstreams.js';

const timeouts = { connectMs: 1000, headersMs: 1000, bodyIdleMs: 1000 };
const oai = createUpstream('oai', { api: 'openai', baseUrl: 'http://127.0.0.1:9/v1', connections: 1, timeouts });
const ant = createUpstream('ant', { api: 'anthropic', baseUrl: 'http://127.0.0.1:9/prefix', connections: 1, timeouts });
const router = new ModelRouter(
  [
    { name: 'gpt-4o', upstream: 'oai', group: 'large', upstreamModel: 'gpt-4o-2024-08-06' },
    { name: 'gpt-*', upstream: 'oai', group: 'default' },
    { name: '*', upstream: 'ant', group: 'default' },
  ],
  new Map([
    ['oai', oai],
    ['ant', ant],
  ]),
);
afterAll(() => Promise.all([oai.pool.close(), ant.pool.close()]));

describe('ModelRouter', () => {
  it('matches exact names first in config order, then prefixes', () => {
    expect(router.resolve('gpt-4o', 'openai')).toMatchObject({ routeName: 'gpt-4o', group: 'large', upstreamModel: 'gpt-4o-2024-08-06' });
    expect(router.resolve('gpt-4.1-mini', 'openai').routeName).toBe('gpt-*');
  });

  it('skips routes whose upstream does not speak the caller’s API', () => {
    expect(router.resolve('gpt-4o', 'anthropic').upstream.name).toBe('ant');
    expect(() => router.resolve('claude-x', 'openai')).toThrow(expect.objectContaining({ code: 'WARDEN_ERR_WRONG_API_FOR_MODEL' }));
  });

  it('strips a trailing /v1 from base URLs and keeps other prefixes', () => {
    expect(oai.basePath).toBe('');
    expect(ant.basePath).toBe('/prefix');
  });

  it('lists only exact names for each API', () => {
    expect(router.listModels('openai')).toEqual(['gpt-4o']);
    expect(router.listModels('anthropic')).toEqual([]);
  });
});

import { errors } from 'undici';
import { fromUpstreamError } from './upstream-errors.js';

describe('fromUpstreamError', () => {
  it('maps network failures, timeouts and Warden’s own cancellation to stable codes', () => {
    expect(fromUpstreamError(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }), 'u').code).toBe('WARDEN_ERR_UPSTREAM_UNAVAILABLE');
    expect(fromUpstreamError(new errors.HeadersTimeoutError(), 'u').code).toBe('WARDEN_ERR_UPSTREAM_TIMEOUT');
    expect(fromUpstreamError(new errors.RequestAbortedError(), 'u').code).toBe('WARDEN_ERR_UNAVAILABLE');
    expect(fromUpstreamError(new Error('boom'), 'u').code).toBe('WARDEN_ERR_INTERNAL');
  });
});
