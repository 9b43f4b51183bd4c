import type { Artifact } from '../artifact.js';
import { plistBytes } from '../encode.js';
import { commandUuid, type CommandIdentity } from '../ids.js';
import { sortedKeys, type PlistDict } from './configuration-profile.js';

export interface CommandSpec extends Omit<CommandIdentity, 'requestType'> {
  platform: 'ios' | 'macos';
  requestType: 'InstallProfile' | 'RemoveApplication';
  /** The request keys besides RequestType (mdm/commands/<command>.yaml payloadkeys). */
  request: PlistDict;
  path: string;
}

/**
 * An MDM command plist as NanoMDM and MicroMDM enqueue it: {Command: {RequestType, …}, CommandUUID}
 * (Apple's examples/mdm/commands/application.remove/example1.plist has the same shape).
 */
export function mdmCommand(spec: CommandSpec): Artifact {
  const command: PlistDict = {
    Command: sortedKeys({ ...spec.request, RequestType: spec.requestType }),
    CommandUUID: commandUuid(spec),
  };
  return { path: spec.path, bytes: plistBytes(command as never), kind: 'apple-command', fleet: spec.fleet, platform: spec.platform, data: command };
}
