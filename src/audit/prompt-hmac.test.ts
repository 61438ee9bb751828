import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PromptHmac } from './prompt-hmac.js';

describe('PromptHmac', () => {
  it('is HMAC-SHA256, for short, long and non-ASCII texts and keys shorter and longer than a block', () => {
    for (const keyLength of [16, 32, 64, 65, 200]) {
      const key = randomBytes(keyLength);
      const h = new PromptHmac(key);
      for (const text of ['', 'hi', 'é漢字🙂'.repeat(50), 'x'.repeat(5000), 'after the buffer grew']) {
        expect(h.hex(text)).toBe(createHmac('sha256', key).update(text).digest('hex'));
      }
    }
  });
});
