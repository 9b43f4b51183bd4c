// The bad-input table of issue 7: each case is a few small files, what the compiler must say
// (error codes, warning codes, file:line:col where there is a position) and the exit code.
// table.test.ts runs every case through the library and the real CLI.
import type { Artifact } from '../../src/index.js';
import { expectFaithful, ODD_TEXT } from './faithful.js';

/**
 * A file's content, a symbolic link (target as written), an empty folder, or a file of the
 * throwaway PKI the table makes with openssl (test/helpers/throwaway-pki.ts).
 */
export type Entry = string | Uint8Array | { symlink: string } | { folder: true } | { pki: string } | { special: 'fifo' | 'socket' | 'device' };

export interface BadInputCase {
  name: string;
  /**
   * Paths relative to the policy's folder (the CLI's working directory); `../outside/…` lies
   * outside its tree. `@OUTSIDE@` in a text file is replaced by that folder's absolute path.
   */
  files: Record<string, Entry>;
  /** The policy file (default policy.yaml). */
  entry?: string;
  /** Extra CLI arguments; `@OUTSIDE@` is replaced as in files. */
  args?: string[];
  errors: string[];
  warnings?: string[];
  /** `file:line:col CODE` that must be among the diagnostics. */
  at?: string[];
  exit: 0 | 1 | 2;
  /** Compile as of the day the throwaway certificates are valid, not the table's fixed date. */
  pkiToday?: true;
  /** Patterns that some diagnostic's message must match (what the message must show). */
  messages?: RegExp[];
  /** For cases that compile: what the artifacts must hold. */
  check?: (artifacts: readonly Artifact[]) => void | Promise<void>;
}

const HEAD = `version: 1
id: org.example.bad
name: Bad inputs
`;

/** TikTok with both identifiers: a policy that compiles once HEAD is in front. */
const TIKTOK_APP = `{ id: tiktok, name: TikTok, ios: { bundleId: com.zhiliaoapp.musically }, android: { package: com.zhiliaoapp.musically } }`;
const BLOCK_TIKTOK = `block:
  apps:
    - ${TIKTOK_APP}
`;

export const GOOD_POLICY = HEAD + BLOCK_TIKTOK;

const policy = (content: string | Uint8Array): Record<string, Entry> => ({ 'policy.yaml': content });

/** A publisher (tencent) with WeChat and QQ, in the catalog, for rule cases. */
const CATALOG = `publishers:
  - { id: tencent, name: Tencent }
apps:
  - { id: wechat, name: WeChat, publisher: tencent, ios: { bundleId: com.tencent.xin }, android: { package: com.tencent.mm } }
  - { id: qq, name: QQ, publisher: tencent, ios: { bundleId: com.tencent.mqq }, android: { package: com.tencent.mobileqq } }
`;

function many(n: number, indent: string, line: (i: number) => string): string {
  return Array.from({ length: n }, (_, i) => indent + line(i)).join('\n') + '\n';
}

export const cases: BadInputCase[] = [
  // ── Special files wherever a file is read: one clear diagnostic, at once ────────────────
  // (reading a named pipe waits forever, a device such as /dev/zero never ends)
  { name: 'the policy file is a named pipe (FIFO)', files: { 'policy.yaml': { special: 'fifo' } }, errors: ['FILE_UNREADABLE'], messages: [/is a named pipe \(FIFO\), not a policy file/], exit: 2 },
  { name: 'the policy file is a symbolic link loop', files: { 'policy.yaml': { symlink: 'loop.yaml' }, 'loop.yaml': { symlink: 'policy.yaml' } }, errors: ['FILE_UNREADABLE'], messages: [/is a symbolic link loop/], exit: 2 },
  {
    name: 'an include that is a named pipe (FIFO)',
    files: { 'policy.yaml': HEAD + 'include: [pipe.yaml]\n' + BLOCK_TIKTOK, 'pipe.yaml': { special: 'fifo' } },
    errors: ['INCLUDE_NOT_FILE'],
    at: ['policy.yaml:4:11 INCLUDE_NOT_FILE'],
    messages: [/is a named pipe \(FIFO\), not a YAML file/],
    exit: 1,
  },
  {
    name: 'an include that is a socket',
    files: { 'policy.yaml': HEAD + 'include: [sock.yaml]\n' + BLOCK_TIKTOK, 'sock.yaml': { special: 'socket' } },
    errors: ['INCLUDE_NOT_FILE'],
    at: ['policy.yaml:4:11 INCLUDE_NOT_FILE'],
    messages: [/is a socket, not a YAML file/],
    exit: 1,
  },
  {
    name: 'an include that is a symbolic link loop is named as one, not "does not exist"',
    files: { 'policy.yaml': HEAD + 'include: [a.yaml]\n' + BLOCK_TIKTOK, 'a.yaml': { symlink: 'b.yaml' }, 'b.yaml': { symlink: 'a.yaml' } },
    errors: ['FILE_UNREADABLE'],
    at: ['policy.yaml:4:11 FILE_UNREADABLE'],
    messages: [/is a symbolic link loop/],
    exit: 1,
  },
  {
    name: 'a basePolicy that is a named pipe (FIFO)',
    files: { 'policy.yaml': HEAD + 'fleets: { phones: { android: { mode: fully-managed, basePolicy: base.json } } }\n' + BLOCK_TIKTOK, 'base.json': { special: 'fifo' } },
    errors: ['FILE_UNREADABLE'],
    at: ['policy.yaml:4:65 FILE_UNREADABLE'],
    messages: [/is a named pipe \(FIFO\), not a JSON file/],
    exit: 1,
  },
  {
    name: 'a basePolicy that is a device file',
    files: { 'policy.yaml': HEAD + 'fleets: { phones: { android: { mode: fully-managed, basePolicy: zero.json } } }\n' + BLOCK_TIKTOK, 'zero.json': { special: 'device' } },
    errors: ['FILE_UNREADABLE'],
    at: ['policy.yaml:4:65 FILE_UNREADABLE'],
    messages: [/is a device file, not a JSON file/],
    exit: 1,
  },
  {
    name: 'a signing certificate that is a device file is named plainly',
    files: { 'policy.yaml': HEAD + 'apple:\n  signing:\n    cert: certs/zero.pem\n    key: certs/rsa.key\n' + BLOCK_TIKTOK, 'certs/zero.pem': { special: 'device' }, 'certs/rsa.key': { pki: 'rsa.key' } },
    errors: ['SIGN_FILE_UNREADABLE'],
    at: ['policy.yaml:6:11 SIGN_FILE_UNREADABLE'],
    messages: [/the signing certificate certs\/zero.pem is a device file, not a file/],
    exit: 1,
  },
  {
    name: 'a signing key that is a named pipe (FIFO)',
    files: { 'policy.yaml': HEAD + 'apple:\n  signing:\n    cert: certs/rsa.pem\n    key: certs/pipe.key\n' + BLOCK_TIKTOK, 'certs/rsa.pem': { pki: 'rsa.pem' }, 'certs/pipe.key': { special: 'fifo' } },
    pkiToday: true,
    errors: ['SIGN_FILE_UNREADABLE'],
    at: ['policy.yaml:7:10 SIGN_FILE_UNREADABLE'],
    exit: 1,
  },
  {
    name: 'apple.signing by absolute path (the policy may name only files in its folder)',
    files: { 'policy.yaml': HEAD + 'apple:\n  signing:\n    cert: "@OUTSIDE@/rsa.pem"\n    key: certs/rsa.key\n' + BLOCK_TIKTOK, 'certs/rsa.key': { pki: 'rsa.key' }, '../outside/rsa.pem': { pki: 'rsa.pem' } },
    errors: ['INCLUDE_ABSOLUTE'],
    at: ['policy.yaml:6:11 INCLUDE_ABSOLUTE'],
    exit: 1,
  },
  {
    name: 'apple.signing that climbs out of the policy folder with ../',
    files: { 'policy.yaml': HEAD + 'apple:\n  signing:\n    cert: certs/rsa.pem\n    key: ../outside/rsa.key\n' + BLOCK_TIKTOK, 'certs/rsa.pem': { pki: 'rsa.pem' }, '../outside/rsa.key': { pki: 'rsa.key' } },
    errors: ['INCLUDE_OUTSIDE_ROOT'],
    at: ['policy.yaml:7:10 INCLUDE_OUTSIDE_ROOT'],
    exit: 1,
  },
  {
    name: 'apple.signing through a link that points outside the policy folder',
    files: { 'policy.yaml': HEAD + 'apple:\n  signing:\n    cert: certs/rsa.pem\n    key: certs/rsa.key\n' + BLOCK_TIKTOK, 'certs/rsa.pem': { pki: 'rsa.pem' }, '../outside/rsa.key': { pki: 'rsa.key' }, 'certs/rsa.key': { symlink: '../../outside/rsa.key' } },
    errors: ['INCLUDE_OUTSIDE_ROOT'],
    at: ['policy.yaml:7:10 INCLUDE_OUTSIDE_ROOT'],
    exit: 1,
  },

  // ── Reading the file ──────────────────────────────────────────────────────────────────────
  {
    name: 'malformed YAML: a flow mapping never closed',
    files: policy(HEAD + 'block: { apps: [ { id: tiktok }\n'),
    errors: ['YAML_SYNTAX'],
    at: ['policy.yaml:5:1 YAML_SYNTAX'],
    exit: 1,
  },
  {
    name: 'a tab used for indentation',
    files: policy(HEAD + 'block:\n\tapps:\n    - ' + TIKTOK_APP + '\n'),
    errors: ['YAML_TAB_INDENT'],
    at: ['policy.yaml:5:1 YAML_TAB_INDENT'],
    exit: 1,
  },
  {
    name: 'a UTF-8 byte order mark is accepted (editors on Windows write one)',
    files: policy('\uFEFF' + GOOD_POLICY),
    errors: [],
    exit: 0,
  },
  {
    name: 'after a byte order mark, columns still count from the first real character',
    files: policy('\uFEFF' + HEAD + 'blok: {}\n' + BLOCK_TIKTOK),
    errors: ['SCHEMA_UNKNOWN_KEY'],
    at: ['policy.yaml:4:1 SCHEMA_UNKNOWN_KEY'],
    exit: 1,
  },
  { name: 'an empty file', files: policy(''), errors: ['YAML_EMPTY'], at: ['policy.yaml:1:1 YAML_EMPTY'], exit: 1 },
  { name: 'a file of comments only', files: policy('# nothing here yet\n\n'), errors: ['YAML_EMPTY'], exit: 1 },
  {
    name: 'a file in Latin-1, not UTF-8',
    files: policy(new Uint8Array([...new TextEncoder().encode(HEAD.replace('Bad inputs', 'Caf')), 0xe9, 0x0a])),
    errors: ['FILE_NOT_UTF8'],
    at: ['policy.yaml:1:1 FILE_NOT_UTF8'],
    exit: 1,
  },
  {
    name: 'a file in UTF-16',
    files: policy(new Uint8Array([0xff, 0xfe, ...[...GOOD_POLICY].flatMap((c) => [c.charCodeAt(0), 0])])),
    errors: ['FILE_NOT_UTF8'],
    exit: 1,
  },
  {
    name: 'a file in UTF-16 without a byte order mark is "not UTF-8", once',
    files: policy(new Uint8Array([...GOOD_POLICY].flatMap((c) => [c.charCodeAt(0), 0]))),
    errors: ['FILE_NOT_UTF8'],
    at: ['policy.yaml:1:1 FILE_NOT_UTF8'],
    exit: 1,
  },
  {
    name: 'classic Mac OS line endings (a carriage return alone) are one diagnostic, not one per line',
    files: policy(GOOD_POLICY.replaceAll('\n', '\r')),
    errors: ['FILE_LINE_ENDINGS'],
    at: ['policy.yaml:1:11 FILE_LINE_ENDINGS'],
    exit: 1,
  },
  {
    name: 'a %YAML 1.1 directive is refused (it would make "removeApps: off" false and apply << merges)',
    files: policy('%YAML 1.1\n---\n' + HEAD + 'options: { removeApps: off }\n' + BLOCK_TIKTOK),
    errors: ['YAML_VERSION'],
    at: ['policy.yaml:1:7 YAML_VERSION'],
    exit: 1,
  },
  {
    name: 'a %YAML directive for a version that does not exist is refused',
    files: policy('%YAML 1.3\n---\n' + GOOD_POLICY),
    errors: ['YAML_VERSION'],
    at: ['policy.yaml:1:7 YAML_VERSION'],
    exit: 1,
  },
  {
    name: 'a merge key (<<) stays an unknown key, never a merge',
    files: policy(HEAD + 'base: &base { name: TikTok }\nblock:\n  apps:\n    - { <<: *base, id: tiktok, ios: { bundleId: com.zhiliaoapp.musically } }\n'),
    errors: ['SCHEMA_UNKNOWN_KEY'],
    at: ['policy.yaml:4:1 SCHEMA_UNKNOWN_KEY', 'policy.yaml:7:9 SCHEMA_UNKNOWN_KEY'],
    exit: 1,
  },
  {
    name: 'a !!binary value is one diagnostic at the tag',
    files: policy(HEAD.replace('name: Bad inputs', 'name: !!binary QmFkIGlucHV0cw==') + BLOCK_TIKTOK),
    errors: ['YAML_TAG'],
    at: ['policy.yaml:3:7 YAML_TAG'],
    exit: 1,
  },
  {
    name: 'a 1.5 MB mapping key is not echoed whole',
    files: policy(HEAD + '? ' + 'k'.repeat(1_500_000) + '\n: 1\n' + BLOCK_TIKTOK),
    errors: ['SCHEMA_UNKNOWN_KEY'],
    at: ['policy.yaml:4:3 SCHEMA_UNKNOWN_KEY'],
    messages: [/unknown key "k{60}…" \(1500000 characters\)/],
    exit: 1,
  },
  {
    name: 'a byte order mark inside a key is shown in the message',
    files: policy(HEAD + '\uFEFFblock:\n  apps:\n    - ' + TIKTOK_APP + '\n'),
    errors: ['SCHEMA_UNKNOWN_KEY'],
    at: ['policy.yaml:4:1 SCHEMA_UNKNOWN_KEY'],
    messages: [/unknown key "\\u\{FEFF\}block"/],
    exit: 1,
  },
  {
    name: 'two YAML documents in one file',
    files: policy(GOOD_POLICY + '---\n' + GOOD_POLICY),
    errors: ['YAML_MULTI_DOCUMENT'],
    at: ['policy.yaml:7:1 YAML_MULTI_DOCUMENT'],
    exit: 1,
  },
  { name: 'the document is a list', files: policy('- version: 1\n- id: x\n'), errors: ['SCHEMA_TYPE'], at: ['policy.yaml:1:1 SCHEMA_TYPE'], exit: 1 },
  { name: 'the document is a single word', files: policy('blocklist\n'), errors: ['SCHEMA_TYPE'], exit: 1 },
  {
    name: 'a duplicate key',
    files: policy(HEAD + 'name: Twice\n' + BLOCK_TIKTOK),
    errors: ['YAML_DUPLICATE_KEY'],
    at: ['policy.yaml:4:1 YAML_DUPLICATE_KEY'],
    exit: 1,
  },
  {
    name: 'an unknown key (a typo of block)',
    files: policy(HEAD + 'blok:\n  apps: []\n' + BLOCK_TIKTOK),
    errors: ['SCHEMA_UNKNOWN_KEY'],
    at: ['policy.yaml:4:1 SCHEMA_UNKNOWN_KEY'],
    exit: 1,
  },
  {
    name: 'wrong types: a number where an id belongs, a string where a list belongs',
    files: policy(HEAD + 'include: catalog.yaml\nblock:\n  apps:\n    - { id: 42, ios: { bundleId: com.example.app } }\n'),
    errors: ['SCHEMA_TYPE'],
    at: ['policy.yaml:4:10 SCHEMA_TYPE', 'policy.yaml:7:13 SCHEMA_TYPE'],
    exit: 1,
  },
  {
    name: 'an App Store ID too large for a JSON number',
    files: policy(HEAD + 'block:\n  apps:\n    - { id: app, ios: { bundleId: com.example.app, appStoreId: 123456789012345678901 } }\n'),
    errors: ['SCHEMA_VALUE'],
    at: ['policy.yaml:6:64 SCHEMA_VALUE'],
    exit: 1,
  },
  {
    name: 'a file over the 2 MiB cap',
    files: policy(GOOD_POLICY + '# ' + 'x'.repeat(2 * 1024 * 1024) + '\n'),
    errors: ['FILE_TOO_LARGE'],
    exit: 1,
  },
  {
    name: 'a file under the byte cap that holds too many values to parse in bounded time',
    files: policy(HEAD + 'x: [' + '0,'.repeat(210_000) + '0]\n' + BLOCK_TIKTOK),
    errors: ['FILE_TOO_LARGE'],
    exit: 1,
  },
  {
    name: 'flow collections nested past the depth cap',
    files: policy(HEAD + 'x: ' + '['.repeat(100) + ']'.repeat(100) + '\n' + BLOCK_TIKTOK),
    errors: ['YAML_TOO_DEEP'],
    at: ['policy.yaml:4:68 YAML_TOO_DEEP'],
    exit: 1,
  },
  {
    name: 'block mappings nested past the depth cap',
    files: policy(HEAD + many(70, '', (i) => ' '.repeat(i) + `k${i}:`) + BLOCK_TIKTOK),
    errors: ['YAML_TOO_DEEP'],
    at: ['policy.yaml:68:65 YAML_TOO_DEEP'],
    exit: 1,
  },
  {
    name: 'an alias bomb ("billion laughs")',
    files: policy(
      HEAD +
        'a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n' +
        many(9, '', (i) => `a${i + 1}: &a${i + 1} [${Array(9).fill(`*a${i}`).join(', ')}]`) +
        BLOCK_TIKTOK,
    ),
    errors: ['YAML_ALIAS_LIMIT'],
    at: ['policy.yaml:9:10 YAML_ALIAS_LIMIT'],
    exit: 1,
  },
  {
    name: 'an alias inside the collection it names (an infinite structure)',
    files: policy(HEAD + 'loop: &loop [*loop]\n' + BLOCK_TIKTOK),
    errors: ['YAML_ALIAS_LIMIT'],
    at: ['policy.yaml:4:14 YAML_ALIAS_LIMIT'],
    exit: 1,
  },
  {
    name: 'a few aliases of one large anchored list',
    files: policy(HEAD + 'big: &big [' + 'x,'.repeat(30_000) + 'x]\n' + 'publishers:\n' + many(5, '  ', (i) => `- { id: p${i}, name: P, aliases: *big }`) + BLOCK_TIKTOK),
    errors: ['YAML_ALIAS_LIMIT'],
    at: ['policy.yaml:9:33 YAML_ALIAS_LIMIT'],
    exit: 1,
  },
  {
    name: 'a mapping key that is a list',
    files: policy(HEAD + '? [a, b]\n: c\n' + BLOCK_TIKTOK),
    errors: ['YAML_KEY_NOT_SCALAR'],
    at: ['policy.yaml:4:3 YAML_KEY_NOT_SCALAR'],
    exit: 1,
  },
  {
    name: 'a __proto__ key is an unknown key, not a way into Object.prototype',
    files: policy(HEAD + '__proto__: { polluted: yes }\nfleets:\n  f:\n    ios: {}\n    __proto__: { android: { mode: fully-managed } }\n' + BLOCK_TIKTOK),
    errors: ['SCHEMA_UNKNOWN_KEY'],
    at: ['policy.yaml:4:1 SCHEMA_UNKNOWN_KEY', 'policy.yaml:8:5 SCHEMA_UNKNOWN_KEY'],
    exit: 1,
  },
  {
    name: 'a fleet named "constructor" is an ordinary fleet',
    files: policy(HEAD + 'fleets:\n  constructor: { ios: {}, android: { mode: fully-managed } }\n' + BLOCK_TIKTOK),
    errors: [],
    exit: 0,
    check: (artifacts) => {
      const paths = artifacts.map((a) => a.path);
      if (!paths.includes('constructor/ios/restrictions.mobileconfig') || !paths.includes('constructor/android/policy.json')) {
        throw new Error(`constructor fleet artifacts missing: ${paths.join(', ')}`);
      }
    },
  },
  { name: 'the policy file does not exist', files: {}, entry: 'missing.yaml', errors: ['FILE_NOT_FOUND'], exit: 2 },
  { name: 'the policy path is a folder', files: { 'folder.yaml': { folder: true } }, entry: 'folder.yaml', errors: ['FILE_UNREADABLE'], exit: 2 },

  // ── Includes ──────────────────────────────────────────────────────────────────────────────
  {
    name: 'an include that does not exist',
    files: policy(HEAD + 'include: [catalog.yaml]\n' + BLOCK_TIKTOK),
    errors: ['FILE_NOT_FOUND'],
    at: ['policy.yaml:4:11 FILE_NOT_FOUND'],
    exit: 1,
  },
  {
    name: 'includes in a cycle',
    files: { 'policy.yaml': HEAD + 'include: [a.yaml]\n' + BLOCK_TIKTOK, 'a.yaml': 'include: [b.yaml]\n', 'b.yaml': 'include: [a.yaml]\n' },
    errors: ['INCLUDE_CYCLE'],
    at: ['b.yaml:1:11 INCLUDE_CYCLE'],
    exit: 1,
  },
  {
    name: 'an include that climbs out of the policy folder with ../',
    files: { 'policy.yaml': HEAD + 'include: [../outside/catalog.yaml]\n' + BLOCK_TIKTOK, '../outside/catalog.yaml': CATALOG },
    errors: ['INCLUDE_OUTSIDE_ROOT'],
    at: ['policy.yaml:4:11 INCLUDE_OUTSIDE_ROOT'],
    exit: 1,
  },
  {
    name: 'an include by absolute path',
    files: { 'policy.yaml': HEAD + 'include: ["@OUTSIDE@/catalog.yaml"]\n' + BLOCK_TIKTOK, '../outside/catalog.yaml': CATALOG },
    errors: ['INCLUDE_ABSOLUTE'],
    at: ['policy.yaml:4:11 INCLUDE_ABSOLUTE'],
    exit: 1,
  },
  {
    name: 'an include through a symbolic link that points outside the tree',
    files: { 'policy.yaml': HEAD + 'include: [lists/catalog.yaml]\n' + BLOCK_TIKTOK, 'lists/catalog.yaml': { symlink: '../../outside/catalog.yaml' }, '../outside/catalog.yaml': CATALOG },
    errors: ['INCLUDE_OUTSIDE_ROOT'],
    at: ['policy.yaml:4:11 INCLUDE_OUTSIDE_ROOT'],
    exit: 1,
  },
  {
    name: 'an include that names a folder',
    files: { 'policy.yaml': HEAD + 'include: [lists.yaml]\n' + BLOCK_TIKTOK, 'lists.yaml': { folder: true } },
    errors: ['INCLUDE_NOT_FILE'],
    at: ['policy.yaml:4:11 INCLUDE_NOT_FILE'],
    exit: 1,
  },
  {
    name: 'an include of a file that is not YAML',
    files: { 'policy.yaml': HEAD + 'include: [catalog.json]\n' + BLOCK_TIKTOK, 'catalog.json': '{}' },
    errors: ['INCLUDE_NOT_YAML'],
    at: ['policy.yaml:4:11 INCLUDE_NOT_YAML'],
    exit: 1,
  },
  {
    name: 'an included file with a syntax error is pointed at in that file',
    files: { 'policy.yaml': HEAD + 'include: [catalog.yaml]\n' + BLOCK_TIKTOK, 'catalog.yaml': 'apps:\n  - id: a\n    name: A\n   note: misaligned\n' },
    errors: ['YAML_SYNTAX'],
    at: ['catalog.yaml:4:1 YAML_SYNTAX'],
    exit: 1,
  },

  // ── Identifiers ───────────────────────────────────────────────────────────────────────────
  {
    name: 'a malformed bundle ID (an empty part)',
    files: policy(HEAD + 'block:\n  apps:\n    - { id: app, ios: { bundleId: com..example }, android: { package: com.example } }\n'),
    errors: ['MALFORMED_BUNDLE_ID'],
    // The error is the whole story: "has no iOS bundle ID" would contradict the file.
    warnings: [],
    at: ['policy.yaml:6:35 MALFORMED_BUNDLE_ID'],
    exit: 1,
  },
  {
    name: 'a 300-character bundle ID is refused at its position (it could not name a file)',
    files: policy(HEAD + 'block:\n  apps:\n    - { id: long, name: Long, ios: { bundleId: com.example.' + 'a'.repeat(288) + ' } }\n'),
    errors: ['MALFORMED_BUNDLE_ID'],
    // For Android, which the app names no package for; the refused bundle ID gets its error only.
    warnings: ['NO_IDENTIFIER_FOR_PLATFORM'],
    at: ['policy.yaml:6:48 MALFORMED_BUNDLE_ID'],
    messages: [/is 300 characters long; at most 242/],
    exit: 1,
  },
  {
    name: 'a 300-character package name is refused at its position (Android takes 223)',
    files: policy(HEAD + 'block:\n  apps:\n    - { id: long, name: Long, android: { package: com.example.' + 'a'.repeat(288) + ' } }\n'),
    errors: ['MALFORMED_PACKAGE_NAME'],
    // For iOS, which the app names no bundle ID for.
    warnings: ['NO_IDENTIFIER_FOR_PLATFORM'],
    at: ['policy.yaml:6:51 MALFORMED_PACKAGE_NAME'],
    exit: 1,
  },
  {
    name: 'a policyName whose policy id is ".." (the PATCH would reach the enterprise)',
    files: policy(HEAD + 'fleets: { phones: { android: { mode: fully-managed, policyName: enterprises/LC01/policies/.. } } }\n' + BLOCK_TIKTOK),
    errors: ['SCHEMA_VALUE'],
    at: ['policy.yaml:4:65 SCHEMA_VALUE'],
    exit: 1,
  },
  {
    name: 'a policyName with ?, # or a space in it',
    files: policy(HEAD + 'fleets:\n  a: { android: { mode: fully-managed, policyName: "enterprises/LC01/policies/p?x=1" } }\n  b: { android: { mode: fully-managed, policyName: "enterprises/LC01/policies/p#x" } }\n  c: { android: { mode: fully-managed, policyName: "enterprises/LC 01/policies/p" } }\n' + BLOCK_TIKTOK),
    errors: ['SCHEMA_VALUE'],
    at: ['policy.yaml:5:52 SCHEMA_VALUE', 'policy.yaml:6:52 SCHEMA_VALUE', 'policy.yaml:7:52 SCHEMA_VALUE'],
    exit: 1,
  },
  {
    name: 'a policyName of letters, digits, dots, underscores and hyphens compiles',
    files: policy(HEAD + 'fleets: { phones: { android: { mode: fully-managed, policyName: enterprises/LC01ab-_/policies/field.v2 } } }\n' + BLOCK_TIKTOK),
    errors: [],
    exit: 0,
  },
  {
    name: 'a malformed package name (a part starting with a digit)',
    files: policy(HEAD + 'block:\n  apps:\n    - { id: app, android: { package: com.1example.app }, ios: { bundleId: com.example.app } }\n'),
    errors: ['MALFORMED_PACKAGE_NAME'],
    warnings: [],
    at: ['policy.yaml:6:38 MALFORMED_PACKAGE_NAME'],
    exit: 1,
  },
  {
    name: 'a malformed Team ID',
    files: policy(HEAD + 'publishers:\n  - { id: pub, name: Pub, apple: { teamIds: [abc] } }\nblock:\n  publishers: [{ id: pub }]\n'),
    errors: ['MALFORMED_TEAM_ID'],
    at: ['policy.yaml:5:46 MALFORMED_TEAM_ID'],
    exit: 1,
  },
  {
    name: 'a Cyrillic о in com.tencent.mm (a look-alike that would block nothing)',
    files: policy(HEAD + 'block:\n  apps:\n    - { id: wechat, android: { package: com.tencent.m\u043em }, ios: { bundleId: com.tencent.xin } }\n'),
    errors: ['NON_ASCII_IDENTIFIER'],
    warnings: [],
    at: ['policy.yaml:6:41 NON_ASCII_IDENTIFIER'],
    exit: 1,
  },
  {
    name: 'a Greek ο in a bundle ID',
    files: policy(HEAD + 'block:\n  apps:\n    - { id: wechat, ios: { bundleId: c\u03bfm.tencent.xin }, android: { package: com.tencent.mm } }\n'),
    errors: ['NON_ASCII_IDENTIFIER'],
    warnings: [],
    at: ['policy.yaml:6:38 NON_ASCII_IDENTIFIER'],
    exit: 1,
  },
  {
    name: 'the same package name under two apps',
    files: policy(HEAD + 'fleets: { phones: { android: { mode: fully-managed } } }\napps:\n  - { id: one, name: One, android: { package: com.example.same } }\n  - { id: two, name: Two, android: { package: com.example.same } }\nblock:\n  apps: [{ id: one }, { id: two }]\n'),
    errors: ['DUPLICATE_IDENTIFIER'],
    at: ['policy.yaml:7:47 DUPLICATE_IDENTIFIER'],
    exit: 1,
  },
  {
    name: 'an app id that is also a publisher id',
    files: policy(HEAD + 'publishers:\n  - { id: tiktok, name: TikTok Ltd }\n' + BLOCK_TIKTOK),
    errors: ['ID_COLLISION'],
    at: ['policy.yaml:8:7 ID_COLLISION'],
    exit: 1,
  },
  {
    name: 'the same app id twice in the catalog',
    files: policy(HEAD + CATALOG + '  - { id: qq, name: QQ again }\nblock:\n  apps: [{ id: qq }]\n'),
    errors: ['DUPLICATE_ID'],
    at: ['policy.yaml:9:11 DUPLICATE_ID'],
    exit: 1,
  },

  // ── Rules ─────────────────────────────────────────────────────────────────────────────────
  {
    name: 'a rule that names an unknown app',
    files: policy(HEAD + CATALOG + 'block:\n  apps: [{ id: wechatt }]\n'),
    errors: ['UNKNOWN_APP'],
    at: ['policy.yaml:10:16 UNKNOWN_APP'],
    exit: 1,
  },
  {
    name: 'a rule that names an unknown publisher',
    files: policy(HEAD + CATALOG + 'block:\n  publishers: [{ id: bytedance }]\n'),
    errors: ['UNKNOWN_PUBLISHER'],
    at: ['policy.yaml:10:22 UNKNOWN_PUBLISHER'],
    exit: 1,
  },
  {
    name: 'an app both blocked and allowed: a warning, the exception wins, the app is in no output',
    files: policy(HEAD + CATALOG + 'block:\n  publishers: [{ id: tencent }]\nallow:\n  - { app: qq, reason: pilot }\n'),
    errors: [],
    warnings: ['BLOCKED_AND_ALLOWED'],
    at: ['policy.yaml:12:5 BLOCKED_AND_ALLOWED'],
    exit: 0,
    check: (artifacts) => {
      const all = artifacts.map((a) => new TextDecoder().decode(a.bytes)).join('\n');
      if (all.includes('com.tencent.mqq') || all.includes('com.tencent.mobileqq')) throw new Error('the allowed app QQ appears in an output');
      if (!all.includes('com.tencent.xin') || !all.includes('com.tencent.mm')) throw new Error('WeChat is missing from the outputs');
    },
  },
  {
    name: 'an exception that has expired: a warning, and the app is blocked again',
    files: policy(HEAD + CATALOG + 'block:\n  publishers: [{ id: tencent }]\nallow:\n  - { app: qq, until: 2020-01-31 }\n'),
    errors: [],
    warnings: ['EXCEPTION_EXPIRED'],
    at: ['policy.yaml:12:5 EXCEPTION_EXPIRED'],
    exit: 0,
    check: (artifacts) => {
      const all = artifacts.map((a) => new TextDecoder().decode(a.bytes)).join('\n');
      if (!all.includes('com.tencent.mqq') || !all.includes('com.tencent.mobileqq')) throw new Error('the expired exception still lets QQ through');
    },
  },
  {
    name: 'an exception for a fleet that does not exist',
    files: policy(HEAD + CATALOG + 'fleets:\n  staff: { ios: {} }\nblock:\n  publishers: [{ id: tencent }]\nallow:\n  - { app: qq, fleets: [stafff] }\n'),
    errors: ['UNKNOWN_FLEET'],
    at: ['policy.yaml:14:24 UNKNOWN_FLEET'],
    exit: 1,
  },
  {
    name: 'an empty blocklist (it would unblock every device)',
    files: policy(HEAD + CATALOG + 'block:\n  apps: []\n'),
    errors: ['EMPTY_BLOCKLIST'],
    exit: 1,
  },
  {
    name: 'a fleet with no platform',
    files: policy(HEAD + 'fleets:\n  staff: { description: Office phones }\n' + BLOCK_TIKTOK),
    errors: ['FLEET_NO_PLATFORM'],
    at: ['policy.yaml:5:3 FLEET_NO_PLATFORM'],
    exit: 1,
  },
  {
    name: 'a rule that names an undefined reference',
    files: policy(HEAD + 'block:\n  apps:\n    - { id: tiktok, ios: { bundleId: com.zhiliaoapp.musically }, android: { package: com.zhiliaoapp.musically }, references: [meity-2020] }\n'),
    errors: ['UNKNOWN_REFERENCE'],
    at: ['policy.yaml:6:127 UNKNOWN_REFERENCE'],
    exit: 1,
  },
  {
    name: 'publishers whose parents form a cycle',
    files: policy(HEAD + 'publishers:\n  - { id: a, name: A, parent: b }\n  - { id: b, name: B, parent: a }\nblock:\n  publishers: [{ id: a }]\n'),
    errors: ['PUBLISHER_CYCLE'],
    exit: 1,
  },

  // ── Text that would break an output format ────────────────────────────────────────────────
  {
    name: 'a BEL control character in a name',
    files: policy(HEAD.replace('Bad inputs', '"Bad\\ainputs"') + BLOCK_TIKTOK),
    errors: ['UNSAFE_TEXT'],
    at: ['policy.yaml:3:7 UNSAFE_TEXT'],
    exit: 1,
  },
  {
    name: 'a NUL in a reason',
    files: policy(HEAD + 'block:\n  apps:\n    - { id: app, ios: { bundleId: com.example.app }, reason: "a\\0b" }\n'),
    errors: ['UNSAFE_TEXT'],
    at: ['policy.yaml:6:62 UNSAFE_TEXT'],
    exit: 1,
  },
  {
    name: 'a right-to-left override (Trojan Source) in a reason',
    files: policy(HEAD + 'block:\n  apps:\n    - { id: app, ios: { bundleId: com.example.app }, reason: "ok \u202Egnp.exe" }\n'),
    errors: ['UNSAFE_TEXT'],
    exit: 1,
  },
  {
    name: 'an unpaired surrogate written as an escape',
    files: policy(HEAD + 'description: "broken \\uD800 text"\n' + BLOCK_TIKTOK),
    errors: ['UNSAFE_TEXT'],
    at: ['policy.yaml:4:14 UNSAFE_TEXT'],
    exit: 1,
  },
  {
    name: 'an unsafe character in a key',
    files: policy(HEAD + 'fleets:\n  staff:\n    ios:\n      profile:\n        consentText: { "en\\u0007": hi }\n' + BLOCK_TIKTOK),
    errors: ['SCHEMA_VALUE', 'UNSAFE_TEXT'],
    at: ['policy.yaml:8:24 SCHEMA_VALUE'],
    exit: 1,
  },

  {
    name: 'a terminal escape sequence in an unknown key is not echoed raw to the terminal',
    files: policy(HEAD + '"\\e]0;pwned\\a\\e[31mred": 1\n' + BLOCK_TIKTOK),
    errors: ['SCHEMA_UNKNOWN_KEY', 'UNSAFE_TEXT'],
    at: ['policy.yaml:4:1 SCHEMA_UNKNOWN_KEY'],
    exit: 1,
  },

  {
    name: 'markup, quotes, emoji, right-to-left marks and line breaks in names come out exactly, escaped for each format',
    files: policy(
      HEAD.replace('Bad inputs', JSON.stringify(ODD_TEXT.name)) +
        `apple:\n  profile:\n    displayName: ${JSON.stringify(ODD_TEXT.displayName)}\n    description: ${JSON.stringify(ODD_TEXT.description)}\n    organization: ${JSON.stringify(ODD_TEXT.organization)}\n` +
        BLOCK_TIKTOK,
    ),
    errors: [],
    exit: 0,
    check: expectFaithful,
  },

  // ── Targets ───────────────────────────────────────────────────────────────────────────────
  {
    name: 'more than 3,000 Android apps in one fleet',
    files: policy(HEAD + 'fleets: { phones: { android: { mode: fully-managed } } }\nblock:\n  apps:\n' + many(3001, '    ', (i) => `- { id: app${i}, android: { package: com.example.app${i} } }`)),
    errors: ['ANDROID_APPLICATIONS_LIMIT'],
    at: ['policy.yaml:4:30 ANDROID_APPLICATIONS_LIMIT'],
    exit: 1,
  },
  {
    name: 'more than 3,000 Android apps once a base policy\'s own apps are counted',
    files: {
      'policy.yaml':
        HEAD +
        'fleets: { phones: { android: { mode: fully-managed, basePolicy: base.json } } }\nblock:\n  apps:\n' +
        many(2999, '    ', (i) => `- { id: app${i}, android: { package: com.example.app${i} } }`),
      'base.json': JSON.stringify({ playStoreMode: 'BLACKLIST', applications: [{ packageName: 'com.example.maps', installType: 'AVAILABLE' }, { packageName: 'com.example.mail', installType: 'FORCE_INSTALLED' }] }),
    },
    errors: ['ANDROID_APPLICATIONS_LIMIT'],
    at: ['policy.yaml:4:30 ANDROID_APPLICATIONS_LIMIT'],
    exit: 1,
  },
  {
    name: 'a basePolicy that climbs out of the policy folder (it would pull another file into the output)',
    files: { 'policy.yaml': HEAD + 'fleets: { phones: { android: { mode: fully-managed, basePolicy: ../outside/base.json } } }\n' + BLOCK_TIKTOK, '../outside/base.json': '{}' },
    errors: ['INCLUDE_OUTSIDE_ROOT'],
    at: ['policy.yaml:4:65 INCLUDE_OUTSIDE_ROOT'],
    exit: 1,
  },
  {
    name: 'a basePolicy through a link that points outside the policy folder',
    files: { 'policy.yaml': HEAD + 'fleets: { phones: { android: { mode: fully-managed, basePolicy: base.json } } }\n' + BLOCK_TIKTOK, 'base.json': { symlink: '../outside/base.json' }, '../outside/base.json': '{}' },
    errors: ['INCLUDE_OUTSIDE_ROOT'],
    at: ['policy.yaml:4:65 INCLUDE_OUTSIDE_ROOT'],
    exit: 1,
  },
  {
    name: 'a basePolicy by absolute path',
    files: { 'policy.yaml': HEAD + 'fleets: { phones: { android: { mode: fully-managed, basePolicy: "@OUTSIDE@/base.json" } } }\n' + BLOCK_TIKTOK, '../outside/base.json': '{}' },
    errors: ['INCLUDE_ABSOLUTE'],
    exit: 1,
  },
  {
    name: 'a basePolicy that is not JSON',
    files: { 'policy.yaml': HEAD + 'fleets: { phones: { android: { mode: fully-managed, basePolicy: base.json } } }\n' + BLOCK_TIKTOK, 'base.json': '{ "playStoreMode": BLACKLIST }' },
    errors: ['ANDROID_BASE_SYNTAX'],
    at: ['base.json:1:20 ANDROID_BASE_SYNTAX'],
    exit: 1,
  },
  {
    name: 'a basePolicy nested 100,000 levels deep',
    files: { 'policy.yaml': HEAD + 'fleets: { phones: { android: { mode: fully-managed, basePolicy: base.json } } }\n' + BLOCK_TIKTOK, 'base.json': '{"a":' + '['.repeat(100_000) + ']'.repeat(100_000) + '}' },
    errors: ['ANDROID_BASE_INVALID'],
    at: ['base.json:1:69 ANDROID_BASE_INVALID'],
    exit: 1,
  },
  {
    name: 'a signing key that does not belong to the signing certificate',
    files: {
      'policy.yaml': HEAD + 'apple:\n  signing:\n    cert: certs/rsa.pem\n    key: certs/other.key\n' + BLOCK_TIKTOK,
      'certs/rsa.pem': { pki: 'rsa.pem' },
      'certs/other.key': { pki: 'other.key' },
    },
    pkiToday: true,
    errors: ['SIGN_KEY_MISMATCH'],
    at: ['policy.yaml:7:10 SIGN_KEY_MISMATCH'],
    exit: 1,
  },
];
