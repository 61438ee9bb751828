import { afterEach, describe, expect, it } from 'vitest';
import { eventTime, normalizeEvent } from './normalize.js';

describe('event time', () => {
  const tz = process.env['TZ'];
  afterEach(() => {
    if (tz === undefined) delete process.env['TZ'];
    else process.env['TZ'] = tz;
  });

  it('reads ISO 8601 times with and without zones, a zoneless time as UTC whatever the machine’s zone', () => {
    process.env['TZ'] = 'America/New_York';
    expect(eventTime('2026-04-22 08:00:03')).toBe(Date.UTC(2026, 3, 22, 8, 0, 3));
    expect(eventTime('2026-04-22T08:00:03.120+02:00')).toBe(Date.UTC(2026, 3, 22, 6, 0, 3, 120));
    expect(eventTime('2026-04-22T08:00:03+0530')).toBe(Date.UTC(2026, 3, 22, 2, 30, 3));
    expect(eventTime('2026-04-22')).toBe(Date.UTC(2026, 3, 22));
    expect(eventTime('2026-04-22T08:00:03,5Z')).toBe(Date.UTC(2026, 3, 22, 8, 0, 3, 500));
  });

  it('rejects what is not an ISO 8601 time, naming the field', () => {
    for (const ts of ['April 22, 2026', 'yesterday', '2026-13-45T99:00:00Z', '']) expect(eventTime(ts)).toBeNaN();
    const n = normalizeEvent({ type: 'request', ts: 'April 22, 2026', account: 'a', body: { messages: [] } });
    expect(n.ok).toBe(false);
    expect(n.ok ? '' : n.reason).toMatch(/"ts" is not an ISO 8601 time/);
  });
});
