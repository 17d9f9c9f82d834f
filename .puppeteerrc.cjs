// Never download a browser during `npm ci`: this project finds a system Chromium
// (see src/browser/find.ts) and `npm run setup` installs one with apt where it can.
module.exports = { skipDownload: true };
