import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Host } from '../../../src/common/host.js';
import { chunksOf } from '../../../src/common/read-input.js';
import { readAmapi } from '../../../src/features/audit/inventory/amapi.js';
import { JsonStream } from '../../../src/features/audit/inventory/json-stream.js';
import { KeptSource } from '../../../src/features/audit/inventory/kept-source.js';
import { INVENTORY_LIMITS, readInventories } from '../../../src/features/audit/inventory/read-inventories.js';
import { memoryHost } from '../../helpers/memory-host.js';

const FIXTURES = resolve(import.meta.dirname, 'fixtures');
const fixture = (rel: string) => readFileSync(join(FIXTURES, rel));

/** A memory host that reads a chunk at a time, as Node's does, and counts every look at a path and every open. */
function countingHost(files: Record<string, string | Uint8Array>) {
  const { host: inner, root } = memoryHost(files);
  const calls: string[] = [];
  const host: Host = {
    ...inner,
    stat: (p) => (calls.push(`stat ${p.slice(root.length + 1)}`), inner.stat(p)),
    readFile: (p, o) => (calls.push(`readFile ${p.slice(root.length + 1)}`), inner.readFile(p, o)),
    async openFile(p, o) {
      calls.push(`open ${p.slice(root.length + 1)}`);
      return chunksOf(await inner.readFile(p, o));
    },
  };
  return { host, root, calls };
}

describe('inventories are read once', () => {
  const files = {
    'inv/a-page.json': fixture('amapi/devices-page-1.json'),
    'inv/b-osquery.log': fixture('osquery/osqueryd.results.log'),
    'inv/c-response.plist': fixture('apple/00008110-001A2D8E0E38802E.plist'),
    'inv/d-response.bplist': fixture('apple/00008120-0004659E3C82201E.bplist'),
    'inv/e-unknown.json': fixture('bad/unknown.json'),
  };
  const names = Object.keys(files);

  it.each([16, 100, INVENTORY_LIMITS.readChunk])('each path looked at once and each file opened once, whatever its format (chunk %i)', async (readChunk) => {
    const { host, root, calls } = countingHost(files);
    const devices: string[] = [];
    const problems: string[] = [];
    const handlers = { known: () => true, device: (d: { id: string }) => devices.push(d.id), problem: (code: string, _m: string, at: { file: string; line?: number; col?: number }) => problems.push(`${at.file}:${at.line ?? ''}:${at.col ?? ''} ${code}`) };
    await readInventories([{ path: `${root}/inv`, label: 'inv' }], host, handlers, { ...INVENTORY_LIMITS, readChunk });
    // The folder and each file looked at once (the walk), then each file opened once: no second look, no second open.
    expect(calls).toEqual(['stat inv', ...names.map((f) => `stat ${f}`), ...names.map((f) => `open ${f}`)]);
    // The osquery log's hosts and the response's device are read in full from the one open file.
    expect(devices.filter((d) => !d.startsWith('enterprises/'))).toEqual(['mac-lab-01.example.org', 'mac-lab-02.example.org', '00008110-001A2D8E0E38802E', '00008120-0004659E3C82201E']);
    expect(problems).toEqual(['inv/e-unknown.json:1:1 INVENTORY_UNKNOWN_FORMAT']);
  });

  it("says why a file cannot be read with the shared reader's codes, at the file", async () => {
    const { host, root } = countingHost({ 'big.json': fixture('amapi/device.json') });
    const problems: string[] = [];
    const handlers = { known: () => true, device: () => {}, problem: (code: string, _m: string, at: { file: string; line?: number }) => problems.push(`${at.file}:${at.line ?? ''} ${code}`) };
    const inputs = ['gone.json', 'big.json'].map((f) => ({ path: `${root}/${f}`, label: f }));
    await readInventories(inputs, host, handlers, { ...INVENTORY_LIMITS, fileBytes: 100 });
    expect(problems).toEqual(['gone.json: FILE_NOT_FOUND', 'big.json: FILE_TOO_LARGE']);
  });
});

describe('the bytes kept to read an osquery log again', () => {
  /** Events as the AMAPI reader makes them: 'amapi' when it tells the caller to let go, a device id when it hands one over. */
  function events(text: string, chunk = 4) {
    const bytes = new TextEncoder().encode(text);
    const file = chunksOf(bytes.subarray(2));
    const source = new KeptSource(file, bytes.subarray(0, 2));
    const seen: string[] = [];
    const ctx = { known: () => true, device: (d: { id: string }) => void seen.push(d.id.split('/').pop()!), problem: () => {} };
    const outcome = readAmapi(new JsonStream(source, bytes.subarray(0, 2), chunk), 'f.json', ctx, () => void seen.push('amapi'));
    return { outcome, seen, source, bytes };
  }

  it('are let go once the file is AMAPI, before its first device: a page, an array, a Device', () => {
    expect(events('{"devices": [{"name": "enterprises/E/devices/1", "applicationReports": []}]}').seen).toEqual(['amapi', '1']);
    expect(events('{"nextPageToken": "x", "devices": []}').seen[0]).toBe('amapi');
    expect(events('[{"devices": [{"name": "enterprises/E/devices/2", "applicationReports": []}]}]').seen).toEqual(['amapi', 'amapi', '2']);
    expect(events('{"name": "enterprises/E/devices/3", "applicationReports": []}').seen).toEqual(['amapi', '3']);
  });

  it('give an osquery log back from its first byte, then the rest of the file', () => {
    const log = `{"name": "apps", "hostIdentifier": "mac-1", "snapshot": []}\n{"name": "apps", "hostIdentifier": "mac-2", "snapshot": []}\n`;
    const { outcome, seen, source, bytes } = events(log);
    expect(outcome).toBe('osquery');
    expect(seen).toEqual([]);
    const again = source.fromStart();
    const out = new Uint8Array(bytes.length + 8);
    let n = 0;
    for (let r; (r = again.read(out, n, 5)) > 0; ) n += r;
    expect(new TextDecoder().decode(out.subarray(0, n))).toBe(log);
  });
});
