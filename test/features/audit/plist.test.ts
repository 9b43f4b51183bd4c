import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBinaryPlist } from '../../../src/features/audit/inventory/plist-binary.js';
import { parseXmlPlist, PlistSyntaxError } from '../../../src/features/audit/inventory/plist-xml.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');

/** A bplist00 file from objects laid out by hand: each object's bytes, then the table and trailer. */
function bplist(objects: number[][], top = 0): Uint8Array {
  const bytes = [...Buffer.from('bplist00')];
  const offsets: number[] = [];
  for (const o of objects) {
    offsets.push(bytes.length);
    bytes.push(...o);
  }
  const table = bytes.length;
  bytes.push(...offsets);
  const trailer = [0, 0, 0, 0, 0, 0, 1, 1, ...u64(objects.length), ...u64(top), ...u64(table)];
  return Uint8Array.from([...bytes, ...trailer]);
}
const u64 = (n: number) => [0, 0, 0, 0, 0, 0, 0, n];

const failsAt = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(PlistSyntaxError);
    return (e as PlistSyntaxError).message;
  }
  throw new Error('expected a PlistSyntaxError');
};

describe('binary plist reader', () => {
  it('reads a response Python plistlib wrote as the XML one reads it', () => {
    const value = parseBinaryPlist(readFileSync(join(FIXTURES, 'apple/00008120-0004659E3C82201E.bplist'))).value as Record<string, unknown>;
    expect(value['UDID']).toBe('00008120-0004659E3C82201E');
    expect((value['InstalledApplicationList'] as Record<string, unknown>[]).map((a) => [a['Identifier'], a['ShortVersion'], a['IsValidated']])).toEqual([
      ['com.apple.Numbers', '14.2', true],
      ['com.other.tool', '2.1', true],
    ]);
  });

  it('reads UTF-16 strings and counts past 14', () => {
    const name = [0x62, 0x00, 0x4e, 0x2d, 0x65, 0x87]; // "中文" in UTF-16BE, marker 0x62
    const long = [0x5f, 0x10, 16, ...Buffer.from('abcdefghijklmnop')];
    expect(parseBinaryPlist(bplist([[0xa2, 1, 2], name.slice(0, 1).concat([0x4e, 0x2d, 0x65, 0x87]), long])).value).toEqual(['中文', 'abcdefghijklmnop']);
  });

  it.each([
    ['an array that contains itself', bplist([[0xa1, 0]]), 'contains itself'],
    ['a reference past the object count', bplist([[0xa1, 7]]), 'reference to object 7'],
    ['a string longer than the file', bplist([[0x5f, 0x10, 200, 0x41]]), 'runs past'],
    ['a trailer pointing outside the file', Uint8Array.from([...bplist([[0x09]]).slice(0, -1), 250]), 'outside the file'],
    ['a truncated file', Buffer.from('bplist00'), 'shorter than'],
  ])('refuses %s', (_what, bytes, message) => {
    expect(failsAt(() => parseBinaryPlist(bytes))).toContain(message);
  });

  it('stops shared references from expanding without bound', () => {
    // Object i is an array of two references to object i+1: 2^40 leaves from 41 objects.
    const objects: number[][] = [];
    for (let i = 0; i < 40; i++) objects.push([0xa2, i + 1, i + 1]);
    objects.push([0x09]);
    expect(failsAt(() => parseBinaryPlist(bplist(objects)))).toContain('value cap');
  });
});

describe('XML plist reader', () => {
  it('decodes entities and CDATA, and keeps no prototype keys', () => {
    const { value } = parseXmlPlist('<plist><dict><key>__proto__</key><string>a &amp; b &#x4E2D;<![CDATA[<x>]]></string><key>n</key><integer>-3</integer></dict></plist>');
    expect(Object.entries(value as object)).toEqual([
      ['__proto__', 'a & b 中<x>'],
      ['n', -3],
    ]);
  });

  it.each([
    ['<!DOCTYPE x [<!ENTITY a "b">]><plist><string>&a;</string></plist>', 'internal subset'],
    ['<plist><string>&a;</string></plist>', 'unknown entity'],
    ['<plist><dict><key>a</key></dict></plist>', 'unexpected </dict>'],
    ['<plist><foo/></plist>', 'not a plist element'],
    ['<plist><integer>12abc</integer></plist>', 'not a number'],
    ['<plist><array><string>x</string>', 'ends before'],
  ])('refuses %s', (xml, message) => {
    expect(failsAt(() => parseXmlPlist(xml))).toContain(message);
  });
});
