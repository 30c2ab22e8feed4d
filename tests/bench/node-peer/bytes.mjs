// bytes.mjs — the ceiling peer of tests/bench/read_path.sh for an answer that is all bytes (the
// country's /v1/progress, 6.8 MB, which edudx serves from its answer cache): Node's own http
// server answering every GET with the same bytes held in memory, no database, no token check,
// gzip-encoded (made once, zlib level 6 like edudx's kept form) when Accept-Encoding names
// gzip. What it reaches is what sending those bytes over HTTP costs on the machine; edudx ÷ this
// says how much of it edudx leaves. No dependencies.
// Environment: PEER_PORT (required), PEER_BODY (required: the file of the answer's bytes),
// PEER_WORKERS (default 1; N > 1 forks N cluster workers sharing the port).
import cluster from 'node:cluster';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { gzipSync } from 'node:zlib';

const port = Number(process.env.PEER_PORT);
const workers = Math.max(1, Number(process.env.PEER_WORKERS || 1));

if (workers > 1 && cluster.isPrimary) {
  for (let i = 0; i < workers; i++) cluster.fork();
  const stop = () => { for (const w of Object.values(cluster.workers)) w.kill('SIGTERM'); };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
} else {
  const body = readFileSync(process.env.PEER_BODY);
  const gz = gzipSync(body, { level: 6 });
  http.createServer((req, res) => {
    if (req.url === '/healthz') { res.end('ok'); return; }
    const gzip = /\bgzip\b/i.test(req.headers['accept-encoding'] || '');
    res.writeHead(200, {
      'Content-Type': 'application/json',
      'Content-Length': gzip ? gz.length : body.length,
      ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
    });
    res.end(gzip ? gz : body);
  }).listen(port, '127.0.0.1');
}
