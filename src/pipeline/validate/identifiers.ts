import type { DiagnosticCode } from '../../common/diagnostics/codes.js';

/** What each identifier must look like, and the code its violation carries. */
export interface IdentifierRule {
  code: DiagnosticCode;
  pattern: RegExp;
  expected: string;
}

/** Apple: "alphanumeric characters (A–Z, a–z, 0–9), hyphens (-), and periods (.)" — CFBundleIdentifier. */
export const bundleIdRule: IdentifierRule = {
  code: 'MALFORMED_BUNDLE_ID',
  pattern: /^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/,
  expected: 'letters, digits and hyphens in two or more dot-separated parts (com.example.app)',
};

/** Android applicationId: dot-separated segments, each starting with a letter. */
export const packageNameRule: IdentifierRule = {
  code: 'MALFORMED_PACKAGE_NAME',
  pattern: /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)+$/,
  expected: 'two or more dot-separated parts, each a letter then letters, digits or _ (com.example.app)',
};

export const teamIdRule: IdentifierRule = {
  code: 'MALFORMED_TEAM_ID',
  pattern: /^[A-Z0-9]{10}$/,
  expected: '10 upper-case letters and digits (EQHXZ8M8AV)',
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
  if (!rule.pattern.test(value)) {
    return { code: rule.code, message: `${label} "${value}" is malformed: expected ${rule.expected}` };
  }
  return undefined;
}
