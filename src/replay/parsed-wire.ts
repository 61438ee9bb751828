import type { RequestFeatures } from '../engine/request-features.js';
import type { AccountInput, RequestInput } from '../engine/types.js';
import type { ParsedItem } from './parse-worker.js';

/**
 * Parsed items as they cross from a parse worker to the main thread: numbers in one
 * Float64Array, band keys in one Uint32Array (both transferred, not copied) and the strings in
 * one array. Structured-cloning the items themselves (an object, a features object and two typed
 * arrays per request) cost more on both threads than parsing the line did. decode() rebuilds
 * objects with the same own properties, in the same order, as the parser made.
 */
export interface WireBatch {
  nums: Float64Array;
  bands: Uint32Array;
  strs: Array<string | null>;
}

const SKIP = 0, REQUEST = 1, ACCOUNT = 2, INVALID = 3;
/** Numbers per item (the widest kind, a request with its features). */
const STRIDE = 22;
const BANDS = 8;
/** Optional numbers are never NaN (normalization keeps only finite ones): NaN says "absent". */
const opt = (v: number | undefined) => (v === undefined ? NaN : v);
const back = (v: number) => (Number.isNaN(v) ? undefined : v);

export function encode(items: readonly ParsedItem[]): WireBatch {
  const nums = new Float64Array(items.length * STRIDE);
  let bandCount = 0;
  for (const it of items) if (it.k === 'e' && it.features !== undefined) bandCount += (it.features.bands !== null ? BANDS : 0) + (it.features.wrapBands !== null ? BANDS : 0);
  const bands = new Uint32Array(bandCount);
  const strs: Array<string | null> = [];
  const s = (v: string | undefined) => strs.push(v === undefined ? null : v);
  let b = 0;
  items.forEach((it, i) => {
    const o = i * STRIDE;
    if (it.k === 'skip') nums[o] = SKIP;
    else if (it.k === 'x') {
      nums[o] = INVALID;
      nums[o + 1] = it.line;
      strs.push(it.reason);
    } else if (it.event.type === 'account') {
      const e = it.event;
      nums[o] = ACCOUNT;
      nums[o + 1] = e.tsMs;
      nums[o + 2] = opt(e.createdMs);
      s(e.account), s(e.org), s(e.tier), s(e.kyc), s(e.emailDomain), s(e.signupIp), s(e.paymentFingerprint), s(e.country);
    } else {
      const e = it.event;
      const f = it.features as RequestFeatures;
      nums[o] = REQUEST;
      nums[o + 1] = e.tsMs;
      nums[o + 2] = e.messages;
      nums[o + 3] = e.assistantTurns;
      nums[o + 4] = e.toolResults;
      nums[o + 5] = e.toolDefs;
      nums[o + 6] = e.toolsHash;
      nums[o + 7] = e.n;
      nums[o + 8] = e.logprobs ? 1 : 0;
      nums[o + 9] = opt(e.temperature);
      nums[o + 10] = opt(e.maxTokens);
      nums[o + 11] = opt(e.promptTokens);
      nums[o + 12] = opt(e.completionTokens);
      nums[o + 13] = f.elicitation;
      nums[o + 14] =
        (f.grading ? 1 : 0) | (f.rewrite ? 2 : 0) | (f.extractionCue ? 4 : 0) | (f.multiTurn ? 8 : 0) | (f.toolTrace ? 16 : 0) | (f.harvestSampling ? 32 : 0) | (f.bigOutput ? 64 : 0);
      nums[o + 15] = f.topic;
      nums[o + 16] = f.systemHash;
      nums[o + 17] = f.toolsHash;
      nums[o + 18] = f.bands === null ? -1 : (bands.set(f.bands, b), (b += BANDS) - BANDS);
      nums[o + 19] = f.wrapBands === null ? -1 : (bands.set(f.wrapBands, b), (b += BANDS) - BANDS);
      // The prompt text was dropped by the worker; requests carry it as ''.
      nums[o + 20] = e.system.length + e.userText.length + e.firstUserText.length;
      s(e.account), s(e.id), s(e.key), s(e.ip), s(e.userAgent), s(e.endpoint), s(e.model);
    }
  });
  return { nums, bands, strs };
}

export function decode(w: WireBatch): ParsedItem[] {
  const { nums, bands, strs } = w;
  const count = nums.length / STRIDE;
  const items = new Array<ParsedItem>(count);
  let k = 0;
  const str = () => strs[k++] as string;
  for (let i = 0; i < count; i++) {
    const o = i * STRIDE;
    const kind = nums[o];
    if (kind === SKIP) items[i] = { k: 'skip' };
    else if (kind === INVALID) items[i] = { k: 'x', line: nums[o + 1]!, reason: str() };
    else if (kind === ACCOUNT) {
      const e: AccountInput = { type: 'account', tsMs: nums[o + 1]!, account: str() };
      const optional = ['org', 'tier', 'kyc', 'emailDomain', 'signupIp', 'paymentFingerprint', 'country'] as const;
      for (const key of optional) {
        const v = strs[k++];
        if (v !== null && v !== undefined) e[key] = v;
      }
      const created = back(nums[o + 2]!);
      if (created !== undefined) e.createdMs = created;
      items[i] = { k: 'e', event: e };
    } else {
      if (nums[o + 20] !== 0) throw new Error('parsed-wire: request text must be dropped before encoding');
      const e: RequestInput = {
        type: 'request',
        tsMs: nums[o + 1]!,
        account: str(),
        system: '',
        userText: '',
        firstUserText: '',
        messages: nums[o + 2]!,
        assistantTurns: nums[o + 3]!,
        toolResults: nums[o + 4]!,
        toolDefs: nums[o + 5]!,
        toolsHash: nums[o + 6]!,
        n: nums[o + 7]!,
        logprobs: nums[o + 8] === 1,
      };
      const optional = ['id', 'key', 'ip', 'userAgent', 'endpoint', 'model'] as const;
      for (const key of optional) {
        const v = strs[k++];
        if (v !== null && v !== undefined) e[key] = v;
      }
      const temperature = back(nums[o + 9]!);
      if (temperature !== undefined) e.temperature = temperature;
      const maxTokens = back(nums[o + 10]!);
      if (maxTokens !== undefined) e.maxTokens = maxTokens;
      const promptTokens = back(nums[o + 11]!);
      if (promptTokens !== undefined) e.promptTokens = promptTokens;
      const completionTokens = back(nums[o + 12]!);
      if (completionTokens !== undefined) e.completionTokens = completionTokens;
      const flags = nums[o + 14]!;
      const bandsAt = nums[o + 18]!;
      const wrapAt = nums[o + 19]!;
      const features: RequestFeatures = {
        elicitation: nums[o + 13] as 0 | 1 | 2,
        grading: (flags & 1) !== 0,
        rewrite: (flags & 2) !== 0,
        extractionCue: (flags & 4) !== 0,
        topic: nums[o + 15]!,
        bands: bandsAt < 0 ? null : bands.subarray(bandsAt, bandsAt + BANDS),
        wrapBands: wrapAt < 0 ? null : bands.subarray(wrapAt, wrapAt + BANDS),
        systemHash: nums[o + 16]!,
        toolsHash: nums[o + 17]!,
        multiTurn: (flags & 8) !== 0,
        toolTrace: (flags & 16) !== 0,
        harvestSampling: (flags & 32) !== 0,
        bigOutput: (flags & 64) !== 0,
      };
      items[i] = { k: 'e', event: e, features };
    }
  }
  return items;
}
