// Draws the app icons (192, 512 and maskable PNGs) into public/ with nothing but zlib, so the
// build never downloads artwork. Run once: `npx tsx src/app/pwa/makeIcons.ts`; the PNGs are committed.
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';

const THEME = [0x0b, 0x4f, 0x8a]; // deep blue, white marks: contrast well above 4.5:1
const WHITE = [0xff, 0xff, 0xff];

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

/** A handset and a tick on the theme colour; `safe` shrinks the drawing into the maskable safe zone. */
function draw(size: number, safe: boolean): Buffer {
  const rows: Buffer[] = [];
  const scale = safe ? 0.62 : 0.86;
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 3);
    for (let x = 0; x < size; x++) {
      // Coordinates in [-1, 1] around the centre, shrunk for the safe zone.
      const u = ((x + 0.5) / size - 0.5) * 2 / scale;
      const v = ((y + 0.5) / size - 0.5) * 2 / scale;
      const r = Math.hypot(u, v);
      let white = false;
      // A ring (the dial) …
      if (r > 0.82 && r < 0.96) white = true;
      // … and a tick mark inside it.
      const d1 = Math.abs(v - (u * 1 + 0.15)) / Math.SQRT2; // short stroke, down-right
      const d2 = Math.abs(v - (-u * 1.6 + 0.15 - 0.35 * 1.6 - 0.35)) / Math.hypot(1, 1.6);
      if (u > -0.5 && u < -0.08 && d1 < 0.09) white = true;
      if (u > -0.12 && u < 0.55 && Math.abs(v - (-(u + 0.1) * 1.45 + 0.05)) < 0.15 && d2 >= 0) white = true;
      const [cr, cg, cb] = white ? WHITE : THEME;
      row[1 + x * 3] = cr;
      row[2 + x * 3] = cg;
      row[3 + x * 3] = cb;
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour RGB
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  return png;
}

const out = new URL('../../../public/', import.meta.url);
for (const [name, size, safe] of [
  ['icon-192.png', 192, false],
  ['icon-512.png', 512, false],
  ['icon-maskable-192.png', 192, true],
  ['icon-maskable-512.png', 512, true],
  ['apple-touch-icon.png', 180, false],
] as const) {
  writeFileSync(new URL(name, out), draw(size, safe));
  console.log(`wrote public/${name}`);
}
