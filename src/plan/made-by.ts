/*
 * Whether a device was made by a catalogued manufacturer, from the strings Android reports
 * (Build.MANUFACTURER and Build.BRAND, which AMAPI carries as Device.hardwareInfo.manufacturer and
 * .brand). Shared by the audit and anything else that reads device inventories.
 */

/** Whether a device's reported strings name the manufacturer (AMAPI hardwareInfo; case ignored). */
export function madeBy(m: { android: { manufacturer: readonly string[]; brand: readonly string[] } }, device: { manufacturer?: string; brand?: string }): boolean {
  const eq = (a: string | undefined, list: readonly string[]) => {
    const reported = a?.trim().toLowerCase();
    return reported !== undefined && list.some((s) => s.toLowerCase() === reported);
  };
  return eq(device.manufacturer, m.android.manufacturer) || eq(device.brand, m.android.brand);
}

/** The reported strings as the compiler, the report and explain name them: `manufacturer "HUAWEI", brand "HUAWEI"`. */
export function reportedAs(strings: { manufacturer: readonly string[]; brand: readonly string[] }): string {
  return [...strings.manufacturer.map((s) => `manufacturer "${s}"`), ...strings.brand.map((s) => `brand "${s}"`)].join(', ');
}
