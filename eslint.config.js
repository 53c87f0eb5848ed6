import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'crypto',
  'child_process',
  'worker_threads',
  'http',
  'url',
  'util',
  'stream',
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', '.cache/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      // Only the shell may import electron (see the overrides below).
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: "Only electron/main and electron/preload may import 'electron'." },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/main/**', 'electron/preload/**', 'test/shell/**', 'scripts/**', 'build/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // shared/ runs everywhere: no Node, no database, no electron, no DOM-only modules.
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'shared/ must not import electron.' },
            ...nodeBuiltins
              .filter((n) => !n.includes('*'))
              .map((name) => ({ name, message: 'shared/ must not import Node modules.' })),
            { name: 'better-sqlite3', message: 'shared/ must not import the database.' },
            { name: 'kysely', message: 'shared/ must not import the database.' },
            { name: 'react', message: 'shared/ must not import the DOM or React.' },
            { name: 'react-dom', message: 'shared/ must not import the DOM or React.' },
          ],
          patterns: [
            { group: ['node:*'], message: 'shared/ must not import Node modules.' },
            { group: ['kysely/*', 'better-sqlite3/*'], message: 'shared/ must not import the database.' },
            {
              group: ['**/electron/**', '**/renderer/**'],
              message: 'shared/ must not import from electron/ or renderer/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'test/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/vite.config.ts'], // build config: runs in Node
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The renderer talks to the main process only through window.crm.' },
          ],
          patterns: [
            {
              group: ['node:*', 'better-sqlite3', 'kysely'],
              message: 'The renderer has no Node or database access.',
            },
            {
              group: ['**/electron/**'],
              message: 'The renderer reaches the backend only through the contract.',
            },
          ],
        },
      ],
    },
  },
);
