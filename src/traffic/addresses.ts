import type { Rng } from './rng.js';

/**
 * Generated addresses stay inside documentation and shared address space
 * (RFC 5737, RFC 6598, RFC 3849) so a trace can never name a real host.
 */

/** A residential-looking or proxy-exit address: 100.64.0.0/10 (RFC 6598 shared space). */
export function sharedSpaceIpv4(rng: Rng): string {
  return `100.${64 + rng.int(0, 63)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
}

/** A datacenter address: 203.0.113.0/24 (TEST-NET-3). */
export function datacenterIpv4(rng: Rng): string {
  return `203.0.113.${rng.int(1, 254)}`;
}

/** A NAT gateway address: 192.0.2.0/24 (TEST-NET-1). */
export function natIpv4(rng: Rng): string {
  return `192.0.2.${rng.int(1, 254)}`;
}

/** A mobile-carrier address: 198.51.100.0/24 (TEST-NET-2). */
export function mobileIpv4(rng: Rng): string {
  return `198.51.100.${rng.int(1, 254)}`;
}

/** A host in its own /48 of 2001:db8::/32 (RFC 3849). */
export function documentationIpv6(rng: Rng): string {
  const h = () => rng.int(0, 0xffff).toString(16);
  return `2001:db8:${h()}:${h()}::${h()}`;
}

/** Public mail providers (consumer accounts spread across these). */
export const PUBLIC_MAIL_DOMAINS = [
  'mailbox.example',
  'inbox.example',
  'post.example',
  'webmail.example',
  'letters.example',
  'mail.example.net',
  'correo.example',
  'posteo.example.org',
] as const;
export const PUBLIC_MAIL_WEIGHTS = [40, 20, 12, 8, 6, 6, 4, 4] as const;

/** UTC offset (hours) by country, for local-time activity. */
const UTC_OFFSET: Record<string, number> = {
  US: -6, CA: -5, MX: -6, BR: -3, GB: 0, DE: 1, FR: 1, ES: 1, NL: 1, RU: 3, AE: 4, KZ: 5, IN: 5.5,
  VN: 7, ID: 7, SG: 8, MY: 8, HK: 8, CN: 8, TW: 8, PH: 8, JP: 9, AU: 10, NG: 1,
};

export function utcOffsetHours(country: string): number {
  return UTC_OFFSET[country] ?? 0;
}
