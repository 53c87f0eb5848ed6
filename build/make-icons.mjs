#!/usr/bin/env node
/**
 * node build/make-icons.mjs: draws the app icon and writes build/icon.png (1024 x 1024),
 * build/icon.ico (Windows, 16-256 px) and build/icon.icns (macOS, 16-1024 px).
 * No dependencies: the shapes are drawn with 4 x 4 supersampling, encoded as PNG with zlib, and
 * the .ico and .icns files hold those PNGs. The output is deterministic.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));

const TOP = [15, 92, 90]; // deep teal
const BOTTOM = [10, 60, 70];
const PAPER = [250, 248, 242];
const ACCENT = [242, 184, 75]; // amber: the "ledger line"

/** Signed distance to a rounded rectangle centred at (cx, cy), half-size (hw, hh), radius r. */
function roundedRect(x, y, cx, cy, hw, hh, r) {
  const qx = Math.abs(x - cx) - hw + r;
  const qy = Math.abs(y - cy) - hh + r;
  return Math.min(Math.max(qx, qy), 0) + Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) - r;
}

/** Colour of the icon at unit coordinates (x, y), or null outside it. */
function shade(x, y) {
  if (roundedRect(x, y, 0.5, 0.5, 0.42, 0.42, 0.19) > 0) return null;
  const t = (y - 0.08) / 0.84;
  let colour = TOP.map((c, i) => c + (BOTTOM[i] - c) * t);
  // A sheet of paper with three ruled lines; the last one is the accent.
  if (roundedRect(x, y, 0.5, 0.5, 0.25, 0.29, 0.04) <= 0) colour = PAPER;
  const lines = [
    [0.37, 0.36, [60, 90, 95]],
    [0.37, 0.47, [60, 90, 95]],
    [0.37, 0.58, [60, 90, 95]],
  ];
  for (const [cx, cy, c] of lines) {
    if (roundedRect(x, y, cx + 0.13, cy, 0.13, 0.018, 0.018) <= 0) colour = c;
  }
  if (roundedRect(x, y, 0.5, 0.7, 0.17, 0.028, 0.028) <= 0) colour = ACCENT;
  return colour;
}

function render(size) {
  const pixels = Buffer.alloc(size * size * 4);
  const n = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const c = shade((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size);
          if (!c) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          a += 1;
        }
      }
      const o = (py * size + px) * 4;
      if (a > 0) {
        pixels[o] = Math.round(r / a);
        pixels[o + 1] = Math.round(g / a);
        pixels[o + 2] = Math.round(b / a);
        pixels[o + 3] = Math.round((255 * a) / (n * n));
      }
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

export function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function ico(pngs) {
  const header = Buffer.alloc(6 + 16 * pngs.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(pngs.length, 4);
  let offset = header.length;
  pngs.forEach(({ size, png }, i) => {
    const e = 6 + 16 * i;
    header[e] = size >= 256 ? 0 : size;
    header[e + 1] = size >= 256 ? 0 : size;
    header.writeUInt16LE(1, e + 4); // planes
    header.writeUInt16LE(32, e + 6); // bits per pixel
    header.writeUInt32LE(png.length, e + 8);
    header.writeUInt32LE(offset, e + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...pngs.map((p) => p.png)]);
}

function icns(entries) {
  const parts = entries.map(({ type, png }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + parts.reduce((n, p) => n + p.length, 0), 4);
  return Buffer.concat([head, ...parts]);
}

const cache = new Map();
const pngOf = (size) => {
  if (!cache.has(size)) cache.set(size, encodePng(size, render(size)));
  return cache.get(size);
};

fs.writeFileSync(path.join(here, 'icon.png'), pngOf(1024));
fs.writeFileSync(
  path.join(here, 'icon.ico'),
  ico([16, 24, 32, 48, 64, 128, 256].map((size) => ({ size, png: pngOf(size) }))),
);
fs.writeFileSync(
  path.join(here, 'icon.icns'),
  icns([
    { type: 'icp4', png: pngOf(16) },
    { type: 'icp5', png: pngOf(32) },
    { type: 'icp6', png: pngOf(64) },
    { type: 'ic07', png: pngOf(128) },
    { type: 'ic08', png: pngOf(256) },
    { type: 'ic09', png: pngOf(512) },
    { type: 'ic10', png: pngOf(1024) },
    { type: 'ic11', png: pngOf(32) },
    { type: 'ic12', png: pngOf(64) },
    { type: 'ic13', png: pngOf(256) },
    { type: 'ic14', png: pngOf(512) },
  ]),
);
process.stdout.write('Wrote build/icon.png, build/icon.ico and build/icon.icns.\n');
