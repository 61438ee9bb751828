/**
 * The engine's input and output. Input events are the normalized form of
 * ../shared/spec/traffic-log.md lines (see normalize.ts); times are epoch
 * milliseconds of event time, never wall time.
 */

export const ACTIONS = ['allow', 'throttle', 'degrade', 'challenge', 'block', 'review'] as const;
export type Action = (typeof ACTIONS)[number];

export interface AccountInput {
  type: 'account';
  tsMs: number;
  account: string;
  org?: string;
  tier?: string;
  kyc?: string;
  emailDomain?: string;
  signupIp?: string;
  paymentFingerprint?: string;
  country?: string;
  /** When the account was created, if the log says (an extra field; defaults to `ts`). */
  createdMs?: number;
}

/** What the engine keeps of one request: shape and signals, never the prompt text itself. */
export interface RequestInput {
  type: 'request';
  tsMs: number;
  account: string;
  id?: string;
  key?: string;
  ip?: string;
  userAgent?: string;
  endpoint?: string;
  model?: string;
  /** System prompt text (OpenAI system/developer messages or Anthropic `system`). */
  system: string;
  /** The newest user-written text (tool results excluded). */
  userText: string;
  /** The first user-written text: the task of a multi-turn or agentic exchange. */
  firstUserText: string;
  messages: number;
  assistantTurns: number;
  toolResults: number;
  toolDefs: number;
  /** Fingerprint of the tool definitions' names (0 when none). */
  toolsHash: number;
  n: number;
  logprobs: boolean;
  temperature?: number;
  maxTokens?: number;
  promptTokens?: number;
  completionTokens?: number;
}

export type EngineInput = AccountInput | RequestInput;

/** The engine's answer for one request, decided on the state before it. */
export interface Decision {
  action: Action;
  score: number;
  /** True when policy would act but shadow mode keeps it from being enforced. */
  shadow: boolean;
  cluster: string | null;
  reasons: string[];
}

/** One line of verdicts.jsonl (spec). */
export interface Verdict {
  account: string;
  flagged: boolean;
  first_flag_ts: string | null;
  requests_before_flag: number;
  requests_total: number;
  action: Action;
  score: number;
  cluster: string | null;
  reasons: string[];
}
