import { z } from 'zod';
import { ACCOUNT_STATUSES, KYC_LEVELS, OUTPUT_MODES, TIERS } from './types.js';

const id = z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'must be 1-64 characters of letters, digits, _ . : -');
const country = z
  .string()
  .regex(/^[A-Za-z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as "SG"')
  .transform((c) => c.toUpperCase());
const shortText = z.string().min(1).max(200);

export const createOrgInput = z
  .object({ id: id.optional(), name: shortText, tier: z.enum(TIERS).optional() })
  .strict();

export const createAccountInput = z
  .object({
    id: id.optional(),
    name: shortText.optional(),
    org: id.optional(),
    tier: z.enum(TIERS).default('free'),
    kyc: z.enum(KYC_LEVELS).default('none'),
    country: country.optional(),
    emailDomain: z.string().max(253).optional(),
    paymentFingerprint: z.string().max(128).optional(),
    signupIp: z.union([z.ipv4(), z.ipv6()]).optional(),
    outputMode: z.enum(OUTPUT_MODES).default('normal'),
  })
  .strict();

export const updateAccountInput = z
  .object({
    name: shortText.optional(),
    org: id.nullable().optional(),
    tier: z.enum(TIERS).optional(),
    kyc: z.enum(KYC_LEVELS).optional(),
    country: country.nullable().optional(),
    emailDomain: z.string().max(253).nullable().optional(),
    paymentFingerprint: z.string().max(128).nullable().optional(),
    status: z.enum(ACCOUNT_STATUSES).optional(),
    outputMode: z.enum(OUTPUT_MODES).optional(),
  })
  .strict()
  .refine((p) => Object.keys(p).length > 0, 'nothing to update');

export const createKeyInput = z
  .object({
    name: shortText.optional(),
    /** Lifetime in seconds; omitted = no expiry. */
    expiresInSeconds: z.number().int().positive().optional(),
  })
  .strict();

export const rotateKeyInput = z
  .object({
    /** How long the old key keeps working after rotation. */
    overlapSeconds: z.number().int().nonnegative().max(90 * 86_400).default(86_400),
    expiresInSeconds: z.number().int().positive().optional(),
  })
  .strict();

export type CreateOrgInput = z.input<typeof createOrgInput>;
export type CreateAccountInput = z.input<typeof createAccountInput>;
export type UpdateAccountInput = z.input<typeof updateAccountInput>;
export type CreateKeyInput = z.input<typeof createKeyInput>;
export type RotateKeyInput = z.input<typeof rotateKeyInput>;
