// The table directory of an OpenType file (sfnt), read and written: enough to drop a table.
// Hand-written because the font libraries at hand either subset (and so lose colour tables,
// harfbuzzjs) or parse only what they draw (opentype.js); this is the format's 12-byte header
// and 16-byte records, nothing more.

export interface SfntTable {
  tag: string;
  checksum: number;
  data: Buffer;
}

export function sfntTables(sfnt: Buffer): SfntTable[] {
  const count = sfnt.readUInt16BE(4);
  return Array.from({ length: count }, (_, i) => {
    const at = 12 + 16 * i;
    const offset = sfnt.readUInt32BE(at + 8);
    return { tag: sfnt.toString('latin1', at, at + 4), checksum: sfnt.readUInt32BE(at + 4), data: sfnt.subarray(offset, offset + sfnt.readUInt32BE(at + 12)) };
  });
}

/** An sfnt of these tables (kept in order, each 4-byte aligned); `version` is the first word (0x00010000 or 'OTTO'). */
export function buildSfnt(version: number, tables: SfntTable[]): Buffer {
  const header = Buffer.alloc(12 + 16 * tables.length);
  const power = 2 ** Math.floor(Math.log2(Math.max(tables.length, 1)));
  header.writeUInt32BE(version, 0);
  header.writeUInt16BE(tables.length, 4);
  header.writeUInt16BE(16 * power, 6);
  header.writeUInt16BE(Math.log2(power), 8);
  header.writeUInt16BE(16 * tables.length - 16 * power, 10);
  const parts: Buffer[] = [header];
  let offset = header.length;
  tables.forEach((table, i) => {
    const at = 12 + 16 * i;
    header.write(table.tag, at, 'latin1');
    header.writeUInt32BE(table.checksum, at + 4);
    header.writeUInt32BE(offset, at + 8);
    header.writeUInt32BE(table.data.length, at + 12);
    const padding = (4 - (table.data.length % 4)) % 4;
    parts.push(table.data, Buffer.alloc(padding));
    offset += table.data.length + padding;
  });
  return Buffer.concat(parts);
}
