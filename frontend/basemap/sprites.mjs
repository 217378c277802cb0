// The basemap's sprite sheet, drawn here from simple shapes (no image is downloaded or checked in):
// sprites/basemap.json + .png at pixel ratio 1 and basemap@2x.* at 2, as the MapLibre style spec wants.
// The icon names are the ones layers/basemap/style.py uses (SPRITE_ICONS).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import { encodePng } from "./png.mjs";

const SAMPLES = 4; // per pixel side: 16 samples anti-alias the edges

const inRoundedRect = (x0, y0, x1, y1, r) => (x, y) => {
  const dx = Math.max(x0 + r - x, 0, x - (x1 - r));
  const dy = Math.max(y0 + r - y, 0, y - (y1 - r));
  return x >= x0 && x <= x1 && y >= y0 && y <= y1 && dx * dx + dy * dy <= r * r;
};
const inCircle = (cx, cy, r) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const inPolygon = (points) => (x, y) => {
  let inside = false;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const [xi, yi] = points[i];
    const [xj, yj] = points[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
};

// Sizes in CSS pixels; shapes painted in order, the later on top. Colours [r, g, b, a 0–1].
const ICONS = {
  // An arrow pointing along the line (right); the style turns it for oneway = -1.
  oneway: {
    width: 16,
    height: 10,
    shapes: [
      [inPolygon([[1, 3.8], [9, 3.8], [9, 1], [15, 5], [9, 9], [9, 6.2], [1, 6.2]]), [90, 90, 90, 1]],
    ],
  },
  // A road-number plate: MapLibre stretches the middle to fit the text (icon-text-fit).
  shield: {
    width: 24,
    height: 18,
    shapes: [
      [inRoundedRect(0.5, 0.5, 23.5, 17.5, 3.5), [120, 120, 120, 1]],
      [inRoundedRect(2, 2, 22, 16, 2.5), [255, 255, 255, 1]],
    ],
    stretchX: [[5, 19]],
    stretchY: [[5, 13]],
    content: [4, 4, 20, 14],
  },
  // The town's label point.
  dot: {
    width: 12,
    height: 12,
    shapes: [
      [inCircle(6, 6, 5.5), [255, 255, 255, 1]],
      [inCircle(6, 6, 3.8), [40, 40, 40, 1]],
    ],
  },
};

function drawIcon(icon, ratio) {
  const width = icon.width * ratio;
  const height = icon.height * ratio;
  const pixels = Buffer.alloc(width * height * 4);
  for (let py = 0; py < height; py++) {
    for (let px = 0; px < width; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const x = (px + (sx + 0.5) / SAMPLES) / ratio;
          const y = (py + (sy + 0.5) / SAMPLES) / ratio;
          let colour = null;
          for (const [inside, fill] of icon.shapes) if (inside(x, y)) colour = fill;
          if (colour) {
            r += colour[0] * colour[3];
            g += colour[1] * colour[3];
            b += colour[2] * colour[3];
            a += colour[3];
          }
        }
      }
      const i = (py * width + px) * 4;
      if (a > 0) {
        pixels[i] = Math.round(r / a);
        pixels[i + 1] = Math.round(g / a);
        pixels[i + 2] = Math.round(b / a);
        pixels[i + 3] = Math.round((a / (SAMPLES * SAMPLES)) * 255);
      }
    }
  }
  return { width, height, pixels };
}

/** Packs the icons in one row, 2 px apart, and returns the PNG bytes and the sprite index. */
export function buildSprite(ratio) {
  const drawn = Object.entries(ICONS).map(([name, icon]) => [name, icon, drawIcon(icon, ratio)]);
  const gap = 2 * ratio;
  const width = drawn.reduce((sum, [, , d]) => sum + d.width + gap, 0);
  const height = Math.max(...drawn.map(([, , d]) => d.height));
  const sheet = Buffer.alloc(width * height * 4);
  const index = {};
  let left = 0;
  for (const [name, icon, d] of drawn) {
    for (let y = 0; y < d.height; y++) d.pixels.copy(sheet, (y * width + left) * 4, y * d.width * 4, (y + 1) * d.width * 4);
    const entry = { x: left, y: 0, width: d.width, height: d.height, pixelRatio: ratio };
    const scale = (values) => values.map((v) => (Array.isArray(v) ? scale(v) : v * ratio));
    if (icon.stretchX) entry.stretchX = scale(icon.stretchX);
    if (icon.stretchY) entry.stretchY = scale(icon.stretchY);
    if (icon.content) entry.content = scale(icon.content);
    index[name] = entry;
    left += d.width + gap;
  }
  return { png: encodePng(width, height, sheet), index };
}

/** Writes <dir>/basemap.json, basemap.png, basemap@2x.json and basemap@2x.png. */
export function writeSprites(dir, name = "basemap") {
  mkdirSync(dir, { recursive: true });
  for (const ratio of [1, 2]) {
    const suffix = ratio === 1 ? "" : `@${ratio}x`;
    const { png, index } = buildSprite(ratio);
    writeFileSync(join(dir, `${name}${suffix}.png`), png);
    writeFileSync(join(dir, `${name}${suffix}.json`), `${JSON.stringify(index, null, 2)}\n`);
  }
}
