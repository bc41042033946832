/**
 * Draws the toolbar icons (public/icon/{16,32,48,128}.png) from shapes, so the artwork is ours and
 * reproducible: a rounded dark tile, a white "i" (information) and the amber underline InContext paints
 * under mentions. Run: npx tsx lib/cli/drawIcons.ts
 */
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

type Rgba = [number, number, number, number];
const TILE: Rgba = [52, 38, 20, 255];
const INK: Rgba = [255, 250, 240, 255];
const AMBER: Rgba = [255, 170, 30, 255];

/** Shapes in a 0..1 square; later shapes paint over earlier ones. */
function colourAt(x: number, y: number): Rgba | undefined {
  const r = 0.2; // corner radius of the tile
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) return undefined;
  if (x > 0.2 && x < 0.8 && y > 0.74 && y < 0.84) return AMBER; // the underline
  if ((x - 0.5) ** 2 + (y - 0.24) ** 2 < 0.085 ** 2) return INK; // the dot of the i
  if (x > 0.42 && x < 0.58 && y > 0.36 && y < 0.66) return INK; // the stem
  if (x > 0.34 && x < 0.58 && y > 0.36 && y < 0.43) return INK; // the serif
  return TILE;
}

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(size: number): Buffer {
  const ss = 4; // 4×4 supersampling for smooth edges
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let py = 0; py < size; py++) {
    raw[py * (size * 4 + 1)] = 0; // filter: none
    for (let px = 0; px < size; px++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const c = colourAt((px + (sx + 0.5) / ss) / size, (py + (sy + 0.5) / ss) / size);
          if (!c) continue;
          for (let i = 0; i < 3; i++) acc[i]! += c[i]! * c[3];
          acc[3]! += c[3];
        }
      }
      const o = py * (size * 4 + 1) + 1 + px * 4;
      const a = acc[3]!;
      raw[o] = a ? Math.round(acc[0]! / a) : 0;
      raw[o + 1] = a ? Math.round(acc[1]! / a) : 0;
      raw[o + 2] = a ? Math.round(acc[2]! / a) : 0;
      raw[o + 3] = Math.round(a / (ss * ss));
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

for (const size of [16, 32, 48, 128])
  writeFileSync(new URL(`../../public/icon/${size}.png`, import.meta.url), png(size));
console.log('icons written to public/icon');
