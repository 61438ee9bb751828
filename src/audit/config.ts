import { z } from 'zod';
import { TIERS } from '../identity/types.js';

const days = z.number().int().positive();

/** `audit:` in the config file (validated with the rest; errors name the field). */
export const auditSchema = z
  .object({
    enabled: z.boolean().default(true),
    /** Where the log lives: default `sqlite:<dataDir>/audit.db`, or the identity database when `storage` is Postgres. */
    storage: z.string().min(1).optional(),
    /** `async`: acknowledged once queued (fast; a crash can lose the last ~flushMs of entries). `sync`: once committed and fsynced. */
    durability: z.enum(['async', 'sync']).default('async'),
    /**
     * SQLite: `thread` hashes and commits batches on a writer thread of their own, off the event
     * loop; `inline` on the event loop (one thread less). Postgres always commits inline.
     */
    writer: z.enum(['thread', 'inline']).default('thread'),
    batchSize: z.number().int().min(1).max(100_000).default(2_000),
    /** How long queued entries wait for company before an `async` commit (sync appends commit on the next tick). */
    flushMs: z.number().int().min(0).max(10_000).default(25),
    /** Queued entries beyond which new requests wait (back-pressure) instead of entries being dropped. */
    maxQueue: z.number().int().min(1).default(100_000),
    /** Signed tree head cadence when there are new entries; 0 = only on demand. */
    headIntervalMs: z.number().int().nonnegative().default(10_000),
    prompts: z
      .object({
        /** Tiers whose prompt text is kept in their entries. Off for every tier by default: only a keyed HMAC is kept. */
        storeForTiers: z.array(z.enum(TIERS)).default([]),
      })
      .strict()
      .prefault({}),
    retention: z
      .object({
        /** Entries older than this keep only the network part of their IP (/24, /48). */
        truncateIpsAfterDays: days.optional(),
        /** Entries older than this lose their payload (summarized per account and day); leaves and proofs stay valid. */
        payloadDays: days.optional(),
        /** How often the retention job runs in the server. */
        intervalMs: z.number().int().positive().default(3_600_000),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export type AuditConfig = z.infer<typeof auditSchema>;
