/**
 * Per-request text signals for distillation detection: does the prompt ask the model to expose
 * its reasoning (elicitation), use it as a judge/grader (grading), or launder unsafe requests into
 * acceptable ones (rewrite), and what capability area is it about (topic)?
 *
 * How: one pass of a keyword DFA over the text (automaton.ts) records where cue words occur
 * (lexicon.ts), then a few proximity rules combine verb families with object families, so
 * paraphrases ("lay out the reasoning you used", "explica tu razonamiento", "思考過程を詳しく説明して")
 * fire without listing whole sentences, and lone words ("reasoning", "score", "safe") do not.
 * Deterministic, no allocation besides the result object, a few µs per prompt.
 */
import { CjkMatcher, KeywordDfa, WORD_ALPHABET_SIZE, WORD_SYMBOL, isCjk, wordSymbols } from './automaton.js';
import { CUE_LEXICON, K, TOPIC_LEXICON, TOPIC_NAMES } from './lexicon.js';

export interface TextSignals {
  /** 0 none; 1 weak: generic "step by step"/"show your work" style asks (common in homework and evals); 2 strong: asks the model to expose/articulate/spell out its own internal reasoning, chain of thought, thought process, deliberation, what it considered and rejected, inner monologue, hidden reasoning, reasoning trace. */
  elicitation: 0 | 1 | 2;
  /** Uses the model as a judge / grader / reward model: rubric with criteria/points, "score/rate/grade the following response/answer (1-10)", pairwise "Response A vs Response B which is better", preference labelling, JSON score output. */
  grading: boolean;
  /** Asks to rewrite/rephrase/reformulate a (sensitive/harmful/borderline) request or question into a safe / harmless / policy-compliant / acceptable / non-refusable alternative. */
  rewrite: boolean;
  /** Capability/topic category index into TOPICS. */
  topic: number;
}

/** Capability areas; the last one, "everyday/chat/other", is the default. */
export const TOPICS: readonly string[] = TOPIC_NAMES;
const NT = TOPIC_NAMES.length;
const OTHER = NT - 1;
const CODING = 0;
const MATH = 1;

/** Prompts are read up to this many characters: the head, plus the tail where pipelines often append their instruction. */
const HEAD_CHARS = 3000;
const TAIL_CHARS = 1000;

// ------------------------------------------------------------------ compiled lexicon

/** Per-keyword metadata, indexed by keyword id. */
interface Meta {
  /** Cue kind bits. */
  kinds: Uint32Array;
  /** Keyword length in characters (to place the start of a hit). */
  len: Uint16Array;
  /** Topic weights of keyword id: topicOf/topicWeight[topicFrom[id] .. topicFrom[id + 1]) (usually 0 or 1 entries). */
  topicFrom: Int32Array;
  topicOf: Uint8Array;
  topicWeight: Float32Array;
}

interface Draft {
  kinds: number;
  len: number;
  topic: Float64Array;
}

function containsCjk(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (isCjk(s.charCodeAt(i))) return true;
  return false;
}

function metadata(drafts: readonly Draft[]): Meta {
  const n = drafts.length;
  const topics = drafts.map((d) => [...d.topic.keys()].filter((t) => d.topic[t] !== 0));
  const total = topics.reduce((a, t) => a + t.length, 0);
  const meta: Meta = {
    kinds: new Uint32Array(n),
    len: new Uint16Array(n),
    topicFrom: new Int32Array(n + 1),
    topicOf: new Uint8Array(total),
    topicWeight: new Float32Array(total),
  };
  let k = 0;
  drafts.forEach((d, id) => {
    meta.kinds[id] = d.kinds;
    meta.len[id] = d.len;
    meta.topicFrom[id] = k;
    for (const t of topics[id]!) {
      meta.topicOf[k] = t;
      meta.topicWeight[k++] = d.topic[t]!;
    }
  });
  meta.topicFrom[n] = k;
  return meta;
}

/** Word-script keywords (Latin, Cyrillic) in a DFA; CJK keywords in a CjkMatcher. */
const { WORD_DFA, WORD_META, WORD_START, CJK, CJK_META } = (() => {
  const word = new Map<string, Draft & { seq: number[] }>();
  const cjk = new Map<string, Draft>();
  const add = (raw: string, kinds: number, topic: number, weight: number) => {
    if (raw.trim() === '') return;
    let d: Draft;
    if (containsCjk(raw)) {
      const key = Array.from(raw, (ch) => String.fromCharCode(CjkMatcher.FOLD[ch.charCodeAt(0)]!)).join('');
      const found = cjk.get(key);
      if (found) d = found;
      else cjk.set(key, (d = { kinds: 0, len: key.length, topic: new Float64Array(NT) }));
    } else {
      const seq = wordSymbols(raw);
      const key = seq.join(',');
      const found = word.get(key);
      if (found) d = found;
      else word.set(key, (d = { seq, kinds: 0, len: raw.trim().length, topic: new Float64Array(NT) } as Draft & { seq: number[] }));
    }
    d.kinds |= kinds;
    if (topic >= 0) d.topic[topic]! += weight;
  };
  for (const [kinds, words] of CUE_LEXICON) for (const w of words.split('|')) add(w, kinds, -1, 0);
  for (const [topic, weight, words] of TOPIC_LEXICON) for (const w of words.split('|')) add(w, 0, topic, weight);
  const words = [...word.values()];
  const dfa = new KeywordDfa(
    words.map((d) => d.seq),
    WORD_ALPHABET_SIZE,
  );
  return {
    WORD_DFA: dfa,
    WORD_META: metadata(words),
    WORD_START: dfa.delta[0]! < 0 ? ~dfa.delta[0]! : dfa.delta[0]!, // after the separator the text implicitly starts with
    CJK: new CjkMatcher([...cjk.keys()]),
    CJK_META: metadata([...cjk.values()]),
  };
})();

// ------------------------------------------------------------------ per-call scratch (reused)

const MAX_HITS = 512;
const hitKind = new Uint32Array(MAX_HITS);
const hitStart = new Int32Array(MAX_HITS);
const hitEnd = new Int32Array(MAX_HITS);
let nHits = 0;
/** Union of the kinds of all hits. */
let seen = 0;
const topicScore = new Float64Array(NT);
let codeMarks = 0;
let mathMarks = 0;

/** CJK hits live in their own coordinate space (2 units per character: denser script). */
const CJK_BASE = 1 << 24;

/** Records keyword `id` (of `meta`) ending at `pos`; false when it is a CANCEL keyword. */
function record(meta: Meta, id: number, pos: number, scale: number): boolean {
  for (let k = meta.topicFrom[id]!, e = meta.topicFrom[id + 1]!; k < e; k++) topicScore[meta.topicOf[k]!]! += meta.topicWeight[k]!;
  const kinds = meta.kinds[id]!;
  if (kinds & K.CANCEL) return false;
  if (kinds !== 0 && nHits < MAX_HITS) {
    hitKind[nHits] = kinds;
    hitEnd[nHits] = pos;
    hitStart[nHits] = pos - scale * meta.len[id]!;
    nHits++;
    seen |= kinds;
  }
  return true;
}

/** Records every word keyword that ends in DFA state `state` at `pos`, longest first. */
function emitWord(state: number, pos: number): void {
  const { own, link } = WORD_DFA;
  for (let t = own[state]! >= 0 ? state : link[state]!; t >= 0; t = link[t]!) if (!record(WORD_META, own[t]!, pos, 1)) break;
}

/**
 * One pass over text[from, to): word keywords through the DFA, CJK keywords where a CJK
 * character starts one (CJK characters are separators to the DFA), code/math punctuation counts.
 */
function scan(text: string, from: number, to: number): void {
  const { delta, stride } = WORD_DFA;
  const cjkFirst = CJK.first;
  let s = WORD_START;
  let prevSep = true;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    const sym = WORD_SYMBOL[c]!;
    if (sym === 0) {
      if (c >= 0x2e80) {
        const g = cjkFirst[c]!;
        if (g !== 0) matchCjk(text, i, to, g - 1);
      } else if (c === 123 || c === 125 || c === 59) codeMarks++; // { } ;
      else if (c === 61 || c === 94 || (c >= 0x2200 && c <= 0x22ff) || c === 0xb2) mathMarks++; // = ^ ∑∫√≤ ²
      if (prevSep) continue; // runs of separators read as one
      prevSep = true;
    } else prevSep = false;
    s = delta[s + sym]!;
    if (s < 0) {
      s = ~s;
      emitWord(s / stride, i);
    }
  }
  if (!prevSep) {
    // The text ends with an implicit separator, so "… java" matches "java ".
    const v = delta[s]!;
    if (v < 0) emitWord(~v / stride, to);
  }
}

/** Records every CJK keyword of group `g` (those starting with text[i]) that occurs at i. */
function matchCjk(text: string, i: number, to: number, g: number): void {
  const { order, groupEnd, chars, offset } = CJK;
  const fold = CjkMatcher.FOLD;
  for (let j = g, end = groupEnd[g]!; j < end; j++) {
    const id = order[j]!;
    const a = offset[id]! + 1; // the first character is known to match
    const b = offset[id + 1]!;
    if (i + b - a >= to) continue;
    let k = a;
    while (k < b && chars[k] === fold[text.charCodeAt(i + k - a + 1)]) k++;
    if (k === b) record(CJK_META, id, CJK_BASE + 2 * (i + b - a), 2);
  }
}

// ------------------------------------------------------------------ proximity rules

/** Is there a hit of kind `a` and a hit of kind `b` with b within [a.start - before, a.end + after]? */
function near(a: number, b: number, before: number, after: number): boolean {
  if ((seen & a) === 0 || (seen & b) === 0) return false;
  for (let i = 0; i < nHits; i++) {
    if ((hitKind[i]! & a) === 0) continue;
    const lo = hitStart[i]! - before;
    const hi = hitEnd[i]! + after;
    for (let j = 0; j < nHits; j++) if (j !== i && (hitKind[j]! & b) !== 0 && hitEnd[j]! >= lo && hitStart[j]! <= hi) return true;
  }
  return false;
}

/** "your reasoning", "the reasoning you used", "explica su razonamiento": a reasoning word owned by the model, near a reveal verb. */
function ownedReasoningWithVerb(): boolean {
  if ((seen & K.OBJ_SELF) === 0 || (seen & K.VERB) === 0 || (seen & (K.POSS | K.POSS_BEFORE | K.YOU_AFTER)) === 0) return false;
  for (let i = 0; i < nHits; i++) {
    if ((hitKind[i]! & K.OBJ_SELF) === 0) continue;
    const s = hitStart[i]!;
    const e = hitEnd[i]!;
    let owned = false;
    let verb = false;
    for (let j = 0; j < nHits && !(owned && verb); j++) {
      if (j === i) continue;
      const k = hitKind[j]!;
      const js = hitStart[j]!;
      const je = hitEnd[j]!;
      // Possessive up to ~35 chars before ("your complete, detailed reasoning") or 15 after ("the rationale behind your answer").
      if (k & (K.POSS | K.POSS_BEFORE) && je <= s + 1 && je >= s - 35) owned = true;
      else if (k & K.POSS && js >= e - 1 && js <= e + 15) owned = true;
      else if (k & K.YOU_AFTER && js >= e - 1 && js <= e + 10) owned = true;
      if (k & K.VERB && je >= s - 100 && js <= e + 60) verb = true;
    }
    if (owned && verb) return true;
  }
  return false;
}

/** A rewrite verb with both a safety framing and a request/harm word around it. */
function safetyRewrite(): boolean {
  const need = K.RVERB | K.RSAFE | K.RSRC;
  if ((seen & need) !== need) return false;
  for (let i = 0; i < nHits; i++) {
    if ((hitKind[i]! & K.RVERB) === 0) continue;
    let safe = false;
    let src = false;
    for (let j = 0; j < nHits; j++) {
      if (j === i) continue;
      const d = hitStart[j]! > hitEnd[i]! ? hitStart[j]! - hitEnd[i]! : hitStart[i]! - hitEnd[j]!;
      if (d > 200) continue;
      if (hitKind[j]! & K.RSAFE) safe = true;
      if (hitKind[j]! & K.RSRC) src = true;
    }
    if (safe && src) return true;
  }
  return false;
}

/**
 * Is the reasoning object at hit i someone else's: "his thought process", "a detective's
 * reasoning trace", "the thought process of a grandmaster" (unless "your" is closer)?
 */
function someoneElses(i: number): boolean {
  if ((seen & (K.THIRD | K.THIRD_ADJ | K.THIRD_OF)) === 0) return false;
  const s = hitStart[i]!;
  const e = hitEnd[i]!;
  const cjk = s >= CJK_BASE;
  // CJK: only directly before ("他的推理过程"), since the object words there often carry 你的 themselves.
  const window = cjk ? 3 : 20;
  let third = -1;
  let mine = -1;
  for (let j = 0; j < nHits; j++) {
    const k = hitKind[j]!;
    const je = hitEnd[j]!;
    const js = hitStart[j]!;
    if (k & K.THIRD_OF && js >= e - 1 && js <= e + 3) return true;
    if (k & K.THIRD_ADJ && je <= s + 1 && je >= s - 2) return true;
    if (k & K.THIRD && je <= s + 1 && je >= s - window) third = Math.max(third, je);
    if (k & K.POSS && je <= s + 1 && je >= s - 35) mine = Math.max(mine, je);
  }
  return third > mine;
}

/** An explicit reasoning object (not someone else's) with any verb nearby ("use chain-of-thought", "思考過程を詳しく説明して"). */
function reasoningObjectWithVerb(): boolean {
  if ((seen & K.OBJ) === 0 || (seen & (K.VERB | K.VERB_WEAK)) === 0) return false;
  for (let i = 0; i < nHits; i++) {
    if ((hitKind[i]! & K.OBJ) === 0) continue;
    const lo = hitStart[i]! - 100;
    const hi = hitEnd[i]! + 60;
    let verb = false;
    for (let j = 0; j < nHits && !verb; j++) verb = j !== i && (hitKind[j]! & (K.VERB | K.VERB_WEAK)) !== 0 && hitEnd[j]! >= lo && hitStart[j]! <= hi;
    if (verb && !someoneElses(i)) return true;
  }
  return false;
}

function elicitationLevel(): 0 | 1 | 2 {
  if (seen & K.STANDALONE) return 2;
  if (reasoningObjectWithVerb()) return 2;
  if (ownedReasoningWithVerb()) return 2;
  if (seen & K.WEAK) return 1;
  // "step by step" only counts next to thinking/solving verbs: a recipe's step-by-step instructions do not.
  if (near(K.STEP, K.THINK, 50, 50)) return 1;
  return 0;
}

function isGrading(): boolean {
  // Pairwise: "Response A … Response B", "[[A]] if assistant A is better".
  if (seen & K.PAIR_A && seen & K.PAIR_B) return true;
  // "Which of the two responses is better?"
  if (near(K.TARGET, K.WHICH, 80, 80) && near(K.TARGET, K.BETTER, 80, 80) && seen & (K.TWO | K.EVAL | K.ROLE)) return true;
  // "Rate the assistant's answer from 1 to 10 / for helpfulness / as an impartial evaluator".
  if (near(K.EVAL, K.TARGET, 100, 100) && seen & (K.SCALE | K.CRIT | K.ROLE | K.BETTER)) return true;
  // "You are an expert evaluator … criteria … score" even when the graded thing is named otherwise.
  if (seen & K.ROLE && seen & (K.SCALE | K.CRIT) && seen & (K.TARGET | K.EVAL)) return true;
  // "Using the rubric below, score the essay from 1 to 10."
  if (seen & K.RUBRIC && near(K.RUBRIC, K.EVAL, 200, 200) && seen & (K.SCALE | K.TARGET)) return true;
  return false;
}

function bestTopic(): number {
  topicScore[CODING]! += Math.min(codeMarks, 12) * 0.25;
  topicScore[MATH]! += Math.min(mathMarks, 8) * 0.25;
  // Ties and near-empty evidence fall back to everyday/chat/other.
  let best = OTHER;
  let bestScore = Math.max(topicScore[OTHER]!, 0.99);
  for (let t = 0; t < OTHER; t++) {
    if (topicScore[t]! > bestScore) {
      best = t;
      bestScore = topicScore[t]!;
    }
  }
  return best;
}

export function textSignals(text: string): TextSignals {
  nHits = 0;
  seen = 0;
  codeMarks = 0;
  mathMarks = 0;
  topicScore.fill(0);
  const n = text.length;
  const headEnd = n <= HEAD_CHARS + TAIL_CHARS ? n : HEAD_CHARS;
  const tailStart = n <= HEAD_CHARS + TAIL_CHARS ? n : n - TAIL_CHARS;
  scan(text, 0, headEnd);
  if (tailStart < n) scan(text, tailStart, n);
  return { elicitation: elicitationLevel(), grading: isGrading(), rewrite: safetyRewrite(), topic: bestTopic() };
}
