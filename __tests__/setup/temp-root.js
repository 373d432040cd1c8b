'use strict';
// One temporary folder for a whole `jest` run: every test's (and every program's it
// starts) os.tmpdir() points into it, and it is removed at the end. Room logs are RocksDB
// stores of megabytes each: left behind run after run, they filled a disk.
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

module.exports = {
  setup() {
    const root = mkdtempSync(join(tmpdir(), 'peer-tui-tests-'));
    process.env.PEER_TUI_TEST_ROOT = root;
    // Workers and the programs they start are forked after this: they inherit it.
    process.env.TMPDIR = root;
  },
  teardown() {
    const root = process.env.PEER_TUI_TEST_ROOT;
    if (root) rmSync(root, { recursive: true, force: true });
  },
};
