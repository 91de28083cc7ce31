#!/usr/bin/env node
// Baseline: a minimal Node.js `ws` relay of the classic tutorial signaling protocol
// (login / offer / answer / candidate / leave), stamping the sender's name on what it relays,
// as our server does. Usage: node node-relay.js PORT [STATS_PORT]
// GET http://127.0.0.1:STATS_PORT/stats -> {"rss":…, "heapUsed":…, "users":…} for the benchmark.
'use strict';
const http = require('http');
const { WebSocketServer } = require('ws');

const port = Number(process.argv[2] || 9191);
const statsPort = Number(process.argv[3] || 0);
const users = new Map(); // name -> ws

const send = (ws, msg) => ws.send(JSON.stringify(msg));
const wss = new WebSocketServer({ port, perMessageDeflate: false, maxPayload: 64 * 1024 });
wss.on('connection', (ws) => {
  ws.on('message', (data) => {
    let m;
    try { m = JSON.parse(data); } catch { return send(ws, { type: 'error', message: 'Invalid JSON' }); }
    if (m === null || typeof m !== 'object') return send(ws, { type: 'error', message: 'Invalid JSON' });
    switch (m.type) {
      case 'login':
        if (users.has(m.name) || ws.name) return send(ws, { type: 'login', success: false });
        users.set(m.name, ws);
        ws.name = m.name;
        return send(ws, { type: 'login', success: true });
      case 'offer': case 'answer': case 'candidate': case 'leave': {
        const to = users.get(m.name);
        if (!ws.name) return send(ws, { type: 'error', message: 'Log in first' });
        if (!to) return send(ws, { type: 'error', message: 'User not online: ' + m.name });
        const out = { type: m.type, name: ws.name };
        if (m.type !== 'leave') out[m.type] = m[m.type];
        return send(to, out);
      }
      default:
        return send(ws, { type: 'error', message: 'Command not found: ' + m.type });
    }
  });
  ws.on('close', () => { if (ws.name && users.get(ws.name) === ws) users.delete(ws.name); });
  ws.on('error', () => {});
});
wss.on('listening', () => console.error(`node-relay: listening on ws://localhost:${wss.address().port}/`));

if (statsPort) {
  http.createServer((req, res) => {
    if (req.url.includes('gc=1') && global.gc) global.gc(); // run with --expose-gc
    const mem = process.memoryUsage();
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ rss: mem.rss, heapUsed: mem.heapUsed, heapTotal: mem.heapTotal,
      external: mem.external, users: users.size, clients: wss.clients.size }));
  }).listen(statsPort, '127.0.0.1');
}
