// @ts-check
// JavaScript rather than eslint.config.ts: ESLint loads a TS config only through `jiti` (not
// installed) or behind the `unstable_native_nodejs_ts_config` flag, and `npm run lint` passes neither.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** Node built-ins that reach the outside world or the clock, with and without the `node:` prefix. */
const ioModules = [
  'fs',
  'fs/promises',
  'http',
  'https',
  'http2',
  'net',
  'tls',
  'dgram',
  'dns',
  'dns/promises',
  'child_process',
  'cluster',
  'worker_threads',
  'readline',
  'process',
  'os',
  'timers',
  'timers/promises',
  'perf_hooks',
].flatMap((name) => [name, `node:${name}`]);

/**
 * What `static/src` may import. Contract schemas only as types and zod not at all: the backend
 * parsed every reply with the contract before sending it, and zod would cost most of the 100 KB
 * budget. And no feature imports a sibling feature: what two features share lives in
 * `static/src/shared/` (or `ui/`), so each feature can change without reaching into another.
 * One `no-restricted-imports` per file (a later block's options replace an earlier one's), so the
 * rules are built together per feature.
 */
// Read from the tree, so a new feature folder is covered the day it is added.
const FEATURES = readdirSync(fileURLToPath(new globalThis.URL('./static/src/features/', import.meta.url)), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const contractPatterns = [
  {
    group: ['@contract/*.contract', '@contract/issue-key'],
    allowTypeImports: true,
    message: 'Import contract schemas as types only (`import type`); take values from `@contract/*.values` or `@contract/result`.',
  },
  { group: ['**/src/contract/**'], message: 'Import the contract through the `@contract/*` alias.' },
];
const noZod = [{ name: 'zod', message: 'No zod in the UI bundle: the backend parsed every reply with the contract before sending it.' }];
const siblingPatterns = (feature) => [
  {
    group: FEATURES.filter((other) => other !== feature).flatMap((other) => [`../${other}`, `../${other}/**`, `**/features/${other}`, `**/features/${other}/**`]),
    message: 'A feature does not import a sibling feature: move what both use into static/src/shared/ (or ui/).',
  },
];
const uiImportRules = () => [
  {
    name: 'firebreak/ui-imports-contract-values',
    files: ['static/src/**/*.{ts,tsx}'],
    ignores: ['**/*.test.{ts,tsx}', 'static/src/features/**'],
    rules: { 'no-restricted-imports': ['error', { paths: noZod, patterns: contractPatterns }] },
  },
  ...FEATURES.flatMap((feature) => [
    {
      name: `firebreak/feature-${feature}`,
      files: [`static/src/features/${feature}/**/*.{ts,tsx}`],
      ignores: ['**/*.test.{ts,tsx}'],
      rules: { 'no-restricted-imports': ['error', { paths: noZod, patterns: [...contractPatterns, ...siblingPatterns(feature)] }] },
    },
    {
      name: `firebreak/feature-${feature}-tests`,
      files: [`static/src/features/${feature}/**/*.test.{ts,tsx}`],
      rules: { 'no-restricted-imports': ['error', { patterns: siblingPatterns(feature) }] },
    },
  ]),
];

const domainIsPure =
  'src/domain is pure: time, randomness and I/O come in as arguments, so the rules run the same in ' +
  'the panel, the validator, the trigger and a unit test (STYLE.md, principle 1).';

/** Globals the sandbox's browser scripts use (no `globals` package in this repo). */
const browserGlobals = Object.fromEntries(
  [
    'window',
    'document',
    'location',
    'navigator',
    'console',
    'fetch',
    'URL',
    'URLSearchParams',
    'FormData',
    'setTimeout',
    'clearTimeout',
    'setInterval',
    'clearInterval',
    'requestAnimationFrame',
    'localStorage',
    'sessionStorage',
    'structuredClone',
    'crypto',
    'Event',
    'CustomEvent',
    'MessageEvent',
    'HTMLElement',
    'HTMLIFrameElement',
    'ResizeObserver',
    'CSS',
  ].map((name) => [name, /** @type {const} */ ('readonly')]),
);

export default defineConfig(
  globalIgnores([
    '**/node_modules/',
    'static/build/',
    '**/dist/',
    'coverage/',
    'sandbox/scenarios/*.json',
    'tools/keytar-unavailable/',
    'test-results/',
    '.sandbox/',
  ]),

  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // Each file is checked against its nearest tsconfig.json: the root one (src, sandbox, test,
        // scripts, root *.ts) or static/tsconfig.json (the React front end and its vite.config.ts).
        // Only root config files that no tsconfig includes fall back to the default project.
        projectService: { allowDefaultProject: ['eslint.config.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports' }],
      // Relaxed: counts, line numbers and ports in messages are meant to be interpolated.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // Relaxed: `() => setOpen(false)` and `if (x) return send(res)` inside a void function say
      // "do this and stop"; the rule still catches a void result used as a value.
      '@typescript-eslint/no-confusing-void-expression': [
        'error',
        { ignoreArrowShorthand: true, ignoreVoidReturningFunctions: true },
      ],
      // Relaxed: `_`-prefixed names are deliberate (TypeScript's own convention), and object-rest
      // omission (`const { self: _self, ...rest } = x`) needs the names it drops.
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },

  {
    name: 'firebreak/domain-is-pure',
    files: ['src/domain/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ioModules.map((name) => ({ name, message: domainIsPure })),
          patterns: [{ group: ['@forge/*'], message: `No Forge platform code in the domain. ${domainIsPure}` }],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...['fetch', 'XMLHttpRequest', 'WebSocket', 'process', 'performance'].map((name) => ({
          name,
          message: domainIsPure,
        })),
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: `Date.now(): ${domainIsPure}` },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: `new Date(): ${domainIsPure}` },
        { selector: "CallExpression[callee.name='Date']", message: `Date(): ${domainIsPure}` },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: `Math.random(): ${domainIsPure}` },
      ],
    },
  },

  ...uiImportRules(),

  {
    name: 'firebreak/contract-values-are-zod-free',
    files: ['src/contract/*.values.ts', 'src/contract/result.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'zod', message: 'Values modules stay zod-free: the UI imports them at run time.' }],
          patterns: [{ group: ['./*.contract', './issue-key'], allowTypeImports: true, message: 'A values module takes only types from the schemas (they import zod).' }],
        },
      ],
    },
  },

  {
    name: 'firebreak/tests',
    files: ['**/*.test.{ts,tsx}', 'test/**/*.{ts,tsx}'],
    rules: {
      // Relaxed: in a test a wrong `!` fails loudly at that line, which is what a guard would do.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },

  {
    name: 'firebreak/plain-javascript',
    files: ['**/*.{js,mjs,cjs}'],
    ignores: ['eslint.config.js'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    name: 'firebreak/sandbox-browser-scripts',
    files: ['sandbox/host/assets/**/*.js'],
    languageOptions: { sourceType: 'script', globals: browserGlobals },
  },
);
