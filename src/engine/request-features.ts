import { hashText, headTailBands, minhashBands, skeleton } from './features/skeleton.js';
import { textSignals, type TextSignals } from './features/text-signals.js';
import type { RequestInput } from './types.js';

/** Skeletons shorter than this many characters are too generic ("hi", "thanks") to fingerprint. */
const MIN_SKELETON_CHARS = 60;
/** Prompts asking for at least this many output tokens are "bulk output" requests. */
export const BIG_OUTPUT_TOKENS = 4096;
/** System prompts are fingerprinted on this many leading characters (plus their length). */
const SYSTEM_HASH_CHARS = 1024;
/** The template fingerprint reads a long task's opening and closing this many characters each. */
const SKELETON_EDGE_CHARS = 700;
/** Below this many skeleton characters the whole-text bands say it all. */
const WRAP_MIN_CHARS = 400;
/** Signals of recent system prompts, by fingerprint: apps send the same one with every request. */
const SYSTEM_CACHE_SIZE = 4096;

/** Everything the engine derives from one request; the prompt text itself is not kept. */
export interface RequestFeatures {
  elicitation: 0 | 1 | 2;
  grading: boolean;
  rewrite: boolean;
  /** Any of the three extraction cues: strong elicitation, grading or safe-rewrite. */
  extractionCue: boolean;
  topic: number;
  /** LSH band keys of the prompt's template skeleton, or null when the prompt is too short to say. */
  bands: Uint32Array | null;
  /**
   * Band keys of the skeleton's opening and closing words (a fixed instruction wrapped around a
   * long varying item), or null for prompts too short to have both.
   */
  wrapBands: Uint32Array | null;
  systemHash: number;
  toolsHash: number;
  multiTurn: boolean;
  toolTrace: boolean;
  harvestSampling: boolean;
  bigOutput: boolean;
}

/**
 * Signals of recent system prompts by fingerprint, owned by one engine (so
 * engines never see each other's state). Eviction drops the oldest entry:
 * deterministic for a given event order.
 */
export type SystemSignalCache = Map<number, TextSignals>;

function signalsOfSystem(cache: SystemSignalCache, system: string, hash: number): TextSignals {
  let s = cache.get(hash);
  if (s === undefined) {
    s = textSignals(system);
    if (cache.size >= SYSTEM_CACHE_SIZE) cache.delete(cache.keys().next().value as number);
    cache.set(hash, s);
  }
  return s;
}

function fingerprintSystem(system: string): number {
  const head = system.length > SYSTEM_HASH_CHARS ? system.slice(0, SYSTEM_HASH_CHARS) : system;
  return (hashText(head) ^ Math.imul(system.length, 0x9e3779b1)) >>> 0 || 1;
}

export function requestFeatures(e: RequestInput, cache: SystemSignalCache): RequestFeatures {
  // The task is the first user text in agentic exchanges, whose last turns are tool results.
  const task = e.toolResults > 0 && e.firstUserText ? e.firstUserText : e.userText;
  const sig = textSignals(task);
  const systemHash = e.system.length > 0 ? fingerprintSystem(e.system) : 0;
  let elicitation = sig.elicitation;
  let grading = sig.grading;
  let rewrite = sig.rewrite;
  if (systemHash !== 0) {
    // Instructions in the system prompt count as much as in the user's turn ("always show your full reasoning").
    const sys = signalsOfSystem(cache, e.system, systemHash);
    if (sys.elicitation > elicitation) elicitation = sys.elicitation;
    grading ||= sys.grading;
    rewrite ||= sys.rewrite;
  }
  // A template shows in its opening and its closing instruction; reading only those keeps long
  // pasted documents cheap.
  const edges = task.length > 2 * SKELETON_EDGE_CHARS ? `${task.slice(0, SKELETON_EDGE_CHARS)} … ${task.slice(-SKELETON_EDGE_CHARS)}` : task;
  const skel = skeleton(edges);
  return {
    elicitation,
    grading,
    rewrite,
    extractionCue: elicitation === 2 || grading || rewrite,
    topic: sig.topic,
    bands: skel.length >= MIN_SKELETON_CHARS ? minhashBands(skel) : null,
    wrapBands: skel.length >= WRAP_MIN_CHARS ? headTailBands(skel) : null,
    systemHash: e.system.length >= 40 ? systemHash : 0,
    toolsHash: e.toolsHash,
    multiTurn: e.assistantTurns > 0,
    toolTrace: e.toolResults > 0,
    harvestSampling: e.n > 1 || e.logprobs,
    bigOutput: (e.maxTokens ?? 0) >= BIG_OUTPUT_TOKENS || (e.completionTokens ?? 0) >= 1500,
  };
}
