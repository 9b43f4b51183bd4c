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
 * Reads the iOS profile with Python's plistlib, the HTML report with Python's html.parser and the
 * manifest with JSON.parse (parsers that are not the ones that wrote them) and checks the odd
 * strings come back exactly; and that the raw XML, HTML and Markdown hold no unescaped markup.
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
  // The report: Python's html.parser reads the policy's name back from the HTML's text exactly,
  // and neither report holds the name's markup as markup.
  const html = artifacts.find((a) => a.path === 'report.html');
  const markdown = artifacts.find((a) => a.path === 'report.md');
  if (!html || !markdown) throw new Error('no report.html or report.md');
  const textOf = [
    'import sys',
    'from html.parser import HTMLParser',
    'class P(HTMLParser):',
    '    def __init__(self):',
    '        super().__init__(convert_charrefs=True); self.out = []',
    '    def handle_data(self, d): self.out.append(d)',
    'p = P(); p.feed(sys.stdin.read()); sys.stdout.write("".join(p.out))',
  ].join('\n');
  const htmlText = execFileSync('python3', ['-c', textOf], { input: decode(html.bytes), encoding: 'utf8' });
  if (!htmlText.includes(ODD_TEXT.name)) throw new Error(`report.html does not show the policy name ${JSON.stringify(ODD_TEXT.name)} as text`);
  for (const raw of ['<b>', '<x>', '<Ltd>']) {
    if (decode(html.bytes).includes(raw) || decode(markdown.bytes).includes(raw)) throw new Error(`a report holds ${raw} as markup`);
  }

  const manifest = artifacts.find((a) => a.path === 'manifest.json');
  const name = (JSON.parse(decode(manifest!.bytes)) as { policy: { name: string } }).policy.name;
  if (name !== ODD_TEXT.name) throw new Error(`manifest.json policy.name: ${JSON.stringify(name)}`);
}
