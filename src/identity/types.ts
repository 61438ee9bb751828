export const TIERS = ['free', 'paid', 'verified', 'enterprise'] as const;
export type Tier = (typeof TIERS)[number];

export const KYC_LEVELS = ['none', 'email', 'document', 'business'] as const;
export type KycLevel = (typeof KYC_LEVELS)[number];

/** `degraded`: an operator put the account in output degrade mode (src/output). */
export const OUTPUT_MODES = ['normal', 'degraded'] as const;
export type OutputMode = (typeof OUTPUT_MODES)[number];

export const ACCOUNT_STATUSES = ['active', 'suspended'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

/** Timestamps are epoch milliseconds throughout the store layer. */
export interface Org {
  id: string;
  name: string;
  tier: Tier | null;
  createdAt: number;
}

export interface Account {
  id: string;
  name: string;
  orgId: string | null;
  tier: Tier;
  kyc: KycLevel;
  country: string | null;
  emailDomain: string | null;
  paymentFingerprint: string | null;
  signupIp: string | null;
  status: AccountStatus;
  outputMode: OutputMode;
  createdAt: number;
  updatedAt: number;
}

export interface ApiKey {
  /** Public identifier, also the visible prefix of the key: `wdn_<12 hex>`. */
  id: string;
  accountId: string;
  name: string | null;
  /** hex SHA-256 of the full secret key; the key itself is never stored. */
  hash: string;
  createdAt: number;
  expiresAt: number | null;
  revokedAt: number | null;
  lastUsedAt: number | null;
  /** Set on a key created by rotation: the key it replaced. */
  rotatedFrom: string | null;
}

export type NewOrg = Pick<Org, 'id' | 'name' | 'tier' | 'createdAt'>;
export type NewAccount = Omit<Account, 'updatedAt'>;
export type AccountPatch = Partial<
  Pick<Account, 'name' | 'orgId' | 'tier' | 'kyc' | 'country' | 'emailDomain' | 'paymentFingerprint' | 'status' | 'outputMode'>
>;

export interface AccountFilter {
  orgId?: string;
  tier?: Tier;
  limit?: number;
  /** Return accounts whose id sorts after this one (keyset pagination). */
  after?: string;
}
