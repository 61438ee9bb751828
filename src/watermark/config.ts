import { z } from 'zod';
import { TIERS } from '../identity/types.js';

export const watermarkSchema = z
  .object({
    /** Mark generated text per account (src/watermark). */
    enabled: z.boolean().default(true),
    /** Directory of master key versions (`v1.key`, …); default `<dataDir>/watermark-keys`. */
    keyDir: z.string().min(1).optional(),
    /** Environment variable holding one hex master key instead (for fleets that inject secrets). */
    keyEnv: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name').optional(),
    /** Tiers whose output is never marked (e.g. contractual enterprise customers). */
    exemptTiers: z.array(z.enum(TIERS)).default([]),
    /** Accounts whose output is never marked. */
    exemptAccounts: z.array(z.string().min(1)).default([]),
    /**
     * Token log probabilities show the unmarked tokens. `keep` returns them as
     * asked (the text is still marked); `drop` removes the request for them
     * when the reply will be marked.
     */
    logprobs: z.enum(['keep', 'drop']).default('keep'),
    /** Send `x-warden-watermark: v<N>` on marked replies. Off: clients are not told. */
    exposeHeader: z.boolean().default(false),
    /**
     * Also mark with the length of code fences (three characters or four).
     * Rendered alike, but code-block parsers that expect exactly three
     * backticks (some coding agents') would miss the block: off by default.
     */
    fences: z.boolean().default(false),
    /** Accounts whose choice tables (64 KiB each) are kept in memory. */
    tableCache: z.number().int().positive().max(100_000).default(256),
  })
  .strict()
  .refine((w) => !(w.keyDir && w.keyEnv), { message: 'set keyDir or keyEnv, not both' });

export type WatermarkConfig = z.infer<typeof watermarkSchema>;
