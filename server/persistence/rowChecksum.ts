/**
 * A stored row's checksum: CRC-32 over its fields, so that damage (a flipped bit on the disk, a
 * torn write) shows as damage instead of loading as a normal-looking board with changed data.
 * CRC-32 catches every single-bit flip and every burst of up to 32 bits. Each field is framed
 * by its type and length, so that no two different rows hash the same bytes.
 */
import { crc32 } from 'node:zlib';

/** A column's value as SQLite hands it to JavaScript (INTEGER, TEXT, BLOB, NULL). */
export type ChecksumField = string | number | bigint | Uint8Array | null;

const NULL_TAG = 0;
const TEXT_TAG = 1;
const INTEGER_TAG = 2;
const BLOB_TAG = 3;

function framed(field: ChecksumField): [number, Uint8Array] {
  if (field === null) return [NULL_TAG, new Uint8Array(0)];
  if (typeof field === 'string') return [TEXT_TAG, Buffer.from(field, 'utf8')];
  if (typeof field === 'number' || typeof field === 'bigint') {
    return [INTEGER_TAG, Buffer.from(String(field), 'utf8')];
  }
  return [BLOB_TAG, field];
}

export function rowChecksum(fields: readonly ChecksumField[]): number {
  let crc = 0;
  const header = Buffer.alloc(5);
  for (const field of fields) {
    const [tag, bytes] = framed(field);
    header.writeUInt8(tag, 0);
    header.writeUInt32BE(bytes.length, 1);
    crc = crc32(header, crc);
    crc = crc32(bytes, crc);
  }
  return crc;
}
