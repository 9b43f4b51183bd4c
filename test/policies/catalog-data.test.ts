import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { appIdentifiers, builtinPoliciesDir, openCatalog, publisherIdentifiers, type Catalog } from '../../src/index.js';

/**
 * Identifiers the catalog research rejected: look-alike clone packages that 2020 hobbyist lists
 * used, wrong mappings, a different app's package, and Team IDs that are not the publisher's.
 * Source: ../shared/catalog/notes.md §4 and §5. None may be a catalog identifier: blocking one
 * would block a stranger's app and miss the real one.
 */
const REJECTED = [
  // §5, resolved conflicts: the alternatives not chosen.
  'com.cm.browser.downloader.adblock',
  'com.digitalnode.cmbrowser',
  'com.elex.cok.gp',
  'in.helloapp',
  'com.clubfactory.app',
  'com.nebula.vigo',
  'com.vmate',
  'com.lemon.lvoverseas.lite',
  'com.tencent.qqlive',
  'com.playhdvideo.myvideoq',
  'cm.aptoide.pt',
  'com.yubitu.android.YubiCollage',
  // §5, DU and ES clones: "Do not block those unless intended."
  'com.limsky.ramcleaner',
  'com.DUsavebattery.faster.charge',
  'com.DU.Cleaner.antivirus.cleanbooster',
  'com.DUrecorder.screenrecorder.videorecorde',
  'mobi.charmer.myscreenrecorder',
  'com.File.Manager.Filemanager',
  // §5, unresolved India items: candidates seen only in low-quality lists, and clones among them.
  'com.tencent.mtt.intl',
  'com.jpro.wesync',
  'com.tencent.wesync',
  'com.etekcity.vesyncplatform',
  'com.wMivideocallandchat_9258593',
  'com.limsky.speedbooster',
  'com.HIsecurity.antivirus.litepro',
  // §4: TrollStore's hard-coded Team ID, and WeChat's app-ID prefixes, which are not Team IDs.
  'T8ALTGMVXN',
  '532LCLCWL8',
  '8H3NQF6GGQ',
];

/**
 * Values rejected as one kind of identifier only. §5 rejects com.tencent.qqmail as QQ Mail's
 * Android package (it is the Java namespace inside the APK) and com.baidu.translate as Baidu
 * Translate's; as iOS bundle IDs they are what the App Store lookup table gives
 * (WengYuehTing/iOS-app-info), so only the Android package is checked.
 */
const REJECTED_AS_ANDROID_PACKAGE = ['com.tencent.qqmail', 'com.baidu.translate'];

const notesPath = resolve(builtinPoliciesDir, '../../shared/catalog/notes.md');

function everyIdentifier(catalog: Catalog): Map<string, string> {
  const out = new Map<string, string>();
  for (const app of catalog.apps.values()) for (const { label, identifier } of appIdentifiers(app)) out.set(identifier.value, `${label} of ${app.id}`);
  for (const p of catalog.publishers.values()) for (const { label, identifier } of publisherIdentifiers(p)) out.set(identifier.value, `${label} of ${p.id}`);
  return out;
}

let catalog: Catalog;
beforeAll(async () => {
  catalog = (await openCatalog([builtinPoliciesDir])).catalog;
});

describe('catalog data', () => {
  it('holds none of the identifiers the research rejected (clones, wrong mappings, non-Team IDs)', () => {
    const ids = everyIdentifier(catalog);
    expect(REJECTED.filter((value) => ids.has(value)).map((value) => `${value}: ${ids.get(value)}`)).toEqual([]);
    const packages = new Set([...catalog.apps.values()].map((a) => a.android.package?.value));
    expect(REJECTED_AS_ANDROID_PACKAGE.filter((value) => packages.has(value))).toEqual([]);
  });

  // The research notes are beside the clone in CI, not in a clone of the project alone: the check
  // runs where they are (and under CI=true their absence fails).
  if (existsSync(notesPath) || process.env['CI'] === 'true') {
    it('rejects only values that notes.md names (../shared/catalog/notes.md)', () => {
      const notes = readFileSync(notesPath, 'utf8');
      expect([...REJECTED, ...REJECTED_AS_ANDROID_PACKAGE].filter((value) => !notes.includes(value))).toEqual([]);
    });
  }

  it('models WeChat Pay and QQ Wallet as features of their host apps, not as apps with copied identifiers', () => {
    // The research repeats the host's identifiers on these rows (notes.md §1); lint refuses identifiers on a feature.
    const features = [...catalog.apps.values()].filter((a) => a.featureOf !== undefined);
    expect(features.map((f) => [f.id, f.featureOf])).toEqual([
      ['wechat-pay', 'wechat'],
      ['qq-wallet', 'qq'],
    ]);
  });
});
