// Validates one MapLibre style (JSON on stdin) with @maplibre/maplibre-gl-style-spec's validateStyleMin
// and prints the error messages as a JSON array of strings on stdout ([] when the style is valid).
// Usage: node validate_style.mjs PACKAGE_DIR < style.json   (called by layers/catalogue/style_spec.py)
import { pathToFileURL } from "node:url";

const packageDir = process.argv[2];
const entry = pathToFileURL(`${packageDir}/dist/validate_style.min.mjs`).href;
const { validateStyleMin } = await import(entry);

let input = "";
process.stdin.setEncoding("utf8");
for await (const chunk of process.stdin) input += chunk;

const errors = validateStyleMin(JSON.parse(input));
process.stdout.write(JSON.stringify(errors.map((error) => error.message)));
