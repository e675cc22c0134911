// ESLint with typed rules from typescript-eslint. Core and API code must not import `vscode`: they are
// tested in plain Node and reused by the CLI and the simulator.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** The folders of src/ that run on the VS Code side: neither the core nor a webview may import them. */
const VSCODE_SIDE = ['connections', 'statusBar', 'views', 'panels', 'keys', 'alerts', 'auth', 'config', 'log', 'commands'];

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'samples/', 'test/fixtures/', '.test-results/', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' }] },
  },
  {
    files: ['src/api/**/*.ts', 'src/cli/**/*.ts', 'src/shared/**/*.ts', 'test/simulator/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: [{ name: 'vscode', message: 'Core, API, CLI and shared code run without VS Code: keep `vscode` out.' }] },
      ],
    },
  },
  {
    // The core is the bottom layer: the sources, the VS Code side and the panels' protocols build on it.
    files: ['src/core/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'Core, API, CLI and shared code run without VS Code: keep `vscode` out.' }],
          patterns: [
            {
              group: [...['api', 'shared', 'cli', ...VSCODE_SIDE].map((dir) => `../**/${dir}/**`), '../**/common/lifecycle', '../**/constants', '../**/extension'],
              message: 'The core imports nothing above it: no source, no VS Code side, no panel protocol. Pass what it needs in.',
            },
          ],
        },
      ],
    },
  },
  {
    // A webview runs in the browser: it may share the pure core and the panels' protocols, nothing else of src/.
    files: ['webview/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'Webviews talk to VS Code only through messages.' }],
          patterns: [
            {
              group: [...['api', 'cli', 'common', 'scanner', ...VSCODE_SIDE].map((dir) => `**/src/${dir}/**`), '**/src/constants', '**/src/extension'],
              message: 'A webview may import src/core and src/shared only: the rest needs VS Code or Node.',
            },
            { group: ['node:*'], message: 'A webview runs in the browser: no Node modules.' },
          ],
        },
      ],
    },
  },
  {
    files: ['webview/**/*.ts'],
    languageOptions: {
      globals: globals.browser,
      parserOptions: { projectService: false, project: './webview/tsconfig.json', tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, globals: globals.node },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // mocha's `this` and chained assertions read better without these in tests.
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
