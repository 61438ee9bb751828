import { hashText, minhashBands, skeleton } from './features/skeleton.js';
import { textSignals } from './features/text-signals.js';
import type { RequestInput } from './types.js';

/** Skeletons shorter than this many characters are too generic ("hi", "thanks") to fingerprint. */
const MIN_SKELETON_CHARS = 60;
/** Prompts asking for at least this many output tokens are "bulk output" requests. */
export const BIG_OUTPUT_TOKENS = 4096;

/** Everything the engine derives from one request; the prompt text itself is not kept. */
export interface RequestFeatures {
  elicitation: 0 | 1 | 2;
  grading: boolean;
  rewrite: boolean;
  topic: number;
  /** LSH band keys of the prompt's template skeleton, or null when the prompt is too short to say. */
  bands: Uint32Array | null;
  systemHash: number;
  toolsHash: number;
  multiTurn: boolean;
  toolTrace: boolean;
  harvestSampling: boolean;
  bigOutput: boolean;
}

export function requestFeatures(e: RequestInput): RequestFeatures {
  // The task is the first user text in agentic exchanges, whose last turns are tool results.
  const task = e.toolResults > 0 && e.firstUserText ? e.firstUserText : e.userText;
  const text = e.system ? `${e.system.slice(0, 1500)}\n${task}` : task;
  const sig = textSignals(text);
  const skel = skeleton(task);
  return {
    elicitation: sig.elicitation,
    grading: sig.grading,
    rewrite: sig.rewrite,
    topic: sig.topic,
    bands: skel.length >= MIN_SKELETON_CHARS ? minhashBands(skel) : null,
    systemHash: e.system.length >= 40 ? hashText(e.system) : 0,
    toolsHash: e.toolsHash,
    multiTurn: e.assistantTurns > 0,
    toolTrace: e.toolResults > 0,
    harvestSampling: e.n > 1 || e.logprobs,
    bigOutput: (e.maxTokens ?? 0) >= BIG_OUTPUT_TOKENS || (e.completionTokens ?? 0) >= 1500,
  };
}
