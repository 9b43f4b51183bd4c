import { describe, expect, it } from 'vitest';
import { defaultPolicyPath } from '../../../src/common/paths.js';
import { compile } from '../../../src/index.js';
import { TODAY } from '../../helpers/compile.js';

/** The default report says what BLOCKED does to Huawei's pre-installed apps, and that its devices have no artifact (issue #20). */
describe("the default policy's report on pre-installed apps and device makers", () => {
  it('names the blocked system apps, what BLOCKED does to them, with the sources, and Huawei as a device maker', async () => {
    const result = await compile(defaultPolicyPath, { today: TODAY });
    const md = new TextDecoder().decode(result.artifacts.find((a) => a.path === 'report.md')!.bytes);
    const section = md.slice(md.indexOf('**Pre-installed apps**'), md.indexOf('<a id="fleet-default">'));
    expect(section).toContain('Fleet default (fully managed), 4 blocked: HMS Core, Huawei AppGallery, Huawei Browser, Petal Maps.');
    expect(section).toMatch(/BLOCKED: Play cannot install or update it; the factory copy stays/);
    expect(section).toContain('(<https://developers.google.com/android/management/reference/rest/v1/enterprises.policies#installtype>)');
    expect(section).toMatch(/\*\*Device makers\*\*: no file blocks a device by its maker/);
    expect(section).toContain('Huawei (huawei), devices that report manufacturer "HUAWEI", brand "HUAWEI"');
  });
});
