/** Compact construction of OpenAI function-tool definitions. */
import type { ToolDef } from './types.js';

type Prop = readonly [type: 'string' | 'integer' | 'number' | 'boolean', description: string];

/** `def('get_order_status', 'Look up…', { order_id: ['string', 'Order id'] }, ['order_id'])` */
export function def(name: string, description: string, props: Record<string, Prop>, required: readonly string[] = []): ToolDef {
  const properties: Record<string, unknown> = {};
  for (const k of Object.keys(props)) {
    const p = props[k] as Prop;
    properties[k] = { type: p[0], description: p[1] };
  }
  return { type: 'function', function: { name, description, parameters: { type: 'object', properties, required: [...required] } } };
}
