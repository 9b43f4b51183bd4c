import { createRequire } from 'node:module';
import type { CodeKeywordDefinition } from 'ajv';

const require = createRequire(import.meta.url);

/**
 * `uniqueItems` in linear time. Ajv compares every pair of items unless it can tell they are
 * strings or numbers, and it cannot when the items are a $ref; an AMAPI policy's 3,000 entries
 * then cost 4.5 million deep comparisons per artifact. Here each item is reduced to a canonical
 * JSON text (keys sorted), which is equal exactly when two JSON values are deeply equal. The
 * errors are ajv's own: same keyword, params {i, j} and message.
 */
export function uniqueItemsKeyword(): CodeKeywordDefinition {
  const { _, str, _Code } = require('ajv/dist/compile/codegen/code') as typeof import('ajv/dist/compile/codegen/code.js');
  return {
    keyword: 'uniqueItems',
    type: 'array',
    schemaType: 'boolean',
    error: {
      message: ({ params }) => str`must NOT have duplicate items (items ## ${params['j']} and ${params['i']} are identical)`,
      params: ({ params }) => _`{i: ${params['i']}, j: ${params['j']}}`,
    },
    code(cxt) {
      const { gen, data, schema } = cxt;
      if (!schema) return;
      // Written into standalone validators as source, so it must not refer to anything outside.
      const find = gen.scopeValue('func', { ref: firstDuplicate, code: new _Code(firstDuplicate.toString()) });
      const found = gen.const('duplicate', _`${find}(${data})`);
      const i = gen.let('i', _`${found} && ${found}[0]`);
      const j = gen.let('j', _`${found} && ${found}[1]`);
      cxt.setParams({ i, j });
      cxt.fail(_`${found}`);
    },
  };
}

/** [later, earlier] indices of the first item equal to an earlier one, or undefined. */
function firstDuplicate(items: unknown[]): [number, number] | undefined {
  const canonical = (v: unknown): string =>
    Array.isArray(v)
      ? `[${v.map(canonical).join(',')}]`
      : v !== null && typeof v === 'object'
        ? `{${Object.keys(v)
            .sort()
            .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
            .join(',')}}`
        : String(JSON.stringify(v));
  const seen = new Map<string, number>();
  for (let i = 0; i < items.length; i++) {
    const key = canonical(items[i]);
    const j = seen.get(key);
    if (j !== undefined) return [i, j];
    seen.set(key, i);
  }
  return undefined;
}
