/**
 * For tests that need something outside the project: a browser, openssl, curl, a terminal
 * emulator. Use as `describe.skipIf(missing('Chromium', haveChromium))`. Under CI=true a missing
 * prerequisite fails the test file (CI installs them all: .ci/run); elsewhere the test is
 * skipped, and vitest says so.
 */
export function missing(what: string, present: boolean): boolean {
  if (present) return false;
  if (process.env['CI'] === 'true') throw new Error(`${what} is missing: under CI=true every prerequisite must be present (.ci/run installs them)`);
  return true;
}
