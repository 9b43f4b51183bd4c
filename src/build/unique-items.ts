import { _, type CodeKeywordDefinition, str } from 'ajv';
import { firstDuplicate } from '../pipeline/validate/first-duplicate.cjs';

/**
 * `uniqueItems` in linear time. Ajv compares every pair of items unless it can tell they are
 * strings or numbers, and it cannot when the items are a $ref; an AMAPI policy's 3,000 entries
 * then cost 4.5 million deep comparisons per artifact. Here each item is reduced to a canonical
 * JSON text (keys sorted), which is equal exactly when two JSON values are deeply equal. The
 * errors are ajv's own: same keyword, params {i, j} and message.
 */
export function uniqueItemsKeyword(): CodeKeywordDefinition {
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
      // Standalone code refers to the function by a require of its module, which sits beside
      // the generated validators in dist/pipeline/validate/ (ajv's documented way for custom code).
      const find = gen.scopeValue('func', { ref: firstDuplicate, code: _`require("./first-duplicate.cjs").firstDuplicate` });
      const found = gen.const('duplicate', _`${find}(${data})`);
      const i = gen.let('i', _`${found} && ${found}[0]`);
      const j = gen.let('j', _`${found} && ${found}[1]`);
      cxt.setParams({ i, j });
      cxt.fail(_`${found}`);
    },
  };
}
