import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.scratch/', 'test/fixtures/', 'test/corpus/*/', 'dist.*'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
  },
  {
    files: ['bin/**/*.mjs', 'scripts/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly' } },
  },
  {
    // The pure core: no process, no clock; its imports are checked by dependency-cruiser
    // (.dependency-cruiser.cjs): no node layer, no disk, network or browser.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', { name: 'process', message: 'src/core is pure: take what you need from BuildEnv or an argument' }, { name: 'performance', message: 'src/core has no clock' }],
      'no-restricted-syntax': ['error', { selector: "MemberExpression[object.name='Date'][property.name='now']", message: 'src/core has no clock' }, { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'src/core has no clock' }],
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group: ['node:fs', 'node:fs/*', 'fs', 'node:child_process', 'node:http', 'node:net', 'node:os', 'puppeteer', 'puppeteer-core', 'esbuild'], message: 'src/core does no I/O: ask BuildEnv' }] }],
    },
  },
  {
    // Short functions; one longer says why where it starts (eslint-disable ... -- the reason).
    files: ['src/**/*.ts'],
    rules: { 'max-lines-per-function': ['error', { max: 60 }] },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': ['error'],
    },
  },
);
