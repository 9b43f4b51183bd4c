import { parseSync } from 'rolldown/utils';

/*
 * Build step for the code a compile runs (the CLI bundle, the generated validators and templates):
 * every function literal is written so that V8 compiles it when its file is compiled, instead of
 * at its first call. Node's compile cache (module.enableCompileCache(), Node 22.1 and later) saves
 * V8's code right after a file is compiled, so it holds only what was compiled by then: without
 * this, a cold start on Node 24 compiled some 900 functions from source at every run (about 15% of
 * its CPU time), cache or not. (Node's CompileCacheHandler::MaybeSave calls V8's
 * CreateCodeCacheForFunction as the file is compiled:
 * https://github.com/nodejs/node/blob/v24.x/src/compile_cache.cc.) V8 compiles a function literal
 * at once when it stands in parentheses (https://v8.dev/blog/preparser, "PIFEs"), so:
 *
 * - function expressions and arrow functions are wrapped in parentheses (unless they are already),
 *   which changes nothing else (a parenthesised function still takes the name of what it is
 *   assigned to);
 * - a function declaration at the top of the file becomes `var name = (function name() {…});`,
 *   moved to the top of the file, where the declaration's hoisting made it available anyway.
 *
 * Methods, getters and setters cannot be parenthesised and stay lazy, as do declarations nested
 * in functions or blocks. On Node 20, which has no compile cache, eager compilation costs about
 * what it saves (a called function is parsed once instead of pre-parsed and parsed again).
 */

interface Node {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

interface Insertion {
  at: number;
  text: '(' | ')';
}

/** The same script with its function literals compiled eagerly by V8 (see above). */
export function eagerFunctions(code: string, filename = 'script.cjs'): string {
  const shebang = /^#!.*\n/.exec(code)?.[0] ?? '';
  const body = code.slice(shebang.length);
  const { program, errors } = parseSync(filename, body, { sourceType: 'commonjs', lang: 'js' });
  if (errors.length) throw new Error(`${filename}: ${errors[0]!.message}`);
  const statements = (program as unknown as { body: Node[] }).body;
  const hoisted = statements.filter((s) => s.type === 'FunctionDeclaration' && (s['id'] as Node | null) !== null);
  const insertions = parenthesesOf(statements);
  const first = statements[0];
  const directive = first && first.type === 'ExpressionStatement' && typeof first['directive'] === 'string' ? first : undefined;
  const declarations = hoisted.map((d) => `var ${(d['id'] as { name: string }).name} = (${render(body, d.start, d.end, insertions, [])});\n`).join('');
  const head = directive ? body.slice(0, directive.end) + (declarations && '\n') : '';
  return shebang + head + declarations + render(body, directive?.end ?? 0, body.length, insertions, hoisted);
}

/** Where the parentheses go: around every function literal not yet in them that is not a method, getter or setter. */
function parenthesesOf(statements: readonly Node[]): Insertion[] {
  const out: Insertion[] = [];
  const visit = (value: unknown, parent: Node | undefined): void => {
    if (Array.isArray(value)) {
      for (const v of value) visit(v, parent);
      return;
    }
    if (!isNode(value)) return;
    const literal = value.type === 'FunctionExpression' || value.type === 'ArrowFunctionExpression';
    if (literal && !isMethod(parent) && parent?.type !== 'ParenthesizedExpression') {
      out.push({ at: value.start, text: '(' }, { at: value.end, text: ')' });
    }
    for (const [key, child] of Object.entries(value)) if (key !== 'start' && key !== 'end' && key !== 'type') visit(child, value);
  };
  visit(statements, undefined);
  // At one position a literal that ends comes before one that starts.
  return out.sort((a, b) => a.at - b.at || (a.text === ')' ? -1 : 1));
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as Node).type === 'string' && typeof (value as Node).start === 'number';
}

function isMethod(parent: Node | undefined): boolean {
  if (!parent) return false;
  if (parent.type === 'MethodDefinition' || parent.type === 'TSAbstractMethodDefinition') return true;
  return parent.type === 'Property' && (parent['method'] === true || parent['kind'] !== 'init');
}

/** body[start, end) with the insertions in it, leaving out the `skip` nodes. */
function render(body: string, start: number, end: number, insertions: readonly Insertion[], skip: readonly Node[]): string {
  const cuts = [...insertions.filter((i) => i.at >= start && i.at <= end).map((i) => ({ at: i.at, text: i.text as string, to: -1 })), ...skip.map((n) => ({ at: n.start, text: '', to: n.end }))];
  cuts.sort((a, b) => a.at - b.at || (a.to === -1 ? 0 : 1) - (b.to === -1 ? 0 : 1));
  let out = '';
  let pos = start;
  for (const cut of cuts) {
    if (cut.at < pos) continue;
    out += body.slice(pos, cut.at) + cut.text;
    pos = cut.to === -1 ? cut.at : cut.to;
  }
  return out + body.slice(pos, end);
}
