// drain-baseline.js
//
// Project: sfia-evidence, bench (the drain benchmark's baseline)
//
// A minimal xAPI client: POSTs prepared statement batches to an LRS one after the other over one
// kept-alive connection, with node's http module only, and prints what it took.
//
//   node drain-baseline.js ENDPOINT BATCHES_FILE [USER PASSWORD]
//
// ENDPOINT is the xAPI base URL (e.g. http://127.0.0.1:41234/xAPI). BATCHES_FILE holds one JSON
// array of statements per line: the request bodies, sent as they are. Prints one line of JSON:
// {"statements": N, "requests": N, "elapsedMs": T, "cpuMs": C}, timed from the first request to the
// last answer (reading the file is not timed); cpuMs is the CPU time this process spent meanwhile.
// Exits 1 on any answer other than 200.
'use strict';

const fs = require('fs');
const http = require('http');

const [endpoint, file, user = 'bench', password = 'bench'] = process.argv.slice(2);
if (!endpoint || !file) {
  console.error('usage: node drain-baseline.js ENDPOINT BATCHES_FILE [USER PASSWORD]');
  process.exit(2);
}
const target = new URL(endpoint.replace(/\/+$/, '') + '/statements');
const bodies = fs.readFileSync(file, 'utf8').split('\n').filter((line) => line.length > 0).map((line) => Buffer.from(line, 'utf8'));
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const authorization = 'Basic ' + Buffer.from(user + ':' + password).toString('base64');

function post(body) {
  return new Promise((resolve, reject) => {
    const request = http.request({
      agent,
      host: target.hostname,
      port: target.port,
      path: target.pathname,
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Content-Length': body.length,
        'X-Experience-API-Version': '1.0.3',
        'Accept': 'application/json',
        'Authorization': authorization,
      },
    }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
    });
    request.on('error', reject);
    request.end(body);
  });
}

async function main() {
  let statements = 0;
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  for (const body of bodies) {
    const answer = await post(body);
    if (answer.status !== 200) throw new Error(`POST ${target}: HTTP ${answer.status}: ${answer.body}`);
    statements += JSON.parse(answer.body).length;   // the ids of the stored statements
  }
  const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
  const cpu = process.cpuUsage(cpuBefore);
  agent.destroy();
  console.log(JSON.stringify({ statements, requests: bodies.length, elapsedMs, cpuMs: (cpu.user + cpu.system) / 1000 }));
}

main().catch((error) => {
  console.error('drain-baseline.js: ' + error.message);
  process.exit(1);
});
