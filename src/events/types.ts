import type { KycLevel, Tier } from '../identity/types.js';

/**
 * The normalized events of ../shared/spec/traffic-log.md. The gateway emits
 * exactly these shapes, so the detection engine sees the same input whether it
 * runs inline or in `warden replay`. Extra fields are allowed by the spec.
 */
export interface AccountEvent {
  type: 'account';
  ts: string;
  account: string;
  org?: string;
  tier?: Tier;
  kyc?: KycLevel;
  email_domain?: string;
  signup_ip?: string;
  payment_fingerprint?: string;
  country?: string;
}

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
}

export interface RequestEvent {
  type: 'request';
  ts: string;
  id: string;
  account: string;
  key?: string;
  ip?: string;
  user_agent?: string;
  endpoint: string;
  /** The request body as the client sent it (OpenAI or Anthropic shape). */
  body: Record<string, unknown>;
  response?: { text: string; usage: Usage };
  // Extra fields (allowed by the spec) that audit and metering use.
  org?: string;
  model?: string;
  upstream?: string;
  stream?: boolean;
  status: number;
  error_code?: string;
  latency_ms: number;
  /** Annotations added by request stages (limits, detection, output governance). */
  tags?: Record<string, unknown>;
}

export type TrafficEvent = AccountEvent | RequestEvent;

export interface EventSink {
  emit(event: TrafficEvent): void;
  close?(): Promise<void>;
}
