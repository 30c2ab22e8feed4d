#!/usr/bin/env node
// check-exchanges.mjs — checks recorded HTTP exchanges against the OpenAPI 3.1 contract.
//
// Usage (from the repository root, after `npm ci --prefix tests/contract`):
//
//   node tests/contract/check-exchanges.mjs openapi.yaml exchanges.jsonl
//
// exchanges.jsonl holds one JSON object per line (blank lines are skipped):
//
//   {"method": "PATCH", "url": "/v1/districts/code:452?x=1", "status": 412,
//    "content_type": "application/problem+json", "body": "{\"type\": ...}"}
//
// `content_type` is the response's Content-Type header (parameters allowed) or null when there is
// no body; `body` is the raw response body text, or null (or "") when there is none. `url` is the
// request target: a path with an optional query, or an absolute URL. An answer sent with a
// Content-Encoding also carries `content_encoding` (the header's value), its raw (encoded) body
// as `body_base64` instead of `body`, and `vary` (the Vary header's value, or null). Other keys
// are ignored.
//
// Rules, per exchange:
//   - The url's path (query and fragment dropped) is matched against the spec's paths, segment
//     by segment: a literal segment must equal the percent-decoded request segment, and a
//     template segment such as {district} matches any one non-empty segment (so `code:452` and
//     `code%3A452` both match), and one with a literal suffix such as {entity}.csv any one
//     whose decoded text ends in the suffix after at least one character. When several paths
//     match, the one with the most literal segments wins (/v1/tokens/me would beat
//     /v1/tokens/{token}; a suffixed template counts half: /v1/exports/{entity}.csv beats
//     /v1/exports/{entity}). A trailing slash is an
//     empty segment, so /v1/districts/ matches nothing.
//   - Documented path and method: the status must be documented for the operation (an exact
//     code, an `NXX` range or `default`). If there is a body, its media type (content_type
//     without parameters, case-insensitive) must be documented for that status; a JSON body
//     (application/json or any +json type) must parse and validate against the schema (ajv,
//     draft 2020-12, formats on, strict off, $refs resolved against the spec). A documented
//     response without content (204, 304) must have no body; a documented body must be there.
//     A text body (text/csv, application/yaml, text/plain) is validated, as a string, against its
//     documented schema: the CSV schemas' `pattern` fixes the byte-order mark, the header row,
//     CRLF line ends, RFC 4180 quoting and the number of fields per row. A CSV body that fails
//     gets a plain-words diagnosis (first problem found) instead of the whole pattern.
//   - Content coding: an encoded answer's coding must be one the contract documents (the enum of
//     components.headers.ContentEncoding), its Vary must list Accept-Encoding, and its body must
//     decode (gzip: inflate as one whole gzip member, to UTF-8 text); the decoded body is then
//     checked like any other by the rules below.
//   - HEAD is checked as GET without a body.
//   - OPTIONS is CORS preflight on any path: 204 without a body, or 403 with a Problem body.
//   - Documented path, undocumented method: 405 (or 401 on a path whose operations all need a
//     token); any body must be a Problem (components.responses.MethodNotAllowed).
//   - Unknown path: 404 with a Problem body (components.responses.NotFound).
//
// Self-test (good and bad fixtures in fixtures/, each bad line naming the violation it must
// produce): `npm --prefix tests/contract run selftest`. Lint of the spec itself:
// `npm --prefix tests/contract run lint`.
//
// Output: one line per violation, "<file>:<line>: METHOD url -> status: what is wrong", then
// "contract: N exchanges checked, V violations" and "P passed, F failed" (P + F = N, an exchange
// with several violations fails once). Exit status: 0 when there is no violation, 1 when there
// is any (or when the file holds no exchange at all), 2 on bad usage or an unreadable spec.

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse as parseYaml } from 'yaml';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const SPEC_ID = 'openapi-spec';

function die(message) {
  console.error(`check-exchanges: ${message}`);
  process.exit(2);
}

// ---- the spec -------------------------------------------------------------------------------

function escapePointer(token) {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

function unescapePointer(token) {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Resolves a local JSON pointer ("#/a/b") in doc; throws when it leads nowhere. */
function getPointer(doc, pointer) {
  if (!pointer.startsWith('#')) throw new Error(`only local $refs are supported: ${pointer}`);
  let node = doc;
  for (const raw of pointer.slice(1).split('/').slice(1)) {
    const key = unescapePointer(decodeURIComponent(raw));
    if (node === null || typeof node !== 'object' || !(key in node)) {
      throw new Error(`$ref ${pointer} does not resolve`);
    }
    node = node[key];
  }
  return node;
}

/** Follows $ref chains from the object at pointer; returns {node, pointer} of the target. */
function deref(doc, node, pointer) {
  const seen = new Set();
  while (node && typeof node === 'object' && typeof node.$ref === 'string') {
    if (seen.has(node.$ref)) throw new Error(`$ref cycle at ${node.$ref}`);
    seen.add(node.$ref);
    pointer = node.$ref;
    node = getPointer(doc, pointer);
  }
  return { node, pointer };
}

function loadSpec(file) {
  let doc;
  try {
    doc = parseYaml(readFileSync(file, 'utf8'));
  } catch (err) {
    die(`cannot read ${file}: ${err.message}`);
  }
  if (!doc || typeof doc !== 'object' || !String(doc.openapi || '').startsWith('3.1')) {
    die(`${file} is not an OpenAPI 3.1 document`);
  }
  const paths = Object.keys(doc.paths || {}).map((template) => {
    const segments = template.split('/').slice(1).map((s) => {
      const m = /^\{([^{}]+)\}([^{}]*)$/.exec(s);
      if (!m) return { literal: s };
      return m[2] ? { param: m[1], suffix: m[2] } : { param: m[1] };
    });
    const pathItem = deref(doc, doc.paths[template], `#/paths/${escapePointer(template)}`);
    return {
      template,
      segments,
      // a template with a literal suffix ({entity}.csv) is more precise than a bare one
      literals: segments.reduce((n, s) => n + ('literal' in s ? 1 : 'suffix' in s ? 0.5 : 0), 0),
      item: pathItem.node,
      pointer: pathItem.pointer,
    };
  });
  // A path relative server URL ("/api") is a prefix of every path; "/" or an absolute URL adds none.
  let prefix = '';
  const server = doc.servers && doc.servers[0] && doc.servers[0].url;
  if (typeof server === 'string' && server.startsWith('/')) prefix = server.replace(/\/+$/, '');
  return { doc, paths, prefix };
}

function makeValidator(doc) {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
  addFormats(ajv);
  // OpenAPI's own integer formats; ajv-formats does not know them.
  ajv.addFormat('int32', { type: 'number', validate: (n) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
  ajv.addFormat('int64', { type: 'number', validate: (n) => Number.isInteger(n) });
  ajv.addSchema(doc, SPEC_ID);
  const cache = new Map();
  return (pointer, value) => {
    let validate = cache.get(pointer);
    if (!validate) {
      validate = ajv.compile({ $ref: `${SPEC_ID}${pointer}` });
      cache.set(pointer, validate);
    }
    if (validate(value)) return [];
    return (validate.errors || []).map((e) => {
      const where = e.instancePath || '(root)';
      const extra = e.keyword === 'additionalProperties' ? ` '${e.params.additionalProperty}'`
        : e.keyword === 'unevaluatedProperties' ? ` '${e.params.unevaluatedProperty}'`
        : e.keyword === 'enum' ? ` ${JSON.stringify(e.params.allowedValues)}` : '';
      return `${where} ${e.message}${extra}`;
    });
  };
}

// ---- matching -------------------------------------------------------------------------------

function splitUrl(url) {
  let path = url;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) {
    path = new URL(path).pathname;
  }
  const cut = path.search(/[?#]/);
  return cut >= 0 ? path.slice(0, cut) : path;
}

function decodeSegment(segment) {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null; // malformed escape: matches templates only as the raw text, literals never
  }
}

/** The spec path matching rawPath, or null. */
function matchPath(spec, rawPath) {
  let path = rawPath;
  if (spec.prefix) {
    if (path !== spec.prefix && !path.startsWith(`${spec.prefix}/`)) return null;
    path = path.slice(spec.prefix.length) || '/';
  }
  if (!path.startsWith('/')) return null;
  const request = path.split('/').slice(1);
  let best = null;
  for (const candidate of spec.paths) {
    if (candidate.segments.length !== request.length) continue;
    const ok = candidate.segments.every((seg, i) => {
      if ('literal' in seg) return decodeSegment(request[i]) === seg.literal;
      if ('suffix' in seg) {
        const text = decodeSegment(request[i]);
        return text !== null && text.length > seg.suffix.length && text.endsWith(seg.suffix);
      }
      return request[i].length > 0;
    });
    if (ok && (!best || candidate.literals > best.literals)) best = candidate;
  }
  return best;
}

function mediaType(contentType) {
  return String(contentType).split(';')[0].trim().toLowerCase();
}

function isJsonType(type) {
  return type === 'application/json' || /^[a-z0-9.+-]+\/[a-z0-9.+-]*\+json$/.test(type);
}

/** Finds the documented content key for a media type, honouring type/* and *\/* ranges. */
function findContent(content, type) {
  const keys = Object.keys(content || {});
  const norm = (k) => mediaType(k);
  return keys.find((k) => norm(k) === type)
    ?? keys.find((k) => norm(k).endsWith('/*') && type.startsWith(norm(k).slice(0, -1)))
    ?? keys.find((k) => norm(k) === '*/*')
    ?? null;
}

function hasBody(exchange) {
  return exchange.body !== null && exchange.body !== undefined && exchange.body !== '';
}

// ---- the checks -----------------------------------------------------------------------------

/** Checks a body (if any) against the response object at respPointer. Returns problems. */
function checkBodyAgainst(spec, validate, response, respPointer, exchange, { bodyAllowed = true } = {}) {
  const problems = [];
  const content = response.content || {};
  const documented = Object.keys(content);
  if (!hasBody(exchange)) {
    if (documented.length > 0 && bodyAllowed) {
      problems.push(`no body, but the contract documents a ${documented.join(' or ')} body for this status`);
    }
    return problems;
  }
  if (!bodyAllowed) {
    problems.push('has a body, but this answer must have none');
    return problems;
  }
  if (documented.length === 0) {
    problems.push('has a body, but the contract documents no body for this status');
    return problems;
  }
  if (exchange.content_type === null || exchange.content_type === undefined || exchange.content_type === '') {
    problems.push('has a body but no Content-Type');
    return problems;
  }
  const type = mediaType(exchange.content_type);
  const key = findContent(content, type);
  if (key === null) {
    problems.push(`media type ${type} is not documented for this status (documented: ${documented.join(', ')})`);
    return problems;
  }
  if (!isJsonType(type)) {
    // Text bodies: validated as a string against the documented schema (e.g. the CSV pattern).
    const schema = content[key] && content[key].schema;
    if (schema === undefined) return problems;
    const schemaPointer = `${respPointer}/content/${escapePointer(key)}/schema`;
    const messages = validate(schemaPointer, exchange.body);
    if (messages.length === 0) return problems;
    if (type === 'text/csv') {
      const target = deref(spec.doc, schema, schemaPointer).node;
      const name = typeof schema.$ref === 'string' ? schema.$ref.split('/').pop() : 'the CSV schema';
      const sep = /[?&]sep=semicolon(&|$)/.test(exchange.url ?? '') ? ';' : ',';
      const why = diagnoseCsv(exchange.body, expectedCsvHeader(target, sep), sep);
      problems.push(`body does not match schema: CSV does not follow ${name}: ${why ?? messages.join('; ')}`);
      return problems;
    }
    for (const message of messages) problems.push(`body does not match schema: ${message}`);
    return problems;
  }
  let value;
  try {
    value = JSON.parse(exchange.body);
  } catch (err) {
    problems.push(`body is not valid JSON: ${err.message}`);
    return problems;
  }
  if (content[key] && content[key].schema !== undefined) {
    const schemaPointer = `${respPointer}/content/${escapePointer(key)}/schema`;
    for (const message of validate(schemaPointer, value)) problems.push(`body does not match schema: ${message}`);
  }
  if (type === 'application/problem+json' && value && typeof value === 'object') {
    problems.push(...checkProblemConsistency(value, Number(exchange.status)));
  }
  return problems;
}

// ---- CSV diagnosis ----------------------------------------------------------------------------

/**
 * The header row a CSV schema's pattern starts with ("^\uFEFFa,b,c\r\n..."), or null. A schema
 * whose `anyOf` gives one pattern per separator (`sep=comma|semicolon`) gives the header of the
 * branch written with sep.
 */
function expectedCsvHeader(target, sep) {
  const patterns = target && typeof target.pattern === 'string' ? [target.pattern]
    : (target && Array.isArray(target.anyOf) ? target.anyOf.map((b) => b && b.pattern) : []);
  const headers = patterns
    .map((p) => (typeof p === 'string' ? /^\^\\uFEFF([^\\()[\]]*)\\r\\n/.exec(p) : null))
    .filter((m) => m !== null)
    .map((m) => m[1]);
  return headers.find((h) => h.includes(sep)) ?? headers[0] ?? null;
}

/**
 * The first way text breaks the CSV rules of the contract (openapi.yaml, info: "CSV"), in plain
 * words, or null when none is found: byte-order mark, CRLF line ends, RFC 4180 quoting (a field
 * holding a comma, semicolon, quote, CR or LF must be quoted; with sep ';', one holding a
 * semicolon, quote, CR or LF), the header row, and the same number of fields in every row.
 */
function diagnoseCsv(text, header, sep = ',') {
  if (!text.startsWith('\uFEFF')) return 'no UTF-8 byte-order mark at the start';
  const rows = [];
  let row = [];
  let field = '';
  let line = 1;
  let i = 1;
  const where = () => `line ${line}, field ${row.length + 1}`;
  while (i < text.length) {
    if (text[i] === '"' && field === '') {
      // quoted field
      i += 1;
      for (;;) {
        if (i >= text.length) return `${where()}: quoted field is not closed`;
        if (text[i] === '"') {
          if (text[i + 1] === '"') { field += '"'; i += 2; continue; }
          i += 1;
          break;
        }
        if (text[i] === '\n') line += 1;
        field += text[i];
        i += 1;
      }
      if (i < text.length && text[i] !== sep && text[i] !== '\r') {
        return `${where()}: text after the closing quote of a quoted field`;
      }
      field = `\u0000${field}`; // mark as quoted so the unquoted-field checks below skip it
    } else if (text[i] !== sep && text[i] !== '\r' && text[i] !== '\n') {
      const c = text[i];
      if (c === '"' || (sep === ',' && c === ';')) return `${where()}: unquoted field holds ${c === '"' ? 'a quote' : 'a semicolon'}`;
      field += c;
      i += 1;
      continue;
    }
    if (i >= text.length) break;
    if (text[i] === sep) {
      row.push(field);
      field = '';
      i += 1;
    } else if (text[i] === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      line += 1;
      i += 2;
    } else if (text[i] === '\n') {
      return `line ${line} ends in a bare LF, not CRLF`;
    } else {
      return `line ${line}: a bare CR outside a quoted field`;
    }
  }
  if (field !== '' || row.length > 0) return `line ${line} (the last) does not end in CRLF`;
  if (rows.length === 0) return 'no header row';
  const got = rows[0].map((f) => f.replace(/^\u0000/, '')).join(sep);
  if (header !== null && got !== header) return `header row is "${got}", expected "${header}"`;
  const width = rows[0].length;
  for (let r = 1; r < rows.length; r += 1) {
    if (rows[r].length !== width) return `row ${r + 1} has ${rows[r].length} fields, the header row ${width}`;
  }
  return null;
}

// The status each problem type goes with (openapi.yaml, info: "Errors"). A problem document's
// `status` member must equal the HTTP status, and its `type` must be one that goes with it.
const PROBLEM_STATUS = {
  'urn:edudx:problem:bad-request': 400,
  'urn:edudx:problem:unauthorized': 401,
  'urn:edudx:problem:forbidden': 403,
  'urn:edudx:problem:not-found': 404,
  'urn:edudx:problem:method-not-allowed': 405,
  'urn:edudx:problem:conflict': 409,
  'urn:edudx:problem:precondition-failed': 412,
  'urn:edudx:problem:precondition-required': 428,
  'urn:edudx:problem:payload-too-large': 413,
  'urn:edudx:problem:unsupported-media-type': 415,
  'urn:edudx:problem:validation-failed': 422,
  'urn:edudx:problem:idempotency-key-reused': 422,
  'urn:edudx:problem:internal': 500,
  'urn:edudx:problem:unavailable': 503,
};

function checkProblemConsistency(problem, status) {
  const problems = [];
  if (typeof problem.status === 'number' && problem.status !== status) {
    problems.push(`problem document says status ${problem.status} but the answer is ${status}`);
  }
  const expected = PROBLEM_STATUS[problem.type];
  if (expected !== undefined && expected !== status) {
    problems.push(`problem type ${problem.type} goes with status ${expected}, not ${status}`);
  }
  return problems;
}

function checkProblemBody(spec, validate, componentName, exchange) {
  const pointer = `#/components/responses/${componentName}`;
  let response;
  try {
    response = getPointer(spec.doc, pointer);
  } catch {
    return [`spec error: ${pointer} is missing, so this answer cannot be checked`];
  }
  if (!hasBody(exchange)) return []; // a body is optional here (HEAD has none)
  return checkBodyAgainst(spec, validate, response, pointer, exchange);
}

function requiresToken(spec, op) {
  const security = op.security !== undefined ? op.security : spec.doc.security;
  if (!Array.isArray(security) || security.length === 0) return false;
  return !security.some((req) => req && Object.keys(req).length === 0);
}

// How each content coding is undone. gunzipSync checks each gzip member's CRC-32 and length, and
// refuses a truncated member or bytes after the last one that are not another member.
const DECODERS = { gzip: (bytes) => gunzipSync(bytes) };

/** The content codings the contract documents (components.headers.ContentEncoding's enum). */
function documentedCodings(spec) {
  const header = spec.doc.components && spec.doc.components.headers
    && spec.doc.components.headers.ContentEncoding;
  const values = header && header.schema && header.schema.enum;
  return Array.isArray(values) ? values.map((v) => String(v).toLowerCase()) : [];
}

/**
 * Undoes the content coding of an exchange: returns {exchange, problems}, the exchange with its
 * decoded body as `body` (unchanged when it has no coding), or problems when it cannot be decoded.
 */
function decodeExchange(spec, exchange) {
  const coding = String(exchange.content_encoding ?? '').trim().toLowerCase();
  if (coding === '' || coding === 'identity') {
    if (typeof exchange.body_base64 !== 'string') return { exchange, problems: [] };
    const body = Buffer.from(exchange.body_base64, 'base64').toString('utf8');
    return { exchange: { ...exchange, body }, problems: [] };
  }
  const codings = documentedCodings(spec);
  if (!codings.includes(coding)) {
    const documented = codings.join(', ') || 'none';
    return {
      exchange,
      problems: [`content coding ${coding} is not documented (documented: ${documented})`],
      fatal: true,
    };
  }
  const problems = [];
  const varies = String(exchange.vary ?? '').split(',')
    .some((v) => v.trim().toLowerCase() === 'accept-encoding');
  if (exchange.vary !== undefined && !varies) {
    problems.push(`a ${coding}-encoded answer must list Accept-Encoding in Vary `
      + `(Vary: ${exchange.vary ?? 'absent'})`);
  }
  const raw = typeof exchange.body_base64 === 'string' ? Buffer.from(exchange.body_base64, 'base64')
    : Buffer.from(exchange.body ?? '', 'utf8');
  if (raw.length === 0) return { exchange: { ...exchange, body: null }, problems };
  const decode = DECODERS[coding];
  if (!decode) {
    problems.push(`the checker cannot decode the documented coding ${coding}`);
    return { exchange, problems, fatal: true };
  }
  let text;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(decode(raw));
  } catch (err) {
    problems.push(`body does not decode as ${coding}: ${err.message}`);
    return { exchange, problems, fatal: true };
  }
  return { exchange: { ...exchange, body: text }, problems };
}

function checkExchange(spec, validate, recorded) {
  const decoded = decodeExchange(spec, recorded);
  if (decoded.fatal) return decoded.problems;
  return [...decoded.problems, ...checkDecodedExchange(spec, validate, decoded.exchange)];
}

function checkDecodedExchange(spec, validate, exchange) {
  const method = String(exchange.method || '').toUpperCase();
  const status = Number(exchange.status);
  if (!method) return ['no method'];
  if (typeof exchange.url !== 'string' || exchange.url === '') return ['no url'];
  if (!Number.isInteger(status) || status < 100 || status > 599) return [`bad status ${JSON.stringify(exchange.status)}`];
  if (exchange.body !== null && exchange.body !== undefined && typeof exchange.body !== 'string') {
    return ['body must be a string (the raw body text) or null'];
  }

  let rawPath;
  try {
    rawPath = splitUrl(exchange.url);
  } catch (err) {
    return [`bad url: ${err.message}`];
  }
  const match = matchPath(spec, rawPath);

  if (method === 'OPTIONS') {
    // CORS preflight, never documented: 204 without a body, or 403 with a Problem.
    if (status === 204) return hasBody(exchange) ? ['OPTIONS preflight 204 must have no body'] : [];
    if (status === 403) {
      if (!hasBody(exchange)) return ['OPTIONS preflight 403 must carry a Problem body'];
      return checkProblemBody(spec, validate, 'Forbidden', exchange);
    }
    if (match && status === 405) return checkProblemBody(spec, validate, 'MethodNotAllowed', exchange);
    if (!match && status === 404) return checkProblemBody(spec, validate, 'NotFound', exchange);
    return [`OPTIONS (CORS preflight) must answer 204 or 403, not ${status}`];
  }

  if (!match) {
    const problems = [];
    if (status !== 404) problems.push(`path ${rawPath} is not in the contract, so the answer must be 404, not ${status}`);
    if (!hasBody(exchange)) {
      if (method !== 'HEAD') problems.push('an unknown path must answer a Problem body');
    } else {
      problems.push(...checkProblemBody(spec, validate, 'NotFound', exchange));
    }
    return problems;
  }

  const lower = method.toLowerCase();
  const isHead = lower === 'head' && !match.item.head && match.item.get;
  const opKey = isHead ? 'get' : lower;
  const op = HTTP_METHODS.includes(opKey) ? match.item[opKey] : undefined;

  if (!op) {
    const documentedOps = HTTP_METHODS.filter((m) => match.item[m]).map((m) => match.item[m]);
    const allNeedToken = documentedOps.length > 0 && documentedOps.every((o) => requiresToken(spec, o));
    if (status === 405 || (status === 401 && allNeedToken)) {
      return checkProblemBody(spec, validate, status === 405 ? 'MethodNotAllowed' : 'Unauthorized', exchange);
    }
    const allowed = allNeedToken ? '405 (or 401)' : '405';
    return [`${method} is not documented for ${match.template}, so the answer must be ${allowed}, not ${status}`];
  }

  if (isHead && status === 405) {
    // A server that does not serve HEAD as GET: treated as an undocumented method.
    return checkProblemBody(spec, validate, 'MethodNotAllowed', exchange);
  }

  const opPointer = `${match.pointer}/${opKey}`;
  const responses = op.responses || {};
  const code = String(status);
  const range = `${code[0]}XX`;
  const key = code in responses ? code
    : Object.keys(responses).find((k) => k.toUpperCase() === range)
      ?? ('default' in responses ? 'default' : null);
  if (key === null) {
    return [`status ${status} is not documented for ${method === 'HEAD' ? 'GET (HEAD)' : method} ${match.template} `
      + `(documented: ${Object.keys(responses).join(', ')})`];
  }
  let resolved;
  try {
    resolved = deref(spec.doc, responses[key], `${opPointer}/responses/${escapePointer(key)}`);
  } catch (err) {
    return [`spec error: ${err.message}`];
  }
  const noBody = isHead || lower === 'head' || status === 304 || status === 204 || (status >= 100 && status < 200);
  if (noBody) {
    return hasBody(exchange) ? [`a ${isHead || lower === 'head' ? 'HEAD answer' : `${status} answer`} must have no body`] : [];
  }
  return checkBodyAgainst(spec, validate, resolved.node, resolved.pointer, exchange);
}

// ---- main -----------------------------------------------------------------------------------

function main(argv) {
  if (argv.length !== 2 || argv.includes('-h') || argv.includes('--help')) {
    console.error('usage: node check-exchanges.mjs openapi.yaml exchanges.jsonl');
    process.exit(2);
  }
  const [specFile, exchangesFile] = argv;
  const spec = loadSpec(specFile);
  const validate = makeValidator(spec.doc);

  let text;
  try {
    text = readFileSync(exchangesFile, 'utf8');
  } catch (err) {
    die(`cannot read ${exchangesFile}: ${err.message}`);
  }

  const name = basename(exchangesFile);
  let checked = 0;
  let failed = 0;
  let violations = 0;
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    checked += 1;
    let exchange;
    let problems;
    try {
      exchange = JSON.parse(line);
      if (!exchange || typeof exchange !== 'object' || Array.isArray(exchange)) throw new Error('not a JSON object');
      problems = checkExchange(spec, validate, exchange);
    } catch (err) {
      exchange = exchange && typeof exchange === 'object' ? exchange : {};
      problems = [`unreadable exchange: ${err.message}`];
    }
    if (problems.length > 0) {
      failed += 1;
      violations += problems.length;
      const head = `${String(exchange.method || '?').toUpperCase()} ${exchange.url ?? '?'} -> ${exchange.status ?? '?'}`;
      for (const problem of problems) console.log(`${name}:${index + 1}: ${head}: ${problem}`);
    }
  });

  console.log(`contract: ${checked} exchanges checked, ${violations} violation${violations === 1 ? '' : 's'}`);
  if (checked === 0) {
    console.log(`contract: ${exchangesFile} holds no exchange`);
  }
  console.log(`${checked - failed} passed, ${failed} failed`);
  process.exit(failed > 0 || checked === 0 ? 1 : 0);
}

main(process.argv.slice(2));
