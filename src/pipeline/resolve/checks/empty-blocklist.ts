import type { DiagnosticBag } from '../../../common/diagnostics/diagnostic.js';
import type { PolicyDoc } from '../../../plan/document.js';
import type { Rules } from '../../../plan/types.js';
import type { LoadedFile } from '../../load/load.js';
import type { SourceFile } from '../../load/source-file.js';

/**
 * EMPTY_BLOCKLIST: a policy that blocks nothing. An empty block list would unblock every device,
 * so it is refused, unless rules were written but did not resolve (their own errors say why).
 */
export function checkEmptyBlocklist(files: readonly LoadedFile[], rules: Rules, root: SourceFile, bag: DiagnosticBag): void {
  if (rules.block.length > 0 || hasBlockRules(files)) return;
  bag.add('EMPTY_BLOCKLIST', 'the policy blocks nothing: add block.apps or block.publishers (an empty blocklist would unblock every device)', root.positionOf([]));
}

function hasBlockRules(files: readonly LoadedFile[]): boolean {
  return files.some(({ source }) => {
    const block = (source.data as PolicyDoc).block;
    return (block?.apps?.length ?? 0) + (block?.publishers?.length ?? 0) > 0;
  });
}
