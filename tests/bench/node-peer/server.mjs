// server.mjs — the mainstream peer of tests/bench/read_path.sh: Fastify + node-postgres serving
// GET /v1/schools/:id and GET /v1/schools?district_id=&limit= by running the SQL statements edudx
// ran for those requests (captured by read_path.sh from the PostgreSQL log and handed over in
// PEER_STATEMENTS, a JSON file), in the same order, on one pooled connection per request, as edudx
// does: the token check (the SHA-256 of the bearer token, 401 when no live token has it), then the
// resource's statement(s). When the captured statements have no token check (edudx answered from
// its token cache), the peer runs the token statement itself, keeping a token's check
// PEER_TOKEN_CACHE_MS as edudx does (0: on every request). Scope checks are left out (the
// benchmark calls as admin, who may read everything). Bodies: node-postgres parses the json
// columns and Fastify serializes the reply, as a typical service would.
//
// PEER_STATEMENTS = {"school": [statement...], "schools": [statement...], "token": statement}, a
// statement being {"sql": "...", "params": [{"kind": "hash"|"id"|"district_id"|"limit"|
// "limit_plus_1"|"const", "value": "..."|null}]}. The connection comes from the PG* environment
// variables. Environment: PEER_PORT (required), PEER_STATEMENTS (required), PEER_POOL
// (connections in all, default 8: edudx's default pool), PEER_TOKEN_CACHE_MS (default 0),
// PEER_WORKERS (default 1: one process; N > 1 forks N cluster workers sharing the port, each with
// a pool of PEER_POOL / N connections, rounded up, and a token cache of its own).
import cluster from 'node:cluster';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';
import pg from 'pg';

const port = Number(process.env.PEER_PORT);
const workers = Math.max(1, Number(process.env.PEER_WORKERS || 1));
const poolSize = Math.max(1, Math.ceil(Number(process.env.PEER_POOL || 8) / workers));

if (workers > 1 && cluster.isPrimary) {
  for (let i = 0; i < workers; i++) cluster.fork();
  cluster.on('exit', (worker, code) => {
    console.error(`worker ${worker.process.pid} exited (${code})`);
    process.exitCode = 1;
  });
  const stop = () => { for (const w of Object.values(cluster.workers)) w.kill('SIGTERM'); };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
} else {
  const statements = JSON.parse(readFileSync(process.env.PEER_STATEMENTS, 'utf8'));
  const cacheMs = Number(process.env.PEER_TOKEN_CACHE_MS || 0);
  const checked = new Map(); // secret's hash -> time its check expires
  const hasCheck = (route) =>
    statements[route].some((s) => s.params.some((p) => p.kind === 'hash'));
  // edudx's sessions run with these (db/pool.c's session setup)
  const pool = new pg.Pool({
    max: poolSize,
    options: '-c statement_timeout=10000 -c lock_timeout=10000 -c TimeZone=UTC',
  });
  const app = Fastify({ logger: false });

  const problem = (reply, status, title) =>
    reply.code(status).type('application/problem+json').send({ type: 'about:blank', title, status });

  const valueOf = (p, ctx) => {
    switch (p.kind) {
      case 'hash': return ctx.hash;
      case 'id': return ctx.id;
      case 'district_id': return ctx.district_id;
      case 'limit': return String(ctx.limit);
      case 'limit_plus_1': return String(ctx.limit + 1);
      default: return p.value;
    }
  };

  // Runs the route's statements in order on one connection (the token check first when they have
  // none and the cache has no live check); returns the last one's result, or null when the token
  // check (the statement given the hash) found no token.
  async function run(route, ctx) {
    const client = await pool.connect();
    let last = null;
    const list = statements[route];
    const now = Date.now();
    const check = !hasCheck(route) && !(checked.get(ctx.hash) > now);
    try {
      for (const s of check ? [statements.token, ...list] : list) {
        last = await client.query(s.sql, s.params.map((p) => valueOf(p, ctx)));
        if (s.params.some((p) => p.kind === 'hash') && last.rows.length === 0) return null;
      }
      if (check && cacheMs > 0) checked.set(ctx.hash, now + cacheMs);
      return last;
    } finally {
      client.release();
    }
  }

  function caller(request) {
    const header = request.headers.authorization || '';
    if (!header.startsWith('Bearer ')) return null;
    return createHash('sha256').update(header.slice(7)).digest('hex');
  }

  app.get('/v1/schools/:id', async (request, reply) => {
    const hash = caller(request);
    if (!hash) return problem(reply, 401, 'Unauthorized');
    const res = await run('school', { hash, id: request.params.id });
    if (!res) return problem(reply, 401, 'Unauthorized');
    const row = res.rows[0];
    const body = row && row[res.fields[0].name];
    if (body == null) return problem(reply, 404, 'Not found');
    return body;
  });

  app.get('/v1/schools', async (request, reply) => {
    const hash = caller(request);
    if (!hash) return problem(reply, 401, 'Unauthorized');
    const limit = Number(request.query.limit || 50);
    const res = await run('schools', { hash, district_id: request.query.district_id || null, limit });
    if (!res) return problem(reply, 401, 'Unauthorized');
    const row = res.rows[0];
    const cols = res.fields.map((f) => f.name);
    if (cols.length === 1) return row[cols[0]];
    // edudx's page statement: the total, the page's items, whether a row follows, its keys
    const [total, items, more, keys] = cols.map((c) => row[c]);
    return {
      items, total: Number(total), limit, offset: 0,
      next: more ? Buffer.from(String(keys)).toString('base64url') : null,
    };
  });

  app.get('/healthz', async () => ({ status: 'ok' }));

  const close = async () => { await app.close(); await pool.end(); process.exit(0); };
  process.on('SIGTERM', close);
  process.on('SIGINT', close);
  await app.listen({ port, host: '127.0.0.1' });
}
