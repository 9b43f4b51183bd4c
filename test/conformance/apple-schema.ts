// Public Apple checkers: whole .mobileconfig profiles, MDM command plists and DDM declarations,
// each checked against the facts of Apple's YAML schemas (facts/apple.json; apple.md §4–§7).
import { parse as parsePlist } from 'plist';
import { loadAppleSchemas, type AppleSchemaFile, type AppleSchemas, type SchemaKey, type SchemaVariants } from './apple-load.js';
import { osFindings, ownEntry, type AppleOS, type OsEntry } from './apple-os.js';
import { appleProseRules } from './apple-prose-rules.js';
import { checkDict, type Place, type WalkContext } from './apple-walk.js';
import { isPlainObject, joinIndex, joinKey, type Problem } from './problem.js';

export { loadAppleSchemas } from './apple-load.js';
export type { AppleSchemaFile, AppleSchemas, SchemaKey, SchemaVariants } from './apple-load.js';
export type { AppleOS } from './apple-os.js';
export type { Problem, ProblemCode } from './problem.js';

/** Checks a third-party payload (e.g. com.northpolesec.santa) the Apple schemas don't cover. */
export type ThirdPartyChecker = (payload: Record<string, unknown>, path: string) => Problem[];

export interface AppleCheckOptions {
  /** Default 'iOS'. */
  os?: AppleOS;
  /** e.g. '17.0'. Omitted = newest: every deprecation and removal applies, no `introduced` limit. */
  osVersion?: string;
  /** false reports keys and payloads that need supervision; omitted = not checked. */
  supervised?: boolean;
  /** Key names, dotted schema paths ("Allowed.DeniedApps") or type names allowed to be deprecated. */
  allowDeprecated?: Iterable<string>;
  /** Default: the committed facts, loaded once. */
  schemas?: AppleSchemas;
  /** 'newest' (default) prefers newer-from-index files; 'snapshot' the 18.1 set where it has the type. */
  schemaSet?: 'newest' | 'snapshot';
  /** PayloadType → checker, for payload types Apple's schemas don't define. */
  thirdParty?: Record<string, ThirdPartyChecker>;
}

let defaultSchemas: AppleSchemas | undefined;
function schemasFor(opts: AppleCheckOptions): AppleSchemas {
  return opts.schemas ?? (defaultSchemas ??= loadAppleSchemas());
}

function context(opts: AppleCheckOptions, encoding: 'plist' | 'json'): WalkContext {
  return {
    os: opts.os ?? 'iOS',
    ...(opts.osVersion !== undefined ? { osVersion: opts.osVersion } : {}),
    ...(opts.supervised !== undefined ? { supervised: opts.supervised } : {}),
    allowDeprecated: new Set(opts.allowDeprecated ?? []),
    encoding,
    problems: [],
  };
}

function pick(v: SchemaVariants, opts: AppleCheckOptions): AppleSchemaFile {
  // A type that only exists in the newer files has no snapshot opinion to prefer.
  return opts.schemaSet === 'snapshot' ? (v.snapshot ?? v.newest) : v.newest;
}

function required(map: Map<string, SchemaVariants>, type: string, opts: AppleCheckOptions): AppleSchemaFile {
  const v = map.get(type);
  if (!v) throw new Error(`conformance schema for "${type}" not found`);
  return pick(v, opts);
}

/** OS facts of a whole type (payload/command/declaration), reported at the key naming the type. */
function typeLevel(ctx: WalkContext, file: AppleSchemaFile, typePath: string, docPath: string): Place {
  const os: OsEntry | undefined = file.payload['supportedOS'] === undefined ? {} : ownEntry(file.payload['supportedOS'], ctx.os);
  const f = osFindings(undefined, os, true, ctx);
  if (f.unsupported) ctx.problems.push({ path: typePath, ...f.unsupported, message: `${file.type} is ${f.unsupported.message}` });
  if (f.supervision) ctx.problems.push({ path: typePath, ...f.supervision, message: `${file.type} ${f.supervision.message}` });
  if (f.deprecated && !ctx.allowDeprecated.has(file.type)) {
    ctx.problems.push({ path: typePath, code: 'deprecated-type', message: `${file.type} is ${f.deprecated}` });
  }
  return { path: docPath, schemaPath: '', os, supported: !f.unsupported, depth: 0 };
}

/** Walks a payload/Payload against its type's file plus that type's prose rules. */
function checkTyped(ctx: WalkContext, value: Record<string, unknown>, file: AppleSchemaFile, at: Place, skip?: ReadonlySet<string>): void {
  const rule = appleProseRules[file.type];
  ctx.requiredUnless = rule?.requiredUnless;
  checkDict(ctx, value, file.payloadkeys, at, skip);
  ctx.requiredUnless = undefined;
  rule?.check?.(value, at.path, ctx.problems);
}

const root = (path = ''): Place => ({ path, schemaPath: '', os: {}, supported: true, depth: 0 });

/** A whole .mobileconfig: TopLevel, then each PayloadContent item (CommonPayloadKeys + its type). */
export function checkProfile(profile: unknown, opts: AppleCheckOptions = {}): Problem[] {
  const schemas = schemasFor(opts);
  const ctx = context(opts, 'plist');
  if (!isPlainObject(profile)) return [{ path: '', code: 'wrong-type', message: 'a profile must be a dictionary' }];

  const top = required(schemas.profiles, 'TopLevel', opts);
  const common = required(schemas.profiles, 'CommonPayloadKeys', opts);
  checkDict(ctx, profile, top.payloadkeys, typeLevel(ctx, top, 'PayloadType', ''));
  if (profile['IsEncrypted'] === true) {
    // TopLevel: "If 'IsEncrypted' is 'true', this array isn't needed."
    ctx.problems = ctx.problems.filter((p) => !(p.path === 'PayloadContent' && p.code === 'missing-required'));
  }

  const uuids = new Map<string, string>();
  const identifiers = new Map<string, string>();
  const typeCounts = new Map<string, number>();
  const unique = (seen: Map<string, string>, value: unknown, path: string, code: 'duplicate-uuid' | 'duplicate-identifier', fold: boolean): void => {
    if (typeof value !== 'string') return;
    const k = fold ? value.toUpperCase() : value; // UUIDs are case-insensitive hex
    const first = seen.get(k);
    if (first !== undefined) ctx.problems.push({ path, code, message: `"${value}" is also used at ${first}` });
    else seen.set(k, path);
  };
  unique(uuids, profile['PayloadUUID'], 'PayloadUUID', 'duplicate-uuid', true);
  unique(identifiers, profile['PayloadIdentifier'], 'PayloadIdentifier', 'duplicate-identifier', false);

  const content = Array.isArray(profile['PayloadContent']) ? profile['PayloadContent'] : [];
  content.forEach((item, i) => {
    const path = joinIndex('PayloadContent', i);
    if (!isPlainObject(item)) return; // TopLevel's walk already reported the type
    unique(uuids, item['PayloadUUID'], joinKey(path, 'PayloadUUID'), 'duplicate-uuid', true);
    unique(identifiers, item['PayloadIdentifier'], joinKey(path, 'PayloadIdentifier'), 'duplicate-identifier', false);

    const commonNames = new Set(common.payloadkeys.map((k) => k.key));
    const others = new Set(Object.keys(item).filter((k) => !commonNames.has(k)));
    checkDict(ctx, item, common.payloadkeys, root(path), others);

    const type = item['PayloadType'];
    if (typeof type !== 'string') return;
    const typePath = joinKey(path, 'PayloadType');
    const variants = schemas.profiles.get(type);
    // TopLevel/CommonPayloadKeys are schema files, not payload types a profile may contain.
    if (!variants || type === 'TopLevel' || type === 'CommonPayloadKeys') {
      const third = opts.thirdParty?.[type];
      if (third) ctx.problems.push(...third(item, path));
      else ctx.problems.push({ path: typePath, code: 'unknown-payload-type', message: `no schema for PayloadType "${type}"` });
      return;
    }
    const file = pick(variants, opts);
    const count = (typeCounts.get(type) ?? 0) + 1;
    typeCounts.set(type, count);
    if (count > 1 && ownEntry(file.payload['supportedOS'], ctx.os)?.['multiple'] === false) {
      ctx.problems.push({ path: typePath, code: 'multiple-not-allowed', message: `only one ${type} payload is allowed on ${ctx.os}` });
    }
    checkTyped(ctx, item, file, typeLevel(ctx, file, typePath, path), commonNames);
  });
  return ctx.problems;
}

// The envelope NanoMDM/MicroMDM enqueue: {CommandUUID, Command: {RequestType, …}} (apple.md §5).
const COMMAND_ENVELOPE: SchemaKey[] = [
  { key: 'CommandUUID', type: '<string>', presence: 'required' },
  { key: 'Command', type: '<dictionary>', presence: 'required' },
];

/** An MDM command plist; the request keys come from the RequestType's `payloadkeys`. */
export function checkCommand(command: unknown, opts: AppleCheckOptions = {}): Problem[] {
  const schemas = schemasFor(opts);
  const ctx = context(opts, 'plist');
  if (!isPlainObject(command)) return [{ path: '', code: 'wrong-type', message: 'a command must be a dictionary' }];
  checkDict(ctx, command, COMMAND_ENVELOPE, root());
  const body = command['Command'];
  if (!isPlainObject(body)) return ctx.problems;

  const type = body['RequestType'];
  if (typeof type !== 'string') {
    ctx.problems.push({
      path: 'Command.RequestType',
      code: type === undefined ? 'missing-required' : 'wrong-type',
      message: 'Command.RequestType must be a string',
    });
    return ctx.problems;
  }
  const variants = schemas.commands.get(type);
  if (!variants) {
    ctx.problems.push({ path: 'Command.RequestType', code: 'unknown-request-type', message: `no schema for RequestType "${type}"` });
    return ctx.problems;
  }
  const file = pick(variants, opts);
  checkDict(ctx, body, file.payloadkeys, typeLevel(ctx, file, 'Command.RequestType', 'Command'), new Set(['RequestType']));
  return ctx.problems;
}

const MAX_OCTETS = 64; // declarationbase.yaml: Identifier and ServerToken "should not exceed 64 octets"

/** A DDM declaration (parsed JSON): declarationbase.yaml, then Payload against the Type's file. */
export function checkDeclaration(declaration: unknown, opts: AppleCheckOptions = {}): Problem[] {
  const schemas = schemasFor(opts);
  const ctx = context(opts, 'json');
  if (!isPlainObject(declaration)) return [{ path: '', code: 'wrong-type', message: 'a declaration must be an object' }];
  const base = required(schemas.declarations, 'any', opts); // declarationbase.yaml's declarationtype is "any"
  checkDict(ctx, declaration, base.payloadkeys, root());

  for (const field of ['Identifier', 'ServerToken']) {
    const v = declaration[field];
    if (typeof v === 'string' && Buffer.byteLength(v, 'utf8') > MAX_OCTETS) {
      ctx.problems.push({ path: field, code: 'too-long', message: `${Buffer.byteLength(v, 'utf8')} octets, at most ${MAX_OCTETS}` });
    }
  }

  const type = declaration['Type'];
  const payload = declaration['Payload'];
  if (typeof type !== 'string') return ctx.problems;
  const variants = type === 'any' ? undefined : schemas.declarations.get(type);
  if (!variants) {
    ctx.problems.push({ path: 'Type', code: 'unknown-declaration-type', message: `no schema for declaration Type "${type}"` });
    return ctx.problems;
  }
  const file = pick(variants, opts);
  const place = typeLevel(ctx, file, 'Type', 'Payload');
  if (isPlainObject(payload)) checkTyped(ctx, payload, file, place);
  return ctx.problems;
}

/** Parses an XML plist (e.g. a .mobileconfig or command) the way tests receive artifacts. */
export function parsePlistXml(text: string): unknown {
  return parsePlist(text);
}
