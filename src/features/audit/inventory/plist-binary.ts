import { PlistSyntaxError, type ParsedPlist, type PlistValue } from './plist-xml.js';

/**
 * A bounded reader of binary property lists ("bplist00"): a header, objects, an offset table and a
 * 32-byte trailer (sizes of offsets and object references, object count, top object, table offset),
 * as CoreFoundation writes them (apple-oss-distributions/CF, CFBinaryPList.c). Written here because
 * the `plist` package's parseBinary trusts the trailer: a crafted count loops for hours, a reference
 * cycle overflows the stack, and shared references expand without limit. Every offset is checked
 * against the file, a container may not contain itself, and the values built are capped.
 */
const MAX_DEPTH = 64;
const HEADER = 'bplist00';

export function parseBinaryPlist(bytes: Uint8Array): ParsedPlist {
  if (bytes.length < HEADER.length + 32) throw new PlistSyntaxError('a binary plist shorter than its header and trailer', 0);
  if (String.fromCharCode(...bytes.subarray(0, 8)) !== HEADER) throw new PlistSyntaxError('not a bplist00 binary plist', 0);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const t = bytes.length - 32;
  const offsetSize = view.getUint8(t + 6);
  const refSize = view.getUint8(t + 7);
  const count = uint(view, t + 8, 8);
  const top = uint(view, t + 16, 8);
  const table = uint(view, t + 24, 8);
  if (![1, 2, 4, 8].includes(offsetSize) || ![1, 2, 4, 8].includes(refSize)) throw new PlistSyntaxError('the trailer gives an offset or reference size other than 1, 2, 4 or 8', t + 6);
  if (count < 1 || top >= count || table < 8 || table + count * offsetSize > t) throw new PlistSyntaxError('the trailer points outside the file', t + 8);
  return new BinaryReader(bytes, view, offsetSize, refSize, count, table).read(top);
}

class BinaryReader {
  private readonly offsets = new WeakMap<object, number>();
  private readonly open = new Set<number>();
  private built = 0;
  private readonly maxBuilt: number;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly view: DataView,
    private readonly offsetSize: number,
    private readonly refSize: number,
    private readonly count: number,
    private readonly table: number,
  ) {
    // Objects may be shared; a value tree a few times the object count is plenty for a real response.
    this.maxBuilt = count * 4 + 1024;
  }

  read(top: number): ParsedPlist {
    return { value: this.object(top, 0), offsets: this.offsets };
  }

  private object(index: number, depth: number): PlistValue {
    if (index >= this.count) throw new PlistSyntaxError(`a reference to object ${index} of ${this.count}`, this.table);
    if (depth > MAX_DEPTH) throw new PlistSyntaxError(`nested deeper than ${MAX_DEPTH} levels`, this.table);
    if (++this.built > this.maxBuilt) throw new PlistSyntaxError('shared references expand past the value cap', this.table);
    const at = uint(this.view, this.table + index * this.offsetSize, this.offsetSize);
    if (at < 8 || at >= this.table) throw new PlistSyntaxError(`object ${index} lies outside the object area`, this.table + index * this.offsetSize);
    const marker = this.bytes[at]!;
    const kind = marker >> 4;
    if (kind === 0x0) return this.singleton(marker, at);
    if (kind === 0x1) return this.integer(at + 1, 1 << (marker & 0xf));
    if (kind === 0x2) return this.real(at + 1, 1 << (marker & 0xf));
    if (kind === 0x3) return this.fixed(at + 1, 8) && this.view.getFloat64(at + 1);
    const { length, start } = this.length(marker, at);
    switch (kind) {
      case 0x4:
        this.fixed(start, length);
        return Buffer.from(this.bytes.subarray(start, start + length)).toString('base64');
      case 0x5:
        this.fixed(start, length);
        return this.latin1(start, length);
      case 0x6:
        this.fixed(start, length * 2);
        return new TextDecoder('utf-16be').decode(this.bytes.subarray(start, start + length * 2));
      case 0xa:
        return this.container(index, at, () => this.array(start, length, depth));
      case 0xd:
        return this.container(index, at, () => this.dict(start, length, depth));
      default:
        throw new PlistSyntaxError(`object type 0x${kind.toString(16)} is not read in an MDM response`, at);
    }
  }

  private container(index: number, at: number, build: () => PlistValue[] | { [key: string]: PlistValue }): PlistValue {
    if (this.open.has(index)) throw new PlistSyntaxError(`object ${index} contains itself`, at);
    this.open.add(index);
    const value = build();
    this.open.delete(index);
    this.offsets.set(value, at);
    return value;
  }

  private array(start: number, length: number, depth: number): PlistValue[] {
    this.fixed(start, length * this.refSize);
    const list: PlistValue[] = [];
    for (let i = 0; i < length; i++) list.push(this.object(this.ref(start + i * this.refSize), depth + 1));
    return list;
  }

  private dict(start: number, length: number, depth: number): { [key: string]: PlistValue } {
    this.fixed(start, length * 2 * this.refSize);
    const dict: { [key: string]: PlistValue } = Object.create(null);
    for (let i = 0; i < length; i++) {
      const key = this.object(this.ref(start + i * this.refSize), depth + 1);
      if (typeof key !== 'string') throw new PlistSyntaxError('a dictionary key is not a string', start + i * this.refSize);
      dict[key] = this.object(this.ref(start + (length + i) * this.refSize), depth + 1);
    }
    return dict;
  }

  private singleton(marker: number, at: number): PlistValue {
    if (marker === 0x08 || marker === 0x09) return marker === 0x09;
    throw new PlistSyntaxError(`marker 0x${marker.toString(16)} is not a value an MDM response holds`, at);
  }

  private integer(at: number, size: number): number {
    if (size > 8) throw new PlistSyntaxError(`an integer of ${size} bytes`, at - 1);
    this.fixed(at, size);
    if (size === 8) return Number(this.view.getBigInt64(at));
    return uint(this.view, at, size);
  }

  private real(at: number, size: number): number {
    this.fixed(at, size);
    if (size === 4) return this.view.getFloat32(at);
    if (size === 8) return this.view.getFloat64(at);
    throw new PlistSyntaxError(`a real of ${size} bytes`, at - 1);
  }

  /** A count: in the marker's low nibble, or in the integer object that follows when it is 0xF. */
  private length(marker: number, at: number): { length: number; start: number } {
    if ((marker & 0xf) !== 0xf) return { length: marker & 0xf, start: at + 1 };
    const sizeMarker = this.bytes[at + 1];
    if (sizeMarker === undefined || sizeMarker >> 4 !== 0x1 || (sizeMarker & 0xf) > 3) throw new PlistSyntaxError('a count is not an integer', at + 1);
    const size = 1 << (sizeMarker & 0xf);
    this.fixed(at + 2, size);
    return { length: uint(this.view, at + 2, size), start: at + 2 + size };
  }

  private ref(at: number): number {
    return uint(this.view, at, this.refSize);
  }

  private latin1(start: number, length: number): string {
    return Buffer.from(this.bytes.buffer, this.bytes.byteOffset + start, length).toString('latin1');
  }

  /** Throws unless `length` bytes from `at` lie inside the object area. */
  private fixed(at: number, length: number): true {
    if (!Number.isSafeInteger(length) || at + length > this.table) throw new PlistSyntaxError('a value runs past the object area', at);
    return true;
  }
}

function uint(view: DataView, at: number, size: number): number {
  switch (size) {
    case 1:
      return view.getUint8(at);
    case 2:
      return view.getUint16(at);
    case 4:
      return view.getUint32(at);
    default: {
      const n = view.getBigUint64(at);
      return n > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(n);
    }
  }
}
