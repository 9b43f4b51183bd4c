import { describe, expect, it } from 'vitest';
import { escapeMarkdownText, escapeModel } from '../../../src/pipeline/report/markdown.js';
import { joinBytes, renderBytes } from '../../../src/pipeline/report/rows.js';
import type { Template } from '../../../src/common/precompiled-templates.js';
import { handlebarsCompiler } from '../../../src/build/templates.js';

const hb = handlebarsCompiler();
const text = (pieces: Uint8Array[]) => new TextDecoder().decode(joinBytes([pieces])[0]);

/** A row template that counts how often it is rendered. */
function counted(source: string): { template: Template; calls: () => number } {
  const row = hb.compile(source);
  let calls = 0;
  const template = ((context: unknown) => {
    calls++;
    return row(context);
  }) as Template;
  return { template, calls: () => calls };
}

describe('report: {{rows}}', () => {
  it('lays out one item per line where the helper stands, each item once however often it is listed', () => {
    const li = counted('<li>{{name}}</li>');
    const page = hb.compile('<h1>{{title}}</h1>\n<ul>\n{{rows items "li"}}\n</ul>\n<ol>\n{{rows more "li"}}\n</ol>\n');
    const shared = { name: 'a → b' };
    const bytes = renderBytes(hb, page, new Map([['li', li.template]]), { title: 'T & U', items: [shared, { name: '<b>' }, shared], more: [shared] });
    expect(text(bytes)).toBe('<h1>T &amp; U</h1>\n<ul>\n<li>a → b</li>\n<li>&lt;b&gt;</li>\n<li>a → b</li>\n</ul>\n<ol>\n<li>a → b</li>\n</ol>\n');
    expect(li.calls()).toBe(2);
  });

  it('gives the same bytes when the page spells out the marker itself, laying the rows out in the page', () => {
    const li = counted('<li>{{name}}</li>');
    const page = hb.compile('{{note}}\n{{rows items "li"}}\n', { noEscape: true });
    const note = 'a value <!--mdm-blocklist rows 0--> that looks like a marker';
    expect(text(renderBytes(hb, page, new Map([['li', li.template]]), { note, items: [{ name: 'x' }, { name: 'y' }] }))).toBe(`${note}\n<li>x</li>\n<li>y</li>\n`);
  });

  it('names the partial it cannot find', () => {
    const page = hb.compile('{{rows items "nope"}}');
    expect(() => renderBytes(hb, page, new Map(), { items: [{}] })).toThrow(/nope/);
  });
});

describe('report: joinBytes', () => {
  it("joins each file's pieces, all files in one buffer", () => {
    const bytes = (s: string) => new TextEncoder().encode(s);
    const [a, b, empty] = joinBytes([[bytes('ab'), bytes('→')], [bytes('c')], []]);
    expect([a, b, empty].map((x) => new TextDecoder().decode(x))).toEqual(['ab→', 'c', '']);
    expect(b!.buffer).toBe(a!.buffer);
  });
});

describe('report: Markdown escaping', () => {
  it.each([
    ['plain name 1.0', 'plain name 1.0'],
    ['1. one', '1\\. one'],
    ['12) twelve', '12\\) twelve'],
    ['-x', '\\-x'],
    ['a-b=c+d', 'a-b=c+d'],
    ['a\r\nb\rc', 'a b c'],
    ['a_b*c#d', 'a\\_b\\*c\\#d'],
  ])('%j', (value, escaped) => expect(escapeMarkdownText(value)).toBe(escaped));

  it('escapes an object met twice once, and the copy shares it too', () => {
    const shared = { name: 'a|b', href: 'https://x.example/a b' };
    const copy = escapeModel({ one: [shared], two: [shared], n: 3 });
    expect(copy.one[0]).toEqual({ name: 'a\\|b', href: 'https://x.example/a%20b' });
    expect(copy.two[0]).toBe(copy.one[0]);
    expect(copy.n).toBe(3);
    expect(shared.name).toBe('a|b');
  });
});
