import { compile, type CompileOptions, type CompileResult } from '../../src/index.js';
import { TODAY } from '../helpers/compile.js';
import { memoryHost } from '../helpers/memory-host.js';

/** Blocks TikTok and WeChat; `fleets` is the YAML under `fleets:` (indented two spaces). */
export function androidPolicy(fleets: string, extra = ''): string {
  return `version: 1
id: com.example.android
name: Android test
block:
  apps:
    - { id: tiktok, name: TikTok, android: { package: com.zhiliaoapp.musically } }
    - { id: wechat, name: WeChat, android: { package: com.tencent.mm } }
${extra}fleets:
${fleets}`;
}

export const TIKTOK = 'com.zhiliaoapp.musically';
export const WECHAT = 'com.tencent.mm';

/** Compiles in-memory files (the first is the policy) with library options. */
export async function compileWith(files: Record<string, string>, options: CompileOptions = {}): Promise<CompileResult> {
  const { host, root } = memoryHost(files);
  return compile(`${root}/${Object.keys(files)[0]!}`, { host, today: TODAY, displayBase: root, ...options });
}

/** The artifact at `path` as parsed JSON. */
export function artifact(result: CompileResult, path: string): Record<string, unknown> | undefined {
  return result.artifacts.find((a) => a.path === path)?.data as Record<string, unknown> | undefined;
}
