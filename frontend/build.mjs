// Builds dist/ for Django to serve as /static/app/ (see geoportal/settings.py STATICFILES_DIRS).
// Runs on Node.js 18+ (Debian 12) and newer; esbuild only, no dev server.
//   dist/main.js                  the map, one ES module (MapLibre bundled in), no source map
//   dist/main.js.LEGAL.txt        licence comments of the bundled packages (BSD-3 / ISC / MIT notices)
//   dist/main.css                 our styles
//   dist/maplibre-gl.css          MapLibre's styles, as shipped
//   dist/maplibre-gl-worker.mjs   MapLibre's worker; MapLibre loads it from next to main.js (import.meta.url)
//   dist/*.gz, dist/*.br          pre-compressed copies of the four above, served by whitenoise
//   dist/vendor/ol/ol.js, ol.css  the OpenLayers UMD build for the Django admin map widget
//   dist/basemap/fonts/<font>/<range>.pbf   basemap glyphs (fontnik, Debian's DejaVu), served at /fonts/
//   dist/basemap/sprites/basemap[@2x].*     basemap icons drawn by basemap/sprites.mjs, served at /sprites/
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

import * as esbuild from "esbuild";

import { writeGlyphs } from "./basemap/glyphs.mjs";
import { writeSprites } from "./basemap/sprites.mjs";

const root = dirname(fileURLToPath(import.meta.url));
const dist = join(root, "dist");
const modules = join(root, "node_modules");

// Everything is rebuilt but the glyphs, which writeGlyphs keeps while the fonts and fontnik are the same.
mkdirSync(dist, { recursive: true });
for (const entry of readdirSync(dist)) {
  if (entry !== "basemap") rmSync(join(dist, entry), { recursive: true, force: true });
}
rmSync(join(dist, "basemap", "sprites"), { recursive: true, force: true });
mkdirSync(join(dist, "vendor", "ol"), { recursive: true });

await esbuild.build({
  absWorkingDir: root,
  entryPoints: { main: "src/main.ts" },
  outdir: dist,
  bundle: true,
  format: "esm",
  platform: "browser",
  target: ["es2022"],
  minify: true,
  sourcemap: false,
  legalComments: "external",
  logLevel: "warning",
});

await esbuild.build({
  absWorkingDir: root,
  entryPoints: { main: "src/main.css" },
  outdir: dist,
  bundle: true,
  minify: true,
  logLevel: "warning",
});

const copies = [
  ["maplibre-gl/dist/maplibre-gl.css", "maplibre-gl.css"],
  ["maplibre-gl/dist/maplibre-gl-worker.mjs", "maplibre-gl-worker.mjs"],
  ["ol/dist/ol.js", "vendor/ol/ol.js"],
  ["ol/ol.css", "vendor/ol/ol.css"],
];
for (const [from, to] of copies) {
  copyFileSync(join(modules, from), join(dist, to));
}

// Pre-compressed copies that whitenoise serves to browsers that accept them (main.js: 1.2 MB → ~330 kB).
for (const name of ["main.js", "main.css", "maplibre-gl-worker.mjs", "maplibre-gl.css"]) {
  const bytes = readFileSync(join(dist, name));
  writeFileSync(join(dist, `${name}.gz`), gzipSync(bytes, { level: 9 }));
  writeFileSync(
    join(dist, `${name}.br`),
    brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
  );
}

await writeGlyphs(join(dist, "basemap", "fonts"));
writeSprites(join(dist, "basemap", "sprites"));
