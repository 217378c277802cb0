// SDF glyphs for the basemap's labels, built by fontnik (prebuilt binary, no download) from the fonts of
// Debian's fonts-dejavu-core. Each font becomes <dir>/<family> <style>/<start>-<end>.pbf for the 256
// ranges of 256 code points, as a MapLibre style's `glyphs` URL expects; the folder name is the font
// name the style uses ("DejaVu Sans Book", "DejaVu Sans Bold").
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { promisify } from "node:util";

import fontnik from "fontnik";

const load = promisify(fontnik.load);
const range = promisify(fontnik.range);

export const FONT_DIR = process.env.GEOPORTAL_FONT_DIR ?? "/usr/share/fonts/truetype/dejavu";
export const FONT_FILES = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"];

const STAMP = ".built-from.json";

/** What the glyphs were built from: fontnik's version and each font file's path, size and mtime. */
function provenance(files) {
  const { version } = createRequire(import.meta.url)("fontnik/package.json");
  const fonts = files.map((file) => {
    const stat = existsSync(file) ? statSync(file) : null;
    return [file, stat?.size ?? null, stat?.mtimeMs ?? null];
  });
  return JSON.stringify({ fontnik: version, fonts });
}

/**
 * Builds every glyph range of each font file into `dir` (a second build from the same fonts and fontnik
 * keeps the files: 512 ranges take seconds); returns the font names.
 */
export async function writeGlyphs(dir, files = FONT_FILES.map((name) => join(FONT_DIR, name))) {
  const stamp = join(dir, STAMP);
  const built = provenance(files);
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === built) {
    return JSON.parse(readFileSync(join(dir, ".names.json"), "utf8"));
  }
  rmSync(dir, { recursive: true, force: true });
  const names = [];
  for (const file of files) {
    let font;
    try {
      font = readFileSync(file);
    } catch (error) {
      throw new Error(`${file}: ${error.message} (install Debian's fonts-dejavu-core)`);
    }
    const [face] = await load(font);
    const name = `${face.family_name} ${face.style_name}`;
    const out = join(dir, name);
    mkdirSync(out, { recursive: true });
    const starts = Array.from({ length: 256 }, (_, i) => i * 256);
    const ranges = await Promise.all(starts.map((start) => range({ font, start, end: start + 255 })));
    starts.forEach((start, i) => writeFileSync(join(out, `${start}-${start + 255}.pbf`), ranges[i]));
    names.push(name);
  }
  writeFileSync(join(dir, ".names.json"), JSON.stringify(names));
  writeFileSync(stamp, built);
  return names;
}
