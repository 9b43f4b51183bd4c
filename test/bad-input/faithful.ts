import { execFileSync } from 'node:child_process';
import type { Artifact } from '../../src/index.js';

/**
 * Text an output must carry exactly: XML and HTML markup, an entity, the CDATA terminator,
 * quotes, an emoji (a surrogate pair), Hebrew with a right-to-left mark (U+200F) and Arabic with
 * an Arabic letter mark (U+061C), which are part of how those names are written and so are kept
 * (bidirectional overrides and isolates, which can disguise text, are refused instead), and a
 * carriage return, tab and line separator.
 */
export const ODD_TEXT = {
  name: 'Blocked <b>apps</b> & "friends" ]]> \'q\' 😀',
  displayName: 'רשימה\u200F חסומה — قائمة\u061C محظورة <x>',
  description: 'line one\r\nline two\u2028three\ttab &amp; ]]>',
  organization: 'A&B <Ltd> "Q"',
};

const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/**
 * Reads the iOS profile with Python's plistlib and the manifest with JSON.parse (parsers that are
 * not the ones that wrote them) and checks every odd string comes back exactly; and that the raw
 * XML holds no unescaped markup or "]]>".
 */
export function expectFaithful(artifacts: readonly Artifact[]): void {
  const profile = artifacts.find((a) => a.path.endsWith('/ios/restrictions.mobileconfig'));
  if (!profile) throw new Error('no iOS profile');
  const xml = decode(profile.bytes);
  for (const raw of ['<b>', '<x>', '<Ltd>', ']]>', ' & ']) {
    if (xml.includes(raw)) throw new Error(`the plist holds ${JSON.stringify(raw)} unescaped`);
  }
  const script = 'import json, plistlib, sys\nprint(json.dumps(plistlib.loads(sys.stdin.buffer.read())))';
  const parsed = JSON.parse(execFileSync('python3', ['-c', script], { input: Buffer.from(profile.bytes), encoding: 'utf8' })) as Record<string, unknown>;
  const want: Record<string, string> = {
    PayloadDisplayName: ODD_TEXT.displayName,
    PayloadDescription: ODD_TEXT.description,
    PayloadOrganization: ODD_TEXT.organization,
  };
  for (const [key, value] of Object.entries(want)) {
    if (parsed[key] !== value) throw new Error(`${key}: plistlib read ${JSON.stringify(parsed[key])}, the policy says ${JSON.stringify(value)}`);
  }
  const manifest = artifacts.find((a) => a.path === 'manifest.json');
  const name = (JSON.parse(decode(manifest!.bytes)) as { policy: { name: string } }).policy.name;
  if (name !== ODD_TEXT.name) throw new Error(`manifest.json policy.name: ${JSON.stringify(name)}`);
}
