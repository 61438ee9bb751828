import { WardenError } from '../errors.js';
import { Evidence, type Score } from './detect.js';
import { accountTable, type MasterKey } from './keys.js';
import { LEXICON, type Lexicon } from './lexicon.js';
import { provenanceEvidence, type ProvenanceScore } from './provenance.js';
import { adjustForCandidates } from './stats.js';

/** Largest text `watermark detect` reads: leaked samples are pages, not corpora. */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

export interface TraceResult {
  words: number;
  choices: number;
  trials: number;
  /** Accounts × key versions tested: the Bonferroni factor. */
  tested: number;
  best: { account: string; version: number; score: Score; pAdjusted: number } | undefined;
  /**
   * Every account whose corrected p is below alpha, best first (at most
   * MAX_MATCHES): a leaked dataset gathered through several accounts names
   * each one whose replies are in it in enough quantity. The correction
   * bounds the chance of any false name in the list by alpha.
   */
  matches: Array<{ account: string; version: number; pAdjusted: number }>;
  /** Significance level for a verdict. */
  alpha: number;
  attributed: boolean;
}

/** Longest list of attributed accounts reported for one text. */
export const MAX_MATCHES = 100;

/** Bytes from a file or stdin as text, or a clear error for input that is not text. */
export function decodeTextInput(bytes: Uint8Array, where: string): string {
  if (bytes.length === 0) throw new WardenError('WARDEN_ERR_WATERMARK_INPUT', `${where} is empty`);
  if (bytes.length > MAX_INPUT_BYTES) throw new WardenError('WARDEN_ERR_WATERMARK_INPUT', `${where} is ${bytes.length} bytes; at most ${MAX_INPUT_BYTES} are read (split it)`);
  if (bytes.includes(0)) throw new WardenError('WARDEN_ERR_WATERMARK_INPUT', `${where} holds NUL bytes: it is binary, not text`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new WardenError('WARDEN_ERR_WATERMARK_INPUT', `${where} is not UTF-8 text`);
  }
}

/**
 * Tests a text against candidate accounts under every key version and names
 * the best match. Its p-value is corrected for the number of accounts and
 * versions tried (Bonferroni), so testing a large population does not by
 * itself produce a match.
 */
export async function traceText(text: string, accounts: AsyncIterable<string> | Iterable<string>, keys: readonly MasterKey[], alpha: number, lexicon: Lexicon = LEXICON): Promise<TraceResult> {
  const evidence = new Evidence(text, lexicon);
  const { tested, best, matches } = await bestMatch(accounts, keys, evidence.trials > 0 ? (table) => evidence.score(table) : undefined, alpha);
  return { words: evidence.words, choices: evidence.choices, trials: evidence.trials, tested, best, matches, alpha, attributed: best !== undefined && best.pAdjusted < alpha };
}

export interface ProvenanceResult {
  choices: number;
  trials: number;
  tested: number;
  best: { account: string; version: number; score: ProvenanceScore; pAdjusted: number } | undefined;
  alpha: number;
  /** Whether the suspect model's output leans toward the best account's marks beyond chance, after correction. */
  detected: boolean;
}

/**
 * Tests text a suspect model generated for signs that the model was trained
 * on replies marked for one of the accounts (see provenance.ts): the best
 * account, its p-value corrected like traceText's.
 */
export async function traceProvenance(text: string, accounts: AsyncIterable<string> | Iterable<string>, keys: readonly MasterKey[], alpha: number, lexicon: Lexicon = LEXICON): Promise<ProvenanceResult> {
  const test = provenanceEvidence(text, lexicon);
  const { tested, best } = await bestMatch(accounts, keys, test.trials > 0 ? test : undefined, alpha);
  return { choices: test.choices, trials: test.trials, tested, best, alpha, detected: best !== undefined && best.pAdjusted < alpha };
}

/** The account × key version whose table gives the smallest p, with the Bonferroni-corrected p; no scoring without evidence. */
async function bestMatch<S extends { p: number }>(
  accounts: AsyncIterable<string> | Iterable<string>,
  keys: readonly MasterKey[],
  score: ((table: Uint8Array) => S) | undefined,
  alpha: number,
): Promise<{
  tested: number;
  best: { account: string; version: number; score: S; pAdjusted: number } | undefined;
  matches: Array<{ account: string; version: number; pAdjusted: number }>;
}> {
  let tested = 0;
  // The smallest p-values so far, ascending: the correction is known only at the end, when every account was tested.
  const top: Array<{ account: string; version: number; score: S }> = [];
  for await (const account of accounts) {
    for (const key of keys) {
      tested++;
      if (score === undefined) continue;
      const s = score(accountTable(key, account));
      if (top.length === MAX_MATCHES && s.p >= (top[top.length - 1] as { score: S }).score.p) continue;
      let at = top.length;
      while (at > 0 && (top[at - 1] as { score: S }).score.p > s.p) at--;
      top.splice(at, 0, { account, score: s, version: key.version });
      if (top.length > MAX_MATCHES) top.pop();
    }
  }
  const first = top[0];
  const matches = top
    .map((c) => ({ account: c.account, version: c.version, pAdjusted: adjustForCandidates(c.score.p, tested) }))
    .filter((m) => m.pAdjusted < alpha);
  return { tested, best: first ? { ...first, pAdjusted: adjustForCandidates(first.score.p, tested) } : undefined, matches };
}
