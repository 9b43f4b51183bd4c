import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { builtinPoliciesDir, compile, lintWorkspace, openCatalog } from '../../src/index.js';
import { TODAY } from '../helpers/compile.js';

/** The ```yaml blocks of a Markdown file, in order. */
function yamlBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```yaml\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
}

const work = mkdtempSync(join(tmpdir(), 'mdm-blocklist-add-publisher-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('adding a publisher and two apps by editing YAML alone (policies/README.md, docs/catalog.md)', () => {
  it('follows the worked example: the new entries lint clean, compile, and are blocked', async () => {
    const blocks = yamlBlocks(readFileSync(join(builtinPoliciesDir, 'README.md'), 'utf8'));
    const catalogFile = blocks.find((b) => b.startsWith('# catalog/example-corp.yaml'));
    const indexStep = blocks.find((b) => b.startsWith('# catalog/index.yaml'));
    const rules = blocks.find((b) => b.startsWith('block:') && b.includes('example-corp'));
    expect(catalogFile && indexStep && rules, 'the README still shows the three steps').toBeTruthy();
    expect(indexStep).toContain('- example-corp.yaml');

    // A copy of the shipped folder, edited as the README says: a new file, one line in the index.
    cpSync(builtinPoliciesDir, work, { recursive: true });
    writeFileSync(join(work, 'catalog/example-corp.yaml'), catalogFile!);
    const index = join(work, 'catalog/index.yaml');
    writeFileSync(index, readFileSync(index, 'utf8').trimEnd() + '\n  - example-corp.yaml\n');
    const policy = join(work, 'my-policy.yaml');
    writeFileSync(policy, `version: 1\nid: com.example.mine\nname: Mine\ninclude: [catalog/index.yaml]\n${rules}`);

    const lint = lintWorkspace(await openCatalog([work], { displayBase: work }));
    expect(lint.filter((d) => d.severity === 'error')).toEqual([]);

    const r = await compile(policy, { today: TODAY, displayBase: work });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const fleet = r.plan!.fleets[0]!;
    const why = (list: NonNullable<typeof fleet.android>['blocked']) => list.map((b) => [b.identifier, b.because.map((p) => `${p.rule}:${p.ruleId}`)]);
    expect(why(fleet.ios!.blocked)).toEqual([['com.example.chat', ['publisher:example-corp']]]);
    expect(why(fleet.android!.blocked)).toEqual([
      ['com.example.chat.android', ['publisher:example-corp']],
      ['com.example.scan', ['app:example-scan', 'publisher:example-corp']],
    ]);
    expect(r.artifacts.some((a) => new TextDecoder().decode(a.bytes).includes('com.example.scan'))).toBe(true);
  });

  it('compiles the own-policy and catalog-format examples of docs/catalog.md as written', async () => {
    const blocks = yamlBlocks(readFileSync(join(builtinPoliciesDir, '../docs/catalog.md'), 'utf8'));
    const policy = blocks.find((b) => b.startsWith('# my-policy.yaml'));
    const vendors = blocks.find((b) => b.startsWith('# catalog/vendors.yaml'));
    expect(policy && vendors, 'docs/catalog.md still shows both examples').toBeTruthy();
    const dir = join(work, 'own');
    mkdirSync(join(dir, 'catalog'), { recursive: true });
    writeFileSync(join(dir, 'my-policy.yaml'), policy!);
    writeFileSync(join(dir, 'catalog/vendors.yaml'), vendors!);
    writeFileSync(join(dir, 'catalog/more-vendors.yaml'), 'version: 1\n');

    const lint = lintWorkspace(await openCatalog([dir], { displayBase: dir }));
    expect(lint.filter((d) => d.severity === 'error')).toEqual([]);
    const r = await compile(join(dir, 'my-policy.yaml'), { today: TODAY, displayBase: dir });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const blocked = r.plan!.fleets[0]!.android!.blocked.map((b) => b.identifier);
    expect(blocked).toContain('com.example.chat.android');
    expect(blocked).toContain('com.zhiliaoapp.musically');
  });
});
