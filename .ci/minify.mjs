// Minifies the JavaScript a host page loads for the widget: the entry module, the wasm-bindgen
// glue and the FHIR module's glue. Run by Trunk after every build (Trunk.toml's post_build hook,
// on its staging directory) and by .ci/release.mjs for the versioned entry. About 4 KiB brotli
// less on every page; the readable entry stays in the repository (public/pakkeforloeb.js) and
// the glue is generated. esbuild (package.json) keeps the exports' names and `/*! … */` comments.
import fs from 'node:fs';
import path from 'node:path';
import { transformSync } from 'esbuild';

export const MINIFIED = ['pakkeforloeb.js', 'pakkeforloeb-widget.js', 'pakkeforloeb-fhir.js'];

/** The minified text of an ES module. */
export function minify(code) {
  return transformSync(code, {
    format: 'esm', minify: true, target: 'es2022', legalComments: 'inline', charset: 'utf8',
  }).code;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
  if (!dir) throw new Error('minify: no TRUNK_STAGING_DIR and no directory given');
  for (const name of MINIFIED) {
    const file = path.join(dir, name);
    if (!fs.existsSync(file)) throw new Error(`minify: ${file} is missing`);
    fs.writeFileSync(file, minify(fs.readFileSync(file, 'utf8')));
  }
}
