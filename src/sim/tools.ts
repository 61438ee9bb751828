/**
 * Tool-call helpers shared by both APIs: build plausible arguments from a JSON
 * schema, and split a string into stream-sized pieces.
 */
import { hashString, shortWord } from './text.js';

type Schema = {
  type?: unknown;
  enum?: unknown;
  const?: unknown;
  properties?: unknown;
  required?: unknown;
  items?: unknown;
  minItems?: unknown;
};

/**
 * A value that satisfies `schema` in the simple cases: required string
 * properties get short words, numbers 1, booleans true, enums their first value.
 * Optional properties are left out.
 */
export function valueFromSchema(schema: unknown, name = ''): unknown {
  const s = (schema && typeof schema === 'object' ? schema : {}) as Schema;
  if (s.const !== undefined) return s.const;
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0];
  let type = s.type;
  if (Array.isArray(type)) type = type.find((t) => t !== 'null') ?? 'null';
  if (type === undefined && s.properties) type = 'object';
  switch (type) {
    case 'string':
      return shortWord(hashString(0x811c9dc5, name));
    case 'number':
    case 'integer':
      return 1;
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'array': {
      const min = typeof s.minItems === 'number' ? Math.min(s.minItems, 8) : 0;
      const out: unknown[] = [];
      for (let i = 0; i < min; i++) out.push(valueFromSchema(s.items, name));
      return out;
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      const props = (s.properties && typeof s.properties === 'object' ? s.properties : {}) as Record<string, unknown>;
      const required = Array.isArray(s.required) ? s.required : [];
      for (const key of required) {
        if (typeof key === 'string') out[key] = valueFromSchema(props[key], key);
      }
      return out;
    }
    default:
      return shortWord(hashString(0x811c9dc5, name));
  }
}

/** JSON arguments for a tool whose parameters/input schema is `schema` (always an object). */
export function argumentsFor(schema: unknown): Record<string, unknown> {
  const v = valueFromSchema(schema && typeof schema === 'object' ? { type: 'object', ...schema } : { type: 'object' });
  return v as Record<string, unknown>;
}

/** Split `s` into pieces of at most `size` characters (at least one piece, possibly ""). */
export function pieces(s: string, size: number): string[] {
  if (s.length <= size) return [s];
  const out: string[] = [];
  for (let i = 0; i < s.length; i += size) out.push(s.slice(i, i + size));
  return out;
}
