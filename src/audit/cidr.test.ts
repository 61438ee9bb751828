import { describe, expect, it } from 'vitest';
import { cidrMatcher, truncateIp } from './cidr.js';

describe('audit CIDR matching and IP truncation', () => {
  it('matches IPv4 and IPv6 blocks, single addresses and IPv4-mapped IPv6', () => {
    const v4 = cidrMatcher('192.0.2.0/24');
    expect([v4('192.0.2.1'), v4('192.0.2.255'), v4('192.0.3.1'), v4('::ffff:192.0.2.9'), v4(null), v4('junk')]).toEqual([true, true, false, true, false, false]);
    const v6 = cidrMatcher('2001:db8::/32');
    expect([v6('2001:db8:1::5'), v6('2001:db9::1'), v6('192.0.2.1')]).toEqual([true, false, false]);
    expect(cidrMatcher('198.51.100.7')('198.51.100.7')).toBe(true);
    expect(cidrMatcher('198.51.100.7')('198.51.100.8')).toBe(false);
  });

  it('rejects malformed blocks with a query error', () => {
    for (const bad of ['300.1.1.1', '10.0.0.0/33', '10.0.0.0/x', '2001:db8::/129', 'host', '10.0.0.0/']) {
      expect(() => cidrMatcher(bad), bad).toThrow(expect.objectContaining({ code: 'WARDEN_ERR_AUDIT_INVALID_QUERY' }));
    }
  });

  it('keeps the /24 of IPv4 and the /48 of IPv6', () => {
    expect(truncateIp('203.0.113.77')).toBe('203.0.113.0');
    expect(truncateIp('::ffff:203.0.113.77')).toBe('203.0.113.0');
    expect(truncateIp('2001:db8:abcd:12::1')).toBe('2001:db8:abcd::');
    expect(truncateIp('2001:db8::1')).toBe('2001:db8:0::');
  });
});
