import { z } from 'zod';
import { ACTIONS } from '../engine/types.js';
import { KYC_LEVELS, TIERS } from '../identity/types.js';

export const REASONING_MODES = ['pass', 'summarize', 'redact'] as const;
export type ReasoningMode = (typeof REASONING_MODES)[number];

/** What happens to a request that asks for reasoning the account will not see in full. */
export const REQUEST_TREATMENTS = ['allow', 'cap', 'reject'] as const;
export type RequestTreatment = (typeof REQUEST_TREATMENTS)[number];

export const EFFORTS = ['minimal', 'low', 'medium', 'high'] as const;
export type Effort = (typeof EFFORTS)[number];

/** Anthropic refuses a thinking budget below this. */
export const MIN_THINKING_BUDGET = 1024;

const ruleSchema = z
  .object({
    /** Omitted: any tier. */
    tiers: z.array(z.enum(TIERS)).min(1).optional(),
    kyc: z.array(z.enum(KYC_LEVELS)).min(1).optional(),
    /** The detection engine's enforced action (`allow` when detection is off or in shadow mode). */
    actions: z.array(z.enum(ACTIONS)).min(1).optional(),
    mode: z.enum(REASONING_MODES),
  })
  .strict();

const summarySchema = z
  .object({
    /** Characters of each reasoning block kept by `summarize`… */
    maxChars: z.number().int().positive().optional(),
    /** …or tokens (o200k tokenizer); set one of the two. */
    maxTokens: z.number().int().positive().optional(),
    /** Appended where the reasoning was cut. */
    marker: z.string().min(1).max(500).default(' […reasoning truncated by provider policy]'),
  })
  .strict()
  .refine((s) => !(s.maxChars !== undefined && s.maxTokens !== undefined), 'set maxChars or maxTokens, not both')
  .transform((s) => ({ ...s, maxChars: s.maxTokens === undefined ? (s.maxChars ?? 600) : undefined }));

const reasoningSchema = z
  .object({
    /** First matching rule wins; a field a rule leaves out matches every value. */
    rules: z.array(ruleSchema).default([]),
    default: z.enum(REASONING_MODES).default('pass'),
    summary: summarySchema.prefault({}),
    /** Text shown in place of redacted reasoning. */
    notice: z.string().min(1).max(500).default('[reasoning withheld by provider policy]'),
    /**
     * `redact`: replace each reasoning block with a notice. Anthropic thinking blocks become
     * placeholders whose signature is a Warden token (the original is kept server-side and
     * restored when the client sends the placeholder back). `drop`: remove Anthropic thinking
     * blocks entirely (block indices renumbered); tool-use continuations then lose their block.
     */
    anthropicRedactAs: z.enum(['placeholder', 'drop']).default('placeholder'),
    /** Requests asking for reasoning (`thinking`, `reasoning_effort`) when the account's mode is… */
    requests: z
      .object({
        summarize: z.enum(REQUEST_TREATMENTS).default('allow'),
        redact: z.enum(REQUEST_TREATMENTS).default('cap'),
      })
      .strict()
      .prefault({}),
    /** What `cap` lowers requests to. */
    cap: z
      .object({
        budgetTokens: z.number().int().min(MIN_THINKING_BUDGET, `Anthropic's smallest thinking budget is ${MIN_THINKING_BUDGET}`).default(MIN_THINKING_BUDGET),
        effort: z.enum(EFFORTS).default('low'),
      })
      .strict()
      .prefault({}),
    /** Originals of placeholder thinking blocks, held for restoring (per process, bounded). */
    restore: z
      .object({
        ttlMs: z.number().int().positive().default(3_600_000),
        maxEntries: z.number().int().positive().default(10_000),
        /** Total characters of reasoning held; the oldest entries go first beyond it. */
        maxChars: z.number().int().positive().default(64 * 1024 * 1024),
        /** A placeholder whose original is gone: `drop` the block, or `reject` the request with 400. */
        onMissing: z.enum(['drop', 'reject']).default('drop'),
      })
      .strict()
      .prefault({}),
  })
  .strict();

const degradeSchema = z
  .object({
    /** Cap on max_tokens / max_completion_tokens (set when the request has none); null: no cap. */
    maxTokens: z.number().int().positive().nullable().default(512),
    /** Force `n` = 1 (OpenAI). */
    singleChoice: z.boolean().default(true),
    /** Drop `logprobs` / `top_logprobs` (OpenAI). */
    dropLogprobs: z.boolean().default(true),
    /** Reasoning exposure while degraded (the stricter of this and the account's rules applies). */
    reasoning: z.enum(REASONING_MODES).default('redact'),
    /** Added before forwarding (a timer: nothing blocks). */
    addedLatencyMs: z.number().int().nonnegative().max(60_000).default(0),
  })
  .strict();

/** `output:` in the config file: what leaves the boundary (src/output). */
export const outputSchema = z
  .object({
    reasoning: reasoningSchema.prefault({}),
    /** Applied when detection's action is `degrade` and to accounts an operator set to `outputMode: degraded`. */
    degrade: degradeSchema.prefault({}),
    /** Send `x-warden-degraded` / `x-warden-reasoning` response headers saying what was applied. Off: clients are not told. */
    exposeHeaders: z.boolean().default(false),
  })
  .strict();

export type OutputConfig = z.infer<typeof outputSchema>;
export type ReasoningConfig = OutputConfig['reasoning'];
export type DegradeConfig = OutputConfig['degrade'];

export const DEFAULT_OUTPUT: OutputConfig = outputSchema.parse({});
