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

/** A table's checksum: the sum of its 32-bit words, padded with zeros. */
export function tableChecksum(data: Buffer): number {
  let sum = 0;
  const padded = Buffer.concat([data, Buffer.alloc((4 - (data.length % 4)) % 4)]);
  for (let i = 0; i < padded.length; i += 4) sum = (sum + padded.readUInt32BE(i)) >>> 0;
  return sum;
}

const WEIGHTS: Record<number, string> = { 100: 'Thin', 200: 'ExtraLight', 300: 'Light', 400: 'Regular', 500: 'Medium', 600: 'SemiBold', 700: 'Bold', 800: 'ExtraBold', 900: 'Black' };

/**
 * The font named as the family it is shipped as: fontsource's Noto CJK files are instances of
 * a variable font and keep its default instance's name ("Noto Sans JP Thin", PostScript name
 * NotoSansJPThin-Bold), which is what a PDF's font list then shows. Replaces the family,
 * style, full and PostScript names (IDs 1, 2, 4, 6, 16, 17); keeps every other record (the
 * copyright and licence among them).
 */
export function renameFont(sfnt: Buffer, family: string, weight: number): Buffer {
  const tables = sfntTables(sfnt);
  const name = tables.find((t) => t.tag === 'name');
  if (!name) return sfnt;
  const d = name.data;
  const count = d.readUInt16BE(2);
  const storage = d.readUInt16BE(4);
  const kept: { platform: number; encoding: number; language: number; id: number; bytes: Buffer }[] = [];
  for (let r = 0; r < count; r++) {
    const at = 6 + 12 * r;
    const [platform, encoding, language, id, length, offset] = [0, 2, 4, 6, 8, 10].map((k) => d.readUInt16BE(at + k)) as [number, number, number, number, number, number];
    if ([1, 2, 4, 6, 16, 17].includes(id)) continue;
    kept.push({ platform, encoding, language, id, bytes: d.subarray(storage + offset, storage + offset + length) });
  }
  const style = WEIGHTS[weight] ?? String(weight);
  const ribbi = style === 'Regular' || style === 'Bold';
  const names: [number, string][] = [
    [1, ribbi ? family : `${family} ${style}`],
    [2, ribbi ? style : 'Regular'],
    [4, `${family} ${style}`],
    [6, `${family.replace(/[^A-Za-z0-9]/g, '')}-${style}`],
    ...(ribbi ? [] : ([[16, family], [17, style]] as [number, string][])),
  ];
  const utf16be = (text: string) => Buffer.from(text, 'utf16le').swap16();
  const records = [...kept, ...names.map(([id, text]) => ({ platform: 3, encoding: 1, language: 0x409, id, bytes: utf16be(text) }))].sort(
    (a, b) => a.platform - b.platform || a.encoding - b.encoding || a.language - b.language || a.id - b.id,
  );
  const header = Buffer.alloc(6 + 12 * records.length);
  header.writeUInt16BE(0, 0);
  header.writeUInt16BE(records.length, 2);
  header.writeUInt16BE(header.length, 4);
  let offset = 0;
  records.forEach((r, i) => {
    const at = 6 + 12 * i;
    [r.platform, r.encoding, r.language, r.id, r.bytes.length, offset].forEach((v, k) => header.writeUInt16BE(v, at + 2 * k));
    offset += r.bytes.length;
  });
  const data = Buffer.concat([header, ...records.map((r) => r.bytes)]);
  return buildSfnt(sfnt.readUInt32BE(0), tables.map((t) => (t.tag === 'name' ? { tag: 'name', checksum: tableChecksum(data), data } : t)));
}
