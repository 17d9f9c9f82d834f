// Kamishibai's public API. The CLI (src/cli/main.ts, run by build.ts) is a thin layer
// over these; nothing here prints or exits.
export { build, type BuildOptions, type BuildResult, type TalkSummary } from './commands/build.js';
export { defineConfig, DEFAULTS, FIELDS, type DeckConfig, type ProjectConfig } from './core/config.js';
export { formatDiagnostic, hasErrors, KamishibaiError, type Diagnostic } from './core/errors.js';
export { serve, type DevServer, type ServeEvent, type ServeOptions } from './server/dev.js';
export { findTalks, resolveInputs } from './run/talks.js';
export { newTalk, type NewTalkOptions } from './commands/scaffold.js';
