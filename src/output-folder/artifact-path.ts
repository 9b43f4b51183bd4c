/**
 * An artifact path as manifests record it: relative, forward-slashed, inside the folder. A
 * manifest read from disk may come from anyone, so readers check its paths with this too.
 */
export function isPlainRelativePath(path: string): boolean {
  const parts = path.split('/');
  return !parts.some((p) => p === '' || p === '.' || p === '..' || p.includes('\\') || p.includes('\0')) && !/^[A-Za-z]:/.test(path);
}
