// Architecture rules checked in `npm test` (npm run lint:deps): no import cycles, and a
// pure core. src/core/ turns a deck's text into files and diagnostics; it reaches the disk,
// the clock, the network and the browser only through the BuildEnv it is handed.
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'An import cycle makes load order matter and hides which module owns what.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-imports-only-core',
      severity: 'error',
      comment: 'src/core is pure: it may use other core modules and npm packages, never the node layer, the browser layer or the dev server.',
      from: { path: '^src/core/' },
      to: { path: '^src/', pathNot: '^src/core/' },
    },
    {
      name: 'core-does-no-io',
      severity: 'error',
      comment: 'No disk, processes, network or OS in the core: ask BuildEnv instead.',
      from: { path: '^src/core/' },
      to: { dependencyTypes: ['core'], path: '^(node:)?(fs|fs/promises|child_process|http|https|net|os|worker_threads|dgram|cluster)$' },
    },
    {
      name: 'only-installed-packages',
      severity: 'error',
      comment: "A speaker's install (npm run setup: npm ci --omit=dev) has only package.json's dependencies: the engine may load nothing else, not even a package a devDependency brings in.",
      from: { path: '^(src/|build\\.ts$)' },
      to: { dependencyTypes: ['npm-dev', 'npm-no-pkg'] },
    },
    {
      name: 'core-no-browser',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: 'node_modules/(puppeteer|puppeteer-core|esbuild)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^src/types/' },
  },
};
