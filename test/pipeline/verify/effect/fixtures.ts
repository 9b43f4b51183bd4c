/** A small Tencent-like catalog for the effect tests: one publisher with two Team IDs and three apps. */
export const CATALOG = `
publishers:
  - id: tencent
    name: Tencent
    apple: { teamIds: [TENCENT001, TENCENT002] }
  - id: acme
    name: Acme
    apple: { teamIds: [ACMETEAM01] }
apps:
  - id: wechat
    name: WeChat
    publisher: tencent
    ios: { bundleId: com.tencent.xin }
    macos: { bundleId: com.tencent.xinWeChat, teamId: TENCENT001 }
  - id: qq
    name: QQ
    publisher: tencent
    ios: { bundleId: com.tencent.mqq }
    macos: { bundleId: com.tencent.qq, teamId: TENCENT001 }
  - id: tencent-video
    name: Tencent Video
    publisher: tencent
    ios: { bundleId: com.tencent.live4iphone }
    macos: { bundleId: com.tencent.tenvideo, teamId: TENCENT002 }
  - id: acme-notes
    name: Acme Notes
    publisher: acme
    ios: { bundleId: com.acme.notes }
    macos: { bundleId: com.acme.notes.mac }
`;

export function policy(body: string): string {
  return `version: 1\nid: org.example.effect\nname: Effect test\n${CATALOG}\n${body}`;
}
