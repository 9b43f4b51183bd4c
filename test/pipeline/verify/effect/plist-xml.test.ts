import { describe, it } from 'vitest';
import { parse } from 'plist';
import { build } from 'plist';
import { readPlistXml, readPlistXmlStrict } from '../../../../src/pipeline/verify/effect/apple/plist-xml.js';

describe('the effect model reads XML plists as the plist package does', () => {
  it('reads every value type, nested, with entities and empty elements', ({ expect }) => {
    const value = {
      a: 'x < y & "z" \'w\' 中文 😀',
      b: [1, -2, 3.5, true, false, '', [], {}],
      c: { d: { e: ['f', { g: 'h' }] } },
      data: Buffer.from('bytes\u0000\u00ff'),
    };
    const xml = build(value as never, { indent: '\t' });
    expect(readPlistXml(xml)).toEqual(parse(xml));
  });

  it('hands anything else to the full parser', ({ expect }) => {
    const xml = '<?xml version="1.0"?><plist version="1.0"><dict><key>a</key><!-- a comment --><string>b</string></dict></plist>';
    expect(readPlistXml(xml)).toEqual({ a: 'b' });
  });
});

describe('reading plists fast', () => {
  it('reads the compiler\'s own plists in one pass, without the full parser', ({ expect }) => {
    const command = { Command: { Identifier: 'com.example.a', RequestType: 'RemoveApplication' }, CommandUUID: 'X' };
    expect(readPlistXmlStrict(build(command as never, { indent: '\t' }))).toEqual(command);
    expect(() => readPlistXmlStrict('<plist><dict><key>a</key><!-- c --><string>b</string></dict></plist>')).toThrow();
  });
});
