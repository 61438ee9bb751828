import { WardenError } from '../errors.js';
import { Evidence, type Score } from './detect.js';
import { accountTable, type MasterKey } from './keys.js';
import { adjustForCandidates } from './stats.js';

/** Largest text `watermark detect` reads: leaked samples are pages, not corpora. */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

export interface Candidate {
  account: string;
  score: Score;
  version: number;
}

export interface TraceResult {
  words: number;
  choices: number;
  trials: number;
  /** Accounts × key versions tested: the Bonferroni factor. */
  tested: number;
  best: (Candidate & { pAdjusted: number }) | undefined;
  /** Significance level for a verdict. */
  alpha: number;
  attributed: boolean;
}

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
export async function traceText(text: string, accounts: AsyncIterable<string> | Iterable<string>, keys: readonly MasterKey[], alpha: number): Promise<TraceResult> {
  const evidence = new Evidence(text);
  let tested = 0;
  let best: Candidate | undefined;
  for await (const account of accounts) {
    for (const key of keys) {
      tested++;
      if (evidence.trials === 0) continue;
      const score = evidence.score(accountTable(key, account));
      if (best === undefined || score.p < best.score.p) best = { account, score, version: key.version };
    }
  }
  const adjusted = best ? { ...best, pAdjusted: adjustForCandidates(best.score.p, tested) } : undefined;
  return {
    words: evidence.words,
    choices: evidence.choices,
    trials: evidence.trials,
    tested,
    best: adjusted,
    alpha,
    attributed: adjusted !== undefined && adjusted.pAdjusted < alpha,
  };
}
