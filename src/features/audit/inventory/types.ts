import type { SourcePosition } from '../../../common/diagnostics/diagnostic.js';
import type { DiagnosticCode } from '../../../common/diagnostics/codes.js';

/** The inventory formats audit reads, told apart by content (detect.ts), never by file name. */
export type InventoryFormat = 'amapi' | 'apple-mdm' | 'osquery';

/** Where a device or an app came from: the file always, a line and column when the text has them. */
export type InventoryLocation = Pick<SourcePosition, 'file'> & Partial<SourcePosition> & { path?: string };

/** One installed app as an inventory reports it. Only apps that might be flagged are kept. */
export interface InstalledApp {
  /** Bundle ID (Apple) or package name (Android). */
  identifier: string;
  name?: string;
  version?: string;
}

/** One device of an inventory, with the installed apps that the policy might flag. */
export interface InventoryDevice {
  /** AMAPI device `name`, Apple `UDID` or `EnrollmentID`, osquery `hostIdentifier`. */
  id: string;
  format: InventoryFormat;
  /** Android from AMAPI, macOS from osquery; an MDM response does not say which Apple OS sent it. */
  platform: 'android' | 'macos' | 'apple';
  at: InventoryLocation;
  /** AMAPI `policyName`, matched against each fleet's android.policyName. */
  policyName?: string;
  /** AMAPI `ownership` and `managementMode`, as the device reports them. */
  ownership?: string;
  managementMode?: string;
  /** AMAPI `hardwareInfo.brand` and `.manufacturer` (HardwareInfo in the discovery document), when reported. */
  hardwareInfo?: { brand?: string; manufacturer?: string };
  /** Apple: the response named the enrollment by `EnrollmentID` (a User Enrollment), not `UDID`. */
  userEnrollment?: boolean;
  /** Every installed app the inventory lists for the device (flagged or not). */
  appCount: number;
  /** The installed apps whose identifier the policy's catalog knows (the rest cannot be flagged). */
  apps: InstalledApp[];
}

/** What a reader hands back while it reads: devices, problems, and the filter for apps worth keeping. */
export interface ReadContext {
  /** True when the catalog knows this identifier on some platform; other apps are only counted. */
  known(identifier: string): boolean;
  device(device: InventoryDevice): void;
  problem(code: DiagnosticCode, message: string, at: InventoryLocation): void;
}
