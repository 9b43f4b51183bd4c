import type { DiagnosticCode } from '../../common/diagnostics/codes.js';

/** What each identifier must look like, and the code its violation carries. */
export interface IdentifierRule {
  code: DiagnosticCode;
  pattern: RegExp;
  expected: string;
  /** The longest value that can be used, and why. */
  maxLength: number;
  why: string;
}

/**
 * The longest file name most file systems take (NAME_MAX: 255 bytes on ext4, APFS, NTFS). An
 * identifier that becomes part of an output file's name must leave room for the rest of it.
 */
const NAME_MAX = 255;

/**
 * Every length limit on an identifier, in one place: the rules below use them, and
 * test/pipeline/validate/identifier-limits.test.ts checks the schemas' maxLength agree.
 */
export const IDENTIFIER_LIMITS = {
  /** Apple documents no length for CFBundleIdentifier; ours is `remove-<bundle ID>.plist` fitting NAME_MAX. */
  bundleId: NAME_MAX - 'remove-'.length - '.plist'.length,
  /**
   * Android refuses longer package names: "Limits size to 223 and reserves 32 for the OS"
   * (AOSP frameworks/base core/java/android/content/pm/parsing/FrameworkParsingPackageUtils.java,
   * MAX_FILE_NAME_SIZE).
   */
  packageName: 223,
  /** Catalog ids (apps, publishers, fleets) name output folders and files: schemas/catalog.schema.json. */
  catalogId: 100,
  /** The policy id, the base of every PayloadIdentifier: schemas/blocklist.schema.json. */
  policyId: 200,
  /** An AMAPI policy's resource name (enterprises/E/policies/P): schemas/blocklist.schema.json. */
  policyName: 200,
} as const;

/**
 * Apple: "alphanumeric characters (A–Z, a–z, 0–9), hyphens (-), and periods (.)" — CFBundleIdentifier.
 * Reverse-DNS is what Apple asks for, not what it enforces: a few early App Store apps have a
 * single part (China Telecom's CtClient, in Apple's own store feed), so one part is accepted.
 */
export const bundleIdRule: IdentifierRule = {
  code: 'MALFORMED_BUNDLE_ID',
  pattern: /^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*$/,
  expected: 'letters, digits and hyphens in dot-separated parts, none empty (com.example.app)',
  maxLength: IDENTIFIER_LIMITS.bundleId,
  why: 'it names the RemoveApplication command file, which must fit a file name',
};

/** Android applicationId: dot-separated segments, each starting with a letter. */
export const packageNameRule: IdentifierRule = {
  code: 'MALFORMED_PACKAGE_NAME',
  pattern: /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)+$/,
  expected: 'two or more dot-separated parts, each a letter then letters, digits or _ (com.example.app)',
  maxLength: IDENTIFIER_LIMITS.packageName,
  why: 'Android refuses longer package names',
};

export const teamIdRule: IdentifierRule = {
  code: 'MALFORMED_TEAM_ID',
  pattern: /^[A-Z0-9]{10}$/,
  expected: '10 upper-case letters and digits (EQHXZ8M8AV)',
  maxLength: 10,
  why: 'Team IDs are 10 characters',
};

/**
 * A host name as DNS writes it (RFC 1123 labels of letters, digits and inner hyphens, at most 63
 * each and 253 in all), lower case, two labels or more, no scheme, port or path: what Chrome's
 * URLBlocklist and Apple's DenyListURLs are written from. An internationalised name goes in its
 * xn-- form (non-ASCII is refused before the pattern).
 */
export const domainRule: IdentifierRule = {
  code: 'MALFORMED_DOMAIN',
  pattern: /^(?=[^.]{1,63}(\.|$))[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/,
  expected: 'a lower-case host name of two or more dot-separated labels, without scheme, port or path (pan.baidu.com)',
  maxLength: 253,
  why: 'a DNS name has at most 253 characters',
};

export type IdentifierProblem = { code: DiagnosticCode; message: string };

/** Checks one identifier; non-ASCII comes first because a look-alike letter is the likelier story. */
export function checkIdentifier(value: string, rule: IdentifierRule, label: string): IdentifierProblem | undefined {
  // eslint-disable-next-line no-control-regex
  const nonAscii = /[^\x21-\x7e]/u.exec(value);
  if (nonAscii) {
    const ch = nonAscii[0];
    const cp = ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    return {
      code: /\s/.test(ch) ? rule.code : 'NON_ASCII_IDENTIFIER',
      message: /\s/.test(ch)
        ? `${label} "${value}" contains white space`
        : `${label} "${value}" contains the non-ASCII character U+${cp} at position ${nonAscii.index + 1} (a look-alike letter?)`,
    };
  }
  if (value.length > rule.maxLength) {
    return { code: rule.code, message: `${label} "${value}" is ${value.length} characters long; at most ${rule.maxLength} can be used (${rule.why})` };
  }
  if (!rule.pattern.test(value)) {
    return { code: rule.code, message: `${label} "${value}" is malformed: expected ${rule.expected}` };
  }
  return undefined;
}
