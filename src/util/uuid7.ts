import { randomUUID } from 'node:crypto';

/**
 * A UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then random bits. Ids
 * made in time order sort in time order, so an index on them (the audit log
 * keeps one on request ids) grows at its right edge instead of taking every
 * insert on a random page. Built from a v4 UUID (Node pools their random
 * bytes) whose first 48 random bits become the time; 74 random bits remain.
 */
export function uuidV7(now = Date.now()): string {
  if (now !== lastMs) {
    const t = now.toString(16).padStart(12, '0');
    // Formatting the time cost more than the random part; requests in one millisecond share it.
    lastPrefix = `${t.slice(0, 8)}-${t.slice(8, 12)}-7`;
    lastMs = now;
  }
  return lastPrefix + randomUUID().slice(15);
}

let lastMs = -1;
let lastPrefix = '';
