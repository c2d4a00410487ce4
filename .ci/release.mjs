// `make release`: the package a vendor installs without Rust. From dist/ (make build) it stages
// target/package/ with the widget's static files (the glue and the wasm under versioned names, so
// a cache never serves last version's wasm to this version's loader), the iframe surface, the
// JSON Schemas, TypeScript types generated from those schemas, the custom-elements manifest,
// the docs, the licences, SHA256SUMS and sri.json; then `npm pack` makes
// target/pakkeforloeb-<version>.tgz, which is both the download and the npm package.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { compile } from 'json-schema-to-typescript';
import { minify } from './minify.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dist = path.join(root, 'dist');
const out = path.join(root, 'target', 'package');
const version = fs.readFileSync(path.join(root, 'Cargo.toml'), 'utf8').match(/^version = "([^"]+)"/m)[1];

fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(path.join(out, 'types'), { recursive: true });
const copy = (from, to = path.basename(from)) => {
  fs.mkdirSync(path.dirname(path.join(out, to)), { recursive: true });
  fs.cpSync(from, path.join(out, to), { recursive: true });
};

// The widget. The entry keeps its name (hosts point a script tag at it; serve it with
// Cache-Control: no-cache); what it loads carries the version.
const glue = `pakkeforloeb-widget.${version}.js`;
const wasm = `pakkeforloeb-widget.${version}_bg.wasm`;
const sha384 = (bytes) => 'sha384-' + crypto.createHash('sha384').update(bytes).digest('base64');
const fhirGlue = `pakkeforloeb-fhir.${version}.js`;
const fhirWasm = `pakkeforloeb-fhir.${version}_bg.wasm`;
copy(path.join(dist, 'pakkeforloeb-widget.js'), glue);
copy(path.join(dist, 'pakkeforloeb-widget_bg.wasm'), wasm);
copy(path.join(dist, 'pakkeforloeb-fhir.js'), fhirGlue);
copy(path.join(dist, 'pakkeforloeb-fhir_bg.wasm'), fhirWasm);
// The entry is rewritten from its source (dist/ holds it minified) and minified after.
const entry = fs.readFileSync(path.join(root, 'public', 'pakkeforloeb.js'), 'utf8');
for (const text of ['./pakkeforloeb-widget.js', './pakkeforloeb-widget_bg.wasm', 'fetch(wasmUrl)',
  './pakkeforloeb-fhir.js', './pakkeforloeb-fhir_bg.wasm', 'fetch(fhirWasmUrl)']) {
  if (!entry.includes(text)) throw new Error(`pakkeforloeb.js no longer has ${text}: update .ci/release.mjs`);
}
// The entry fetches the wasm with its integrity, so a script tag's SRI covers the wasm too.
fs.writeFileSync(
  path.join(out, 'pakkeforloeb.js'),
  minify(entry
    .replace('./pakkeforloeb-widget_bg.wasm', `./${wasm}`)
    .replace('./pakkeforloeb-widget.js', `./${glue}`)
    .replace('fetch(wasmUrl)', `fetch(wasmUrl, { integrity: ${JSON.stringify(sha384(fs.readFileSync(path.join(out, wasm))))} })`)
    .replace('./pakkeforloeb-fhir_bg.wasm', `./${fhirWasm}`)
    .replace('./pakkeforloeb-fhir.js', `./${fhirGlue}`)
    .replace('fetch(fhirWasmUrl)', `fetch(fhirWasmUrl, { integrity: ${JSON.stringify(sha384(fs.readFileSync(path.join(out, fhirWasm))))} })`)),
);
copy(path.join(dist, 'frame.html'));
copy(path.join(dist, 'frame.js'));
copy(path.join(dist, 'schema'), 'schema');

// Types: the data types generated from the committed schemas; the API surface beside them.
for (const [file, name] of [['input', 'Input'], ['plan', 'Plan']]) {
  const schema = JSON.parse(fs.readFileSync(path.join(root, 'public/schema', `${file}.schema.json`), 'utf8'));
  schema.title = name;
  const ts = await compile(schema, name, {
    bannerComment: `// Generated from schema/${file}.schema.json by json-schema-to-typescript. Do not edit.`,
    additionalProperties: false,
  });
  fs.writeFileSync(path.join(out, 'types', `${file}.d.ts`), ts);
}
copy(path.join(root, 'public/types/index.d.ts'), 'types/index.d.ts');
copy(path.join(root, 'public/types/custom-elements.json'), 'custom-elements.json');

// Docs and licences.
copy(path.join(root, 'public/docs/package-readme.md'), 'README.md');
copy(path.join(root, 'public/docs/CHANGELOG.md'), 'CHANGELOG.md');
for (const f of ['contract.md', 'host-api.md', 'fhir.md', 'integration.md', 'intended-use.md', 'accessibility.md', 'glossary.md', 'safety/hazards.md']) {
  copy(path.join(root, 'public/docs', f), path.join('docs', f));
}
for (const f of ['LICENSE-MIT', 'LICENSE-APACHE', 'NOTICE.md']) copy(path.join(root, 'public/docs/legal', f), f);

// Precompressed beside each file a page loads (brotli and gzip at their best settings), for
// static servers that send them as they are (nginx gzip_static/brotli_static, Caddy's
// precompressed): a server that compresses nothing would send the wasm at four times the bytes.
const COMPRESSED = ['pakkeforloeb.js', glue, wasm, fhirGlue, fhirWasm, 'frame.js'];
for (const f of COMPRESSED) {
  const bytes = fs.readFileSync(path.join(out, f));
  fs.writeFileSync(path.join(out, `${f}.br`), zlib.brotliCompressSync(bytes, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  }));
  fs.writeFileSync(path.join(out, `${f}.gz`), zlib.gzipSync(bytes, { level: 9 }));
}

const pkg = {
  name: 'pakkeforloeb',
  version,
  description: 'Decision support for the Danish pakkeforløb in the browser: needs assessment, differentiation and treatment plan, with no server.',
  license: 'MIT OR Apache-2.0',
  type: 'module',
  main: './pakkeforloeb.js',
  types: './types/index.d.ts',
  customElements: './custom-elements.json',
  exports: {
    '.': { types: './types/index.d.ts', default: './pakkeforloeb.js' },
    './frame.html': './frame.html',
    './schema/*': './schema/*',
    './custom-elements.json': './custom-elements.json',
    './package.json': './package.json',
  },
  files: ['pakkeforloeb.js', glue, wasm, fhirGlue, fhirWasm, 'frame.html', 'frame.js', 'schema/', 'types/', 'docs/',
    'custom-elements.json', 'README.md', 'CHANGELOG.md', 'LICENSE-MIT', 'LICENSE-APACHE', 'NOTICE.md',
    'SHA256SUMS', 'sri.json', ...COMPRESSED.flatMap((f) => [`${f}.br`, `${f}.gz`])],
  sideEffects: ['./pakkeforloeb.js'],
  keywords: ['pakkeforløb', 'almen praksis', 'behandlingsplan', 'web-component', 'webassembly', 'fhir'],
};
fs.writeFileSync(path.join(out, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');

// Integrity: SRI for the files a page loads, SHA-256 for every file.
const sri = {};
for (const f of ['pakkeforloeb.js', glue, wasm, fhirGlue, fhirWasm]) {
  sri[f] = sha384(fs.readFileSync(path.join(out, f)));
}
fs.writeFileSync(path.join(out, 'sri.json'), JSON.stringify(sri, null, 2) + '\n');
const files = [];
const walk = (dir) => {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else files.push(path.relative(out, p));
  }
};
walk(out);
const sums = files.sort().map((f) => `${crypto.createHash('sha256').update(fs.readFileSync(path.join(out, f))).digest('hex')}  ${f}`);
fs.writeFileSync(path.join(out, 'SHA256SUMS'), sums.join('\n') + '\n');

execFileSync('npm', ['pack', '--silent', '--pack-destination', path.join(root, 'target')], { cwd: out, stdio: ['ignore', 'inherit', 'inherit'] });
const tgz = path.join(root, 'target', `pakkeforloeb-${version}.tgz`);
const digest = crypto.createHash('sha256').update(fs.readFileSync(tgz)).digest('hex');
fs.writeFileSync(`${tgz}.sha256`, `${digest}  pakkeforloeb-${version}.tgz\n`);
console.log(`release: ${path.relative(root, tgz)} (sha256 ${digest.slice(0, 16)}…)`);
console.log(`  <script type="module" src="…/pakkeforloeb.js" integrity="${sri['pakkeforloeb.js']}" crossorigin="anonymous"></script>`);
