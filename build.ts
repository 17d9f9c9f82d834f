// Kamishibai's command line (bin/kamishibai.mjs runs this file): src/cli/main.ts reads the
// flags, calls the library and prints; here the process takes its exit code, and ends at
// once on a second Ctrl-C during a build.
import { main } from './src/cli/main.js';

process.exitCode = await main(process.argv.slice(2), (code) => process.exit(code));
