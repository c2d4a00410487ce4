// Runs every end-to-end test file with node's test runner (the Makefile's test-e2e target).
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import fs from 'node:fs';
import path from 'node:path';

const dir = path.dirname(new URL(import.meta.url).pathname);
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.test.mjs')).map((f) => path.join(dir, f));
// A hung browser fails its test after two minutes instead of stalling CI.
const stream = run({ files, concurrency: 1, timeout: 120_000 });
stream.on('test:fail', () => { process.exitCode = 1; });
stream.compose(spec).pipe(process.stdout);
