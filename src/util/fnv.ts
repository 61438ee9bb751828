/** The FNV-1a offset basis (32-bit). */
export const FNV_OFFSET = 0x811c9dc5;

/**
 * 32-bit FNV-1a over a string's UTF-16 code units, continuing from `h`: the
 * cheap, stable hash used for seeds, keys and fingerprints across Warden.
 */
export function fnv1a(s: string, h: number = FNV_OFFSET): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
