import { describe, expect, it } from 'vitest';
import { SseParser } from './sse.js';

describe('SseParser', () => {
  it('returns only complete events and keeps partial ones for the next chunk', () => {
    const p = new SseParser();
    expect(p.push(Buffer.from('data: {"a":1}\n\ndata: {"b"'))).toEqual([{ event: undefined, data: '{"a":1}', raw: 'data: {"a":1}\n\n' }]);
    expect(p.push(Buffer.from(':2}\n'))).toEqual([]);
    expect(p.push(Buffer.from('\nevent: message_stop\ndata: {}\n\n'))).toEqual([
      { event: undefined, data: '{"b":2}', raw: 'data: {"b":2}\n\n' },
      { event: 'message_stop', data: '{}', raw: 'event: message_stop\ndata: {}\n\n' },
    ]);
    expect(p.rest()).toBe('');
  });

  it('decodes multi-byte characters split across chunks', () => {
    const p = new SseParser();
    const bytes = Buffer.from('data: "héllo ✓"\n\n');
    const cut = bytes.indexOf(0xe2) + 1; // inside the 3-byte check mark
    expect(p.push(bytes.subarray(0, cut))).toEqual([]);
    expect(p.push(bytes.subarray(cut))[0]?.data).toBe('"héllo ✓"');
  });

  it('accepts CRLF line endings, multi-line data and data without a space', () => {
    const p = new SseParser();
    const [e] = p.push(Buffer.from('event:x\r\ndata:line1\r\ndata: line2\r\n\r\n'));
    expect(e).toMatchObject({ event: 'x', data: 'line1\nline2' });
  });

  it('reports an unterminated tail', () => {
    const p = new SseParser();
    p.push(Buffer.from('data: [DONE]'));
    expect(p.rest()).toBe('data: [DONE]');
  });
});
