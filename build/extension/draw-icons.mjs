// The toolbar and store icons, drawn here (no binary files in the repository): a teal rounded
// square with a white "margin" bar, as 8-bit RGBA PNGs.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { deflateSync } from 'node:zlib';

export const ICON_SIZES = [16, 32, 48, 128];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function drawRow(size, y) {
  const radius = size * 0.2;
  const row = Buffer.alloc(1 + size * 4); // filter byte 0, then RGBA
  for (let x = 0; x < size; x++) {
    const cx = Math.min(Math.max(x + 0.5, radius), size - radius);
    const cy = Math.min(Math.max(y + 0.5, radius), size - radius);
    const inside = (x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 <= radius ** 2;
    const isBar = x >= size * 0.62 && x < size * 0.72 && y >= size * 0.18 && y < size * 0.82;
    const isLines =
      x >= size * 0.2 &&
      x < size * 0.54 &&
      Math.floor((y / size) * 10) % 2 === 0 &&
      y >= size * 0.2 &&
      y < size * 0.8;
    const [r, g, b] = isBar || isLines ? [255, 255, 255] : [11, 110, 110];
    row.set([r, g, b, inside ? 255 : 0], 1 + x * 4);
  }
  return row;
}

/** Draws the icon at `size` pixels and encodes it as PNG. */
export function drawIconPng(size) {
  const rows = Array.from({ length: size }, (_, y) => drawRow(size, y));
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(Buffer.concat(rows))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Writes icons/icon-{size}.png for every {@link ICON_SIZES} into `out`. */
export async function writeIcons({ out }) {
  await mkdir(path.join(out, 'icons'), { recursive: true });
  for (const size of ICON_SIZES) {
    await writeFile(path.join(out, 'icons', `icon-${size}.png`), drawIconPng(size));
  }
}
