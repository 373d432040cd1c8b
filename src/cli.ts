#!/usr/bin/env node
// The command (package.json "bin"): the process itself lives in main/cli.ts.
import './main/cli';
