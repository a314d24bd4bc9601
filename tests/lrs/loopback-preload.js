// loopback-preload.js
// Project: sfia-evidence, tests/lrs (the test LRS harness)
// Preloaded into the test LRS with `node -r`: makes its HTTP server listen on 127.0.0.1 only, and writes
// the port the OS picked (the harness starts it with EXPRESS_PORT=0) to $SFE_LRS_PORT_FILE.
// Letting the OS pick the port avoids the race of probing for a free port and binding it later.
'use strict';
const fs = require('fs');
const net = require('net');

const portFile = process.env.SFE_LRS_PORT_FILE;
const originalListen = net.Server.prototype.listen;

net.Server.prototype.listen = function (...args) {
  // express calls listen(port, callback): put the loopback host between them.
  if (typeof args[0] === 'number' || (typeof args[0] === 'string' && /^\d+$/.test(args[0]))) {
    if (args.length === 1 || typeof args[1] === 'function') args.splice(1, 0, '127.0.0.1');
    if (portFile) {
      this.once('listening', () => fs.writeFileSync(portFile, String(this.address().port)));
    }
  }
  return originalListen.apply(this, args);
};
