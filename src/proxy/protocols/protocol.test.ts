import { describe, expect, it } from 'vitest';
import { appendStringFields } from './protocol.js';

describe('appendStringFields', () => {
  it('picks every string value of a key out of raw JSON, decoding escapes', () => {
    const data = JSON.stringify({ choices: [{ delta: { content: 'He said "hi"\\n ✓ \u00e9' } }, { delta: { content: ' two' } }] });
    expect(appendStringFields('', data, 'content', 1000)).toBe('He said "hi"\\n ✓ é two');
  });

  it('ignores non-string values and text that merely looks like the key', () => {
    const data = JSON.stringify({ choices: [{ delta: { role: 'assistant', content: null } }], note: '"content":"fake"' });
    expect(appendStringFields('', data, 'content', 1000)).toBe('');
    const nested = JSON.stringify({ delta: { content: 'a "content":"b" c' } });
    expect(appendStringFields('', nested, 'content', 1000)).toBe('a "content":"b" c');
  });

  it('handles a value ending in an escaped backslash and respects the cap', () => {
    const data = JSON.stringify({ content: 'path\\', other: 'x' });
    expect(appendStringFields('', data, 'content', 1000)).toBe('path\\');
    expect(appendStringFields('abc', JSON.stringify({ content: 'defgh' }), 'content', 5)).toBe('abcde');
  });
});

import { spliceLeadingMembers } from './protocol.js';

describe('spliceLeadingMembers', () => {
  it('adds members after the opening brace, keeping the rest byte for byte', () => {
    const raw = Buffer.from(' {"model":"m","stream":true}');
    const out = spliceLeadingMembers(raw, '"stream_options":{"include_usage":true},')!;
    expect(JSON.parse(out.toString())).toEqual({ stream_options: { include_usage: true }, model: 'm', stream: true });
  });

  it('refuses text it cannot splice safely', () => {
    expect(spliceLeadingMembers(Buffer.from('{}'), '"a":1,')).toBeUndefined();
    expect(spliceLeadingMembers(Buffer.from('[1]'), '"a":1,')).toBeUndefined();
  });
});
