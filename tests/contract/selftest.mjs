#!/usr/bin/env node
// selftest.mjs — proves that check-exchanges.mjs accepts good exchanges and catches bad ones.
//
//   node tests/contract/selftest.mjs        (or: npm --prefix tests/contract run selftest)
//
// fixtures/good.jsonl: exchanges that follow ../../openapi.yaml; the checker must exit 0.
// fixtures/bad.jsonl: exchanges that each break one rule; each line carries "_expect", a piece
// of the violation message the checker must print for that line, and the checker must exit 1.
// Prints one line per case and finally "N passed, M failed"; exits 1 when any case failed.

import { spawnSync } from 'node:child_process';
import { parse as parseYaml } from 'yaml';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const spec = join(here, '..', '..', 'openapi.yaml');
const checker = join(here, 'check-exchanges.mjs');

function run(...args) {
  const r = spawnSync(process.execPath, [checker, ...args], { encoding: 'utf8' });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

const results = [];
function check(name, ok, details = '') {
  results.push(ok);
  console.log(`${ok ? 'ok' : 'FAIL'} - ${name}${ok || !details ? '' : `\n${details.replace(/^/gm, '    ')}`}`);
}

// good.jsonl: no violation.
const goodFile = join(here, 'fixtures', 'good.jsonl');
const goodLines = readFileSync(goodFile, 'utf8').split('\n').filter((l) => l.trim()).length;
const good = run(spec, goodFile);
check(`good.jsonl: exit 0 and "${goodLines} passed, 0 failed"`,
  good.code === 0 && good.out.includes(`contract: ${goodLines} exchanges checked, 0 violations`)
    && good.out.trimEnd().endsWith(`${goodLines} passed, 0 failed`), good.out);

// bad.jsonl: every line caught, with the expected message.
const badFile = join(here, 'fixtures', 'bad.jsonl');
const bad = run(spec, badFile);
check('bad.jsonl: exit 1', bad.code === 1, bad.out);
const badLines = readFileSync(badFile, 'utf8').split('\n');
let badCount = 0;
badLines.forEach((line, i) => {
  if (!line.trim()) return;
  badCount += 1;
  const { method, url, _expect: expect } = JSON.parse(line);
  const reported = bad.out.split('\n').filter((l) => l.startsWith(`bad.jsonl:${i + 1}: `));
  check(`bad.jsonl:${i + 1} ${method} ${url}: reports "${expect}"`,
    Boolean(expect) && reported.some((l) => l.includes(expect)), reported.join('\n') || '(nothing reported)');
});
check(`bad.jsonl: "0 passed, ${badCount} failed"`, bad.out.trimEnd().endsWith(`0 passed, ${badCount} failed`), bad.out);

// Every schema in the spec compiles with the checker's validator settings (no dangling $ref).
{
  const doc = parseYaml(readFileSync(spec, 'utf8'));
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
  addFormats(ajv);
  ajv.addFormat('int32', { type: 'number', validate: Number.isInteger });
  ajv.addFormat('int64', { type: 'number', validate: Number.isInteger });
  ajv.addSchema(doc, 'spec');
  const esc = (t) => t.replace(/~/g, '~0').replace(/\//g, '~1');
  const pointers = Object.keys(doc.components.schemas).map((n) => `#/components/schemas/${esc(n)}`);
  for (const [name, response] of Object.entries(doc.components.responses)) {
    for (const type of Object.keys(response.content || {})) {
      pointers.push(`#/components/responses/${esc(name)}/content/${esc(type)}/schema`);
    }
  }
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      for (const [code, response] of Object.entries(op.responses || {})) {
        for (const type of Object.keys(response.content || {})) {
          pointers.push(`#/paths/${esc(path)}/${method}/responses/${code}/content/${esc(type)}/schema`);
        }
      }
    }
  }
  const broken = [];
  for (const pointer of pointers) {
    try {
      ajv.compile({ $ref: `spec${pointer}` });
    } catch (err) {
      broken.push(`${pointer}: ${err.message}`);
    }
  }
  check(`openapi.yaml: all ${pointers.length} schemas compile`, broken.length === 0, broken.join('\n'));
}

const dir = mkdtempSync(join(tmpdir(), 'contract-selftest-'));

// Every response example in the spec, replayed as an exchange, passes the checker: the examples
// front-end teams copy from are what the checker accepts (JSON schemas and CSV patterns alike).
{
  const doc = parseYaml(readFileSync(spec, 'utf8'));
  const resolve = (node) => {
    while (node && typeof node.$ref === 'string') {
      node = node.$ref.slice(2).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'))
        .reduce((n, k) => n[k], doc);
    }
    return node;
  };
  const lines = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    const url = path.replace(/\{[^{}]+\}/g, (p) => (p === '{year}' ? '2024' : 'x'));
    for (const [method, op] of Object.entries(item)) {
      if (method === 'parameters') continue;
      for (const [code, ref] of Object.entries(op.responses || {})) {
        const response = resolve(ref);
        for (const [type, media] of Object.entries(response.content || {})) {
          for (const [name, example] of Object.entries(media.examples || {})) {
            const value = resolve(example).value;
            if (value === undefined) continue;
            const isJson = type === 'application/json' || type.endsWith('+json');
            const body = typeof value === 'string' && !isJson ? value : JSON.stringify(value);
            lines.push(JSON.stringify({ method: method.toUpperCase(), url, status: Number(code), content_type: type, body, _example: `${method.toUpperCase()} ${path} ${code} ${type} ${name}` }));
          }
        }
      }
    }
  }
  const file = join(dir, 'examples.jsonl');
  writeFileSync(file, `${lines.join('\n')}\n`);
  const r = run(spec, file);
  const named = r.out.replace(/^examples\.jsonl:(\d+):/gm, (m, n) => `${JSON.parse(lines[n - 1])._example}:`);
  check(`openapi.yaml: all ${lines.length} response examples pass the checker`,
    r.code === 0 && r.out.includes(`contract: ${lines.length} exchanges checked, 0 violations`), named);
}

// An empty exchanges file is a failure (a recording that captured nothing), bad usage is exit 2.
writeFileSync(join(dir, 'empty.jsonl'), '\n');
check('empty file: exit 1', run(spec, join(dir, 'empty.jsonl')).code === 1);
check('bad usage: exit 2', run(spec).code === 2);
writeFileSync(join(dir, 'garbage.jsonl'), 'not json\n');
const garbage = run(spec, join(dir, 'garbage.jsonl'));
check('unparseable line: reported, exit 1', garbage.code === 1 && garbage.out.includes('unreadable exchange'), garbage.out);

const failed = results.filter((ok) => !ok).length;
console.log(`selftest: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
