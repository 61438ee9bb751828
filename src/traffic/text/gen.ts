/**
 * Building blocks shared by the prompt generators: slot templates compiled at
 * module load (filling one is a few concatenations), multilingual rows, casual
 * typos, tool-call ids and realistic reply lengths. Nothing here allocates much
 * or uses a regex on the hot path.
 */
import type { Rng } from '../rng.js';
import { LANGS, type ChatMessage, type Lang, type ToolCall } from './types.js';

/** A compiled template: literal pieces around positional slots. */
export interface Tpl {
  readonly lits: readonly string[];
  readonly slots: readonly number[];
}

const SLOT_NAME = /^[a-zA-Z][a-zA-Z0-9]*$/;

/**
 * Compiles `"Explain {concept} to {audience}"` against slot names
 * `['concept', 'audience']`. Braces whose content is not a slot name stay
 * literal (code snippets); with `strict`, a brace word that looks like a slot
 * but is not one throws, which catches typos in the phrase banks at load.
 */
export function compile(src: string, names: readonly string[], strict = true): Tpl {
  const lits: string[] = [];
  const slots: number[] = [];
  let lit = '';
  let i = 0;
  while (i < src.length) {
    const ch = src.charAt(i);
    if (ch === '{') {
      const end = src.indexOf('}', i + 1);
      if (end > i) {
        const name = src.slice(i + 1, end);
        const k = names.indexOf(name);
        if (k >= 0) {
          lits.push(lit);
          slots.push(k);
          lit = '';
          i = end + 1;
          continue;
        }
        if (strict && SLOT_NAME.test(name)) throw new Error(`unknown slot {${name}} in: ${src}`);
      }
    }
    lit += ch;
    i++;
  }
  lits.push(lit);
  return { lits, slots };
}

/** Compiles a list of templates sharing the same slot names. */
export function bank(names: readonly string[], srcs: readonly string[], strict = true): Tpl[] {
  return srcs.map((s) => compile(s, names, strict));
}

/** Compiles per-language template lists. */
export function langBank(names: readonly string[], srcs: Record<Lang, readonly string[]>): Record<Lang, Tpl[]> {
  const out = {} as Record<Lang, Tpl[]>;
  for (const l of LANGS) out[l] = bank(names, srcs[l]);
  return out;
}

/** Fills slots positionally, in the order of the names given to `compile`. */
export function fill(t: Tpl, a = '', b = '', c = '', d = '', e = ''): string {
  const lits = t.lits;
  const slots = t.slots;
  let s = lits[0] as string;
  for (let i = 0; i < slots.length; i++) {
    const k = slots[i] as number;
    s += (k === 0 ? a : k === 1 ? b : k === 2 ? c : k === 3 ? d : e) + (lits[i + 1] as string);
  }
  return s;
}

/** One phrase per language, in the order of LANGS. */
export type ML = readonly [en: string, es: string, de: string, fr: string, pt: string, zh: string, ja: string];

const LANG_INDEX: Record<Lang, number> = { en: 0, es: 1, de: 2, fr: 3, pt: 4, zh: 5, ja: 6 };

export function langIndex(lang: Lang): number {
  return LANG_INDEX[lang] ?? 0;
}

export function tr(row: ML, li: number): string {
  return row[li] as string;
}

/** Languages written without spaces or ASCII punctuation conventions. */
export function isCjk(lang: Lang): boolean {
  return lang === 'zh' || lang === 'ja';
}

/** Joins two sentences with the spacing the language uses. */
export function join(lang: Lang, a: string, b: string): string {
  if (a === '') return b;
  if (b === '') return a;
  return isCjk(lang) ? a + b : a + ' ' + b;
}

function isLower(c: number): boolean {
  return c >= 97 && c <= 122;
}

/**
 * Casual typing: sometimes a lowercase start, a dropped final mark, or two
 * swapped letters. Only for scripts with ASCII letters (the caller decides).
 */
export function casual(r: Rng, s: string, p = 1): string {
  if (s.length < 4 || !r.chance(p)) return s;
  let out = s;
  if (r.chance(0.6)) out = out.charAt(0).toLowerCase() + out.slice(1);
  if (r.chance(0.4)) {
    const last = out.charCodeAt(out.length - 1);
    if (last === 63 || last === 46) out = out.slice(0, -1);
  }
  if (r.chance(0.4) && out.length > 10) {
    const i = r.int(1, out.length - 3);
    if (isLower(out.charCodeAt(i)) && isLower(out.charCodeAt(i + 1))) {
      out = out.slice(0, i) + out.charAt(i + 1) + out.charAt(i) + out.slice(i + 2);
    }
  }
  return out;
}

/** `n` sentences from `items` joined for `lang`, no sentence twice in a row. */
export function chain(r: Rng, items: readonly string[], n: number, lang: Lang): string {
  const len = items.length;
  let i = r.int(0, len - 1);
  let s = items[i] as string;
  for (let k = 1; k < n; k++) {
    i = (i + 1 + r.int(0, len - 2)) % len;
    s = join(lang, s, items[i] as string);
  }
  return s;
}

/** Picks n distinct items (n ≤ items.length), order random. */
export function sample<T>(r: Rng, items: readonly T[], n: number): T[] {
  const copy = items.slice();
  const k = Math.min(n, copy.length);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(r.next() * (copy.length - i));
    const t = copy[i] as T;
    copy[i] = copy[j] as T;
    copy[j] = t;
  }
  copy.length = k;
  return copy;
}

/** Reply length in tokens: log-normal around `median`, clamped to [lo, hi]. */
export function tokens(r: Rng, median: number, sigma: number, lo: number, hi: number): number {
  const v = Math.round(r.lognormal(median, sigma));
  return v < lo ? lo : v > hi ? hi : v;
}

const BYTE_HEX: readonly string[] = Array.from({ length: 256 }, (_, i) => (i < 16 ? '0' : '') + i.toString(16));

/** `call_` and 24 hex digits (cheaper than Rng.hex on the hot path). */
export function callId(r: Rng): string {
  let s = 'call_';
  for (let k = 0; k < 3; k++) {
    const v = r.u32();
    s += (BYTE_HEX[v >>> 24] as string) + (BYTE_HEX[(v >>> 16) & 255] as string) + (BYTE_HEX[(v >>> 8) & 255] as string) + (BYTE_HEX[v & 255] as string);
  }
  return s;
}

export function user(content: string): ChatMessage {
  return { role: 'user', content };
}

export function assistant(content: string): ChatMessage {
  return { role: 'assistant', content };
}

export function toolCall(r: Rng, name: string, args: Record<string, unknown>): ToolCall {
  return { id: callId(r), type: 'function', function: { name, arguments: JSON.stringify(args) } };
}

export function callMsg(calls: ToolCall[], content: string | null = null): ChatMessage {
  return { role: 'assistant', content, tool_calls: calls };
}

export function toolMsg(call: ToolCall, content: string): ChatMessage {
  return { role: 'tool', tool_call_id: call.id, content };
}

/** A number formatted with a fixed count of decimals (no locale). */
export function fixed(v: number, digits: number): string {
  return v.toFixed(digits);
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** ISO date `days` after 2026-01-01 (non-leap arithmetic, no Date). */
export function isoDate(days: number): string {
  let d = ((days % 365) + 365) % 365;
  let m = 0;
  while (d >= (MONTH_DAYS[m] as number)) {
    d -= MONTH_DAYS[m] as number;
    m++;
  }
  const year = 2026 + Math.floor(days / 365);
  return year + '-' + (m < 9 ? '0' : '') + (m + 1) + '-' + (d < 9 ? '0' : '') + (d + 1);
}
