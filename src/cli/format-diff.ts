import type { AppChange, OutputDiff } from '../features/diff/diff.js';
import { PLATFORM_LABELS } from '../plan/labels.js';
import { paint, plural } from './print.js';

/**
 * The plan as a reviewer reads it in a pull request: per fleet and platform, apps newly blocked
 * (+) and no longer blocked (-) with why; then files added, changed, removed.
 */
export function formatDiff(diff: OutputDiff, color: boolean): string {
  const lines: string[] = [];
  const green = (s: string) => paint(color, '32', s);
  const red = (s: string) => paint(color, '31', s);
  const yellow = (s: string) => paint(color, '33', s);
  const bold = (s: string) => paint(color, '1', s);

  if (diff.state === 'missing') lines.push(`${diff.out}/ does not exist yet: compile would create it.`, '');
  if (diff.state === 'folder' && !diff.comparedApps) {
    lines.push(`${diff.out}/ has no plan.json from an earlier compile, so which apps change cannot be told; only files are compared.`, '');
  }

  let fleet: string | undefined;
  for (const p of diff.platforms) {
    if (p.fleet !== fleet) {
      fleet = p.fleet;
      const all = diff.platforms.filter((x) => x.fleet === fleet);
      const note = all.every((x) => x.status === 'added') ? ' (new fleet)' : all.every((x) => x.status === 'removed') ? ' (fleet removed)' : '';
      lines.push(bold(`Fleet ${fleet}${note}`));
    }
    const label = PLATFORM_LABELS[p.platform];
    const counts =
      p.status === 'removed'
        ? `platform removed: ${plural(p.unblocked.length, 'app')} no longer blocked by this output`
        : p.status === 'unchanged'
          ? `no change (${p.total} blocked)`
          : `${p.blocked.length} newly blocked, ${p.unblocked.length} no longer blocked (${p.total} blocked)${p.status === 'added' ? ', new platform' : ''}`;
    lines.push(`  ${label}: ${counts}`);
    for (const c of p.blocked) lines.push(`    ${green('+')} ${change(c)}`);
    for (const c of p.unblocked) lines.push(`    ${red('-')} ${change(c)}`);
  }
  if (diff.platforms.length) lines.push('');

  const count = (c: string) => diff.files.filter((f) => f.change === c).length;
  if (diff.files.length === 0) {
    lines.push(`Files: no change (${plural(diff.unchangedFiles, 'file')} up to date)`);
  } else {
    lines.push(bold(`Files: ${count('added')} added, ${count('changed')} changed, ${count('removed')} removed, ${diff.unchangedFiles} unchanged`));
    for (const f of diff.files) {
      if (f.change === 'added') lines.push(`  ${green('+')} ${f.path}`);
      else if (f.change === 'removed') lines.push(`  ${red('-')} ${f.path}`);
      else if (f.change === 'changed') lines.push(`  ${yellow('~')} ${f.path}${f.editedByHand ? ' (edited by hand since the last compile)' : ''}`);
      else lines.push(`  ${red('!')} ${f.path}: in the folder but not written by mdm-blocklist; compile will refuse to overwrite it`);
    }
  }
  return lines.join('\n') + '\n';
}

function change(c: AppChange): string {
  return `${c.name} (${c.identifier})${c.why ? `: ${c.why}` : ''}`;
}
