import { crc32, deflateRawSync } from "node:zlib";

/**
 * Zips built byte by byte, so a test can make them lie: an entry may declare another size than
 * its body has, and several entries may share one body.
 */
export interface ZipEntrySpec {
  readonly name: string;
  /** The body; ignored when `sameBodyAs` names an earlier entry. */
  readonly data?: Uint8Array;
  readonly deflate?: boolean;
  /** The uncompressed size written in the headers (the true one when left out). */
  readonly declaredSize?: number;
  /** Index of an earlier entry whose local header and body this entry points at. */
  readonly sameBodyAs?: number;
}

function header(fields: readonly [number, 2 | 4][]): Buffer {
  const buf = Buffer.alloc(fields.reduce((n, [, size]) => n + size, 0));
  let at = 0;
  for (const [value, size] of fields) {
    if (size === 2) buf.writeUInt16LE(value, at);
    else buf.writeUInt32LE(value, at);
    at += size;
  }
  return buf;
}

export function buildZip(specs: readonly ZipEntrySpec[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  const placed: { offset: number; method: number; crc: number; packed: number; size: number }[] =
    [];
  let offset = 0;
  for (const spec of specs) {
    const name = Buffer.from(spec.name);
    let place = spec.sameBodyAs === undefined ? undefined : placed[spec.sameBodyAs];
    if (!place) {
      const data = spec.data ?? new Uint8Array();
      const body = spec.deflate ? deflateRawSync(data) : Buffer.from(data);
      const method = spec.deflate ? 8 : 0;
      const size = spec.declaredSize ?? data.byteLength;
      const crc = crc32(data);
      const local = header([
        [0x04034b50, 4],
        [20, 2],
        [0x800, 2],
        [method, 2],
        [0, 2],
        [0, 2],
        [crc, 4],
        [body.byteLength, 4],
        [size, 4],
        [name.byteLength, 2],
        [0, 2],
      ]);
      place = { offset, method, crc, packed: body.byteLength, size };
      locals.push(local, name, body);
      offset += local.byteLength + name.byteLength + body.byteLength;
    }
    placed.push(place);
    central.push(
      header([
        [0x02014b50, 4],
        [20, 2],
        [20, 2],
        [0x800, 2],
        [place.method, 2],
        [0, 2],
        [0, 2],
        [place.crc, 4],
        [place.packed, 4],
        [place.size, 4],
        [name.byteLength, 2],
        [0, 2],
        [0, 2],
        [0, 2],
        [0, 2],
        [0, 4],
        [place.offset, 4],
      ]),
      name,
    );
  }
  const directory = Buffer.concat(central);
  const end = header([
    [0x06054b50, 4],
    [0, 2],
    [0, 2],
    [specs.length, 2],
    [specs.length, 2],
    [directory.byteLength, 4],
    [offset, 4],
    [0, 2],
  ]);
  return Buffer.concat([...locals, directory, end]);
}

/**
 * The red team's zip: 162 bytes, no entries, whose ZIP64 end record claims 4,294,967,295 of
 * them (its extensible data sector padded to 64 bytes).
 */
export function zip64Bomb(): Buffer {
  const claimed = 0xffffffff;
  const record = Buffer.alloc(56 + 64);
  record.writeUInt32LE(0x06064b50, 0);
  record.writeBigUInt64LE(BigInt(record.byteLength - 12), 4);
  record.writeUInt16LE(45, 12);
  record.writeUInt16LE(45, 14);
  record.writeBigUInt64LE(BigInt(claimed), 24);
  record.writeBigUInt64LE(BigInt(claimed), 32);
  record.writeBigUInt64LE(0n, 40);
  // The central directory "starts" past the end of the file, where a reader that does not check
  // finds nothing but zeros: 4,294,967,295 empty entries.
  record.writeBigUInt64LE(0x100000n, 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(0n, 8);
  locator.writeUInt32LE(1, 16);
  const end = header([
    [0x06054b50, 4],
    [0, 2],
    [0, 2],
    [0xffff, 2],
    [0xffff, 2],
    [0xffffffff, 4],
    [0xffffffff, 4],
    [0, 2],
  ]);
  return Buffer.concat([record, locator, end]);
}
