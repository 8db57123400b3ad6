// What the browser tests share: their command line and the flags Chromium runs with.
'use strict';

// --clir BUILD/clir --modules DIR/node_modules --out DIR [--chromium /usr/bin/chromium]
function parseArgs(argv) {
  const args = { chromium: '/usr/bin/chromium' };
  for (let i = 2; i < argv.length; i += 2) args[argv[i].replace(/^--/, '')] = argv[i + 1];
  for (const key of ['clir', 'modules', 'out']) {
    if (!args[key]) throw new Error(`missing --${key}`);
  }
  return args;
}

// The flags the project runs Chromium with (issue 14); Playwright adds its own automation flags.
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run',
  '--disable-quic', '--disable-component-update', '--disable-sync'];

module.exports = { parseArgs, CHROMIUM_FLAGS };
