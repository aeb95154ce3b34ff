#!/usr/bin/env node
// The `rung` executable of the package: the compiled CLI (`npm run build`, run by `prepare` on
// install). During development `npm run -s rung -- <command>` runs the TypeScript directly.
import '../dist/cli/main.js';
