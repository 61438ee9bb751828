import type { Rng } from '../rng.js';

/** Languages the generators can write in (ISO 639-1). */
export const LANGS = ['en', 'es', 'de', 'fr', 'pt', 'zh', 'ja'] as const;
export type Lang = (typeof LANGS)[number];

export interface ToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

/** One OpenAI Chat Completions message. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string | null;
  tool_calls?: ToolCall[];
  tool_call_id?: string;
}

export interface ToolDef {
  type: 'function';
  function: { name: string; description: string; parameters: Record<string, unknown> };
}

/** What one simulated request asks and what the model answered. */
export interface GeneratedExchange {
  /** System prompt, if the caller's app sends one (the caller puts it first in `messages`). */
  system?: string;
  /** The conversation so far, ending with a user or tool message. */
  messages: ChatMessage[];
  tools?: ToolDef[];
  /** The assistant's reply (kept short: a few sentences; it stands for the real output). */
  response: string;
  /** Realistic length of the full reply in tokens (the usage the log reports). */
  completionTokens: number;
}

export const TASK_KINDS = [
  // benign
  'chat',
  'writing',
  'coding_help',
  'data_question',
  'app_assistant',
  'business_integration',
  'homework',
  'power_user',
  // extraction campaigns
  'capability_sweep',
  'agentic_trace',
  'reasoning_elicitation',
  'rubric_grading',
  'safe_rewrite',
  // legitimate look-alikes (false-positive traps)
  'research_eval',
  'coding_agent',
] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

export interface TaskOptions {
  /** Language the prompts are written in. */
  lang: Lang;
  /**
   * Evasion knob, 0..1: the share of requests whose wording is paraphrased
   * away from the source's fixed templates (synonyms, reordering, filler,
   * different framings) while asking for the same thing.
   */
  paraphrase: number;
}

export interface TaskContext {
  rng: Rng;
  /** Day index since the trace start (homework changes daily, etc.). */
  day: number;
}

/** A stream of requests of one kind for one caller (or one coordinated group). */
export interface TaskSource {
  next(ctx: TaskContext): GeneratedExchange;
}
