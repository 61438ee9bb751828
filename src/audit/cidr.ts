import { BlockList, isIP } from 'node:net';
import { WardenError } from '../errors.js';

/** `a.b.c.d`, `a.b.c.d/n`, IPv6 likewise: a predicate over addresses. */
export function cidrMatcher(spec: string): (ip: string | null) => boolean {
  const [addr = '', bits] = spec.split('/');
  const family = isIP(addr);
  const max = family === 4 ? 32 : 128;
  const prefix = bits === undefined ? max : Number(bits);
  if (family === 0 || !Number.isInteger(prefix) || prefix < 0 || prefix > max || (bits !== undefined && !/^\d+$/.test(bits))) {
    throw new WardenError('WARDEN_ERR_AUDIT_INVALID_QUERY', `ip must be an address or CIDR (e.g. 192.0.2.0/24), got "${spec}"`);
  }
  const list = new BlockList();
  const type = family === 4 ? 'ipv4' : 'ipv6';
  list.addSubnet(addr, prefix, type);
  return (ip) => {
    if (ip === null) return false;
    const bare = ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;
    const f = isIP(bare);
    if (f === 0) return false;
    return list.check(bare, f === 4 ? 'ipv4' : 'ipv6');
  };
}

/** Keeps the network part: /24 of IPv4, /48 of IPv6 (host bits zeroed). */
export function truncateIp(ip: string): string {
  const bare = ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;
  if (isIP(bare) === 4) return `${bare.split('.').slice(0, 3).join('.')}.0`;
  if (isIP(bare) === 6) {
    const full = expandIpv6(bare);
    return `${full.slice(0, 3).join(':')}::`;
  }
  return '';
}

function expandIpv6(ip: string): string[] {
  const [head = '', tail] = ip.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const fill = tail === undefined ? [] : new Array<string>(8 - h.length - t.length).fill('0');
  return [...h, ...fill, ...t].map((p) => p.replace(/^0+(?=.)/, '') || '0');
}
