// Extracts from the official schemas only the facts the conformance checkers use, into
// test/conformance/facts/ (committed, so every clone runs the conformance tests):
//   node scripts/conformance-facts.mjs [folder]      (default: ../shared/conformance)
// The folder holds Apple's device-management YAML under apple/ (https://github.com/apple/device-management,
// mdm/ and declarative/; newer-from-index/<commit>/ for files newer than the snapshot) and the
// Android Management API discovery document, android/androidmanagement-v1.json
// (https://androidmanagement.googleapis.com/$discovery/rest?version=v1).
// Facts only: keys, types, presence, enums (rangelist), ranges, formats, supported OS versions and
// deprecations; never titles, descriptions or other prose. test/conformance/facts.test.ts checks,
// where the folder exists, that the committed facts equal a fresh extraction.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('..', import.meta.url));
export const FACTS_DIR = join(root, 'test', 'conformance', 'facts');
export const DEFAULT_SOURCES = resolve(root, '..', 'shared', 'conformance');

/** Both halves of a sources folder; a half-copied one would fail confusingly later. */
export function sourceFiles(dir) {
  return { apple: join(dir, 'apple'), discovery: join(dir, 'android', 'androidmanagement-v1.json') };
}

/** The two facts files' contents, as JSON text, from the sources folder `dir`. */
export function extractFacts(dir = DEFAULT_SOURCES) {
  const { apple, discovery } = sourceFiles(dir);
  return {
    'apple.json': `${JSON.stringify(appleFacts(apple), null, 1)}\n`,
    'amapi.json': `${JSON.stringify(amapiFacts(JSON.parse(readFileSync(discovery, 'utf8'))), null, 1)}\n`,
  };
}

// ---- Apple: every schema file (profiles, commands, declarations, status items) ----

const KIND_FIELDS = [
  ['payloadtype', 'profile'],
  ['requesttype', 'command'],
  ['declarationtype', 'declaration'],
  ['statusitemtype', 'status'],
];
// What a key's entry may say that the checkers use (docs/schema.yaml in Apple's repository).
const KEY_FACTS = ['key', 'type', 'presence', 'rangelist', 'range', 'format', 'repetition', 'supportedOS'];
const VERSION_FIELDS = new Set(['introduced', 'deprecated', 'removed']);

function yamlFiles(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? (e.name === 'docs' ? [] : yamlFiles(join(dir, e.name))) : e.name.endsWith('.yaml') ? [join(dir, e.name)] : []))
    .sort();
}

function appleFacts(appleDir) {
  const files = yamlFiles(appleDir).map((file) => appleFile(appleDir, file));
  return { files };
}

function appleFile(appleDir, file) {
  const relPath = relative(appleDir, file).split(sep).join('/');
  // Anchors and aliases share subkey lists, and some point back at an ancestor (a cycle).
  const doc = parse(readFileSync(file, 'utf8'), { maxAliasCount: -1 });
  const payload = doc?.payload;
  const found = payload && KIND_FIELDS.find(([field]) => typeof payload[field] === 'string');
  if (!found) throw new Error(`${relPath}: no payloadtype/requesttype/declarationtype/statusitemtype`);
  const newer = /^newer-from-index\/([^/]+)\//.exec(relPath);
  const lists = new SharedLists(doc.payloadkeys);
  return {
    relPath,
    kind: found[1],
    type: payload[found[0]],
    source: newer ? 'newer' : 'snapshot',
    ...(newer ? { commit: newer[1] } : {}),
    ...(payload.supportedOS !== undefined ? { supportedOS: osFacts(payload.supportedOS) } : {}),
    maxVersion: maxVersionIn(doc),
    payloadkeys: lists.keys(Array.isArray(doc.payloadkeys) ? doc.payloadkeys : [], []),
  };
}

/**
 * Subkey lists the YAML shares through an alias are written once, where first met, with an id
 * (`subkeysId`); later uses name it (`subkeysOf`). That keeps recursive schemas finite in JSON.
 */
class SharedLists {
  constructor(top) {
    this.count = new Map();
    const seen = new Set();
    const visit = (list) => {
      if (!Array.isArray(list)) return;
      this.count.set(list, (this.count.get(list) ?? 0) + 1);
      if (seen.has(list)) return;
      seen.add(list);
      for (const k of list) visit(k?.subkeys);
    };
    visit(top);
    this.ids = new Map();
  }

  keys(list, path) {
    return list.map((k) => this.key(k, path));
  }

  key(k, path) {
    const out = {};
    for (const f of KEY_FACTS) if (k[f] !== undefined) out[f] = f === 'supportedOS' ? osFacts(k[f]) : k[f];
    if (Array.isArray(k.subkeys)) {
      const id = this.ids.get(k.subkeys);
      if (id !== undefined) out.subkeysOf = id;
      else {
        const here = [...path, k.key].join('/');
        if ((this.count.get(k.subkeys) ?? 0) > 1) {
          this.ids.set(k.subkeys, here);
          out.subkeysId = here;
        }
        out.subkeys = this.keys(k.subkeys, [...path, k.key]);
      }
    }
    return out;
  }
}

/** A supportedOS map as it is, but versions as text (YAML reads an unquoted 15.0 as 15). */
function osFacts(os) {
  if (!os || typeof os !== 'object') return os;
  return Object.fromEntries(
    Object.entries(os).map(([name, entry]) => [
      name,
      entry && typeof entry === 'object' ? Object.fromEntries(Object.entries(entry).map(([f, v]) => [f, VERSION_FIELDS.has(f) && typeof v === 'number' ? String(v) : v])) : entry,
    ]),
  );
}

function compareVersions(a, b) {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Highest OS version the file mentions: orders several newer files of one type. */
function maxVersionIn(doc) {
  let max = '0';
  const seen = new Set();
  const visit = (v) => {
    if (!v || typeof v !== 'object' || seen.has(v)) return;
    seen.add(v);
    for (const [k, child] of Object.entries(v)) {
      if (VERSION_FIELDS.has(k) && /^\d+(\.\d+)*$/.test(String(child))) {
        if (compareVersions(String(child), max) > 0) max = String(child);
      } else visit(child);
    }
  };
  visit(doc);
  return max;
}

// ---- AMAPI: the policies and devices methods, and every schema they reach ----

const METHOD_PREFIXES = ['androidmanagement.enterprises.policies.', 'androidmanagement.enterprises.devices.'];
const PROPERTY_FACTS = ['type', '$ref', 'format', 'enum', 'enumDeprecated', 'deprecated', 'readOnly'];

function amapiFacts(doc) {
  const methods = {};
  const collect = (resources) => {
    for (const r of Object.values(resources ?? {})) {
      for (const m of Object.values(r.methods ?? {})) if (METHOD_PREFIXES.some((p) => m.id.startsWith(p))) methods[m.id] = methodFacts(m);
      collect(r.resources);
    }
  };
  collect(doc.resources);
  const roots = ['Policy', ...Object.values(methods).flatMap((m) => [m.request, m.response].filter(Boolean))];
  const schemas = {};
  for (const name of reachable(doc.schemas, roots)) schemas[name] = schemaFacts(doc.schemas[name]);
  return { revision: doc.revision, methods: sortKeys(methods), schemas: sortKeys(schemas) };
}

function methodFacts(m) {
  const parameters = Object.fromEntries(
    Object.entries(m.parameters ?? {}).map(([name, p]) => [name, { ...propertyFacts(p), ...(p.location ? { location: p.location } : {}), ...(p.required ? { required: true } : {}) }]),
  );
  return { httpMethod: m.httpMethod, ...(m.request ? { request: m.request.$ref } : {}), ...(m.response ? { response: m.response.$ref } : {}), parameters };
}

function reachable(all, roots) {
  const seen = new Set();
  const todo = [...roots];
  while (todo.length) {
    const name = todo.pop();
    if (seen.has(name) || !all[name]) continue;
    seen.add(name);
    const refs = (p) => (p ? [p.$ref, ...refs(p.items), ...refs(p.additionalProperties)].filter(Boolean) : []);
    for (const p of Object.values(all[name].properties ?? {})) todo.push(...refs(p));
  }
  return [...seen];
}

function schemaFacts(s) {
  const properties = Object.fromEntries(Object.entries(s.properties ?? {}).map(([name, p]) => [name, propertyFacts(p)]));
  return { type: s.type, ...(s.deprecated ? { deprecated: true } : {}), properties };
}

/**
 * A property's facts. The document has no `required`; a description opening "Required." is its
 * only signal, kept as `required: true` (the description itself is not).
 */
function propertyFacts(p) {
  const out = {};
  for (const f of PROPERTY_FACTS) if (p[f] !== undefined) out[f] = p[f];
  if (p.items) out.items = propertyFacts(p.items);
  if (p.additionalProperties) out.additionalProperties = propertyFacts(p.additionalProperties);
  if (/^Required\./.test(p.description ?? '')) out.required = true;
  return out;
}

function sortKeys(o) {
  return Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = resolve(process.argv[2] ?? DEFAULT_SOURCES);
  const facts = extractFacts(dir);
  mkdirSync(FACTS_DIR, { recursive: true });
  for (const [name, text] of Object.entries(facts)) writeFileSync(join(FACTS_DIR, name), text);
  console.log(`wrote ${Object.keys(facts).map((n) => relative(root, join(FACTS_DIR, n))).join(', ')} from ${dir}`);
}
