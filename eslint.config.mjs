// Layer boundaries are lint errors, so a wrong import fails `npm test`, not a review.
// See docs in ../shared/docs/house-style.md ("Layers, enforced by lint").
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

const node = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'child_process',
  'crypto',
  'url',
  'util',
  'stream',
]

const sharedGroups = [
  { patterns: ['electron', 'electron/*'], why: 'no electron.' },
  { patterns: node, why: 'no Node built-ins.' },
  { patterns: ['react', 'react/*', 'react-dom', 'react-dom/*'], why: 'no React.' },
  { patterns: ['dexie', 'dexie/*', 'dexie-react-hooks'], why: 'no Dexie.' },
  {
    patterns: ['**/main/**', '**/preload/**', '**/renderer/**'],
    why: 'no imports from main, preload or renderer.',
  },
]

/** Builds a no-restricted-imports rule that names the layer's reason in every message. */
function forbid(reason, groups) {
  return {
    'no-restricted-imports': [
      'error',
      {
        patterns: groups.map((group) => ({
          group: group.patterns,
          message: `${reason} ${group.why}`,
        })),
      },
    ],
  }
}

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'out/',
      'dist-web/',
      'release/',
      'test-results/',
      'playwright-report/',
      '.test-results/',
      'resources/',
      'src/lint-fixtures/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...forbid('src/renderer reaches the desktop only through host/:', [
        { patterns: ['electron', 'electron/*'], why: 'do not import electron.' },
        { patterns: node, why: 'do not import Node built-ins.' },
        { patterns: ['**/main/**', '**/preload/**'], why: 'do not import main or preload code.' },
      ]),
    },
  },
  {
    // Renderer tests run in Node and may read corpus files; the code under test may not.
    files: ['src/renderer/**/*.test.{ts,tsx}', 'src/renderer/**/test-support/**/*.ts'],
    rules: forbid('src/renderer reaches the desktop only through host/:', [
      { patterns: ['electron', 'electron/*'], why: 'do not import electron.' },
      { patterns: ['**/main/**', '**/preload/**'], why: 'do not import main or preload code.' },
    ]),
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: forbid('src/shared is pure TypeScript that runs anywhere:', sharedGroups),
  },
  {
    // Tests of shared code run in Node and may read corpus files; the code under test may not.
    files: ['src/shared/**/*.test.ts', 'src/shared/**/test-support/**/*.ts'],
    rules: forbid(
      'src/shared is pure TypeScript that runs anywhere:',
      sharedGroups.filter((group) => group.patterns !== node),
    ),
  },
  {
    files: ['src/main/**/*.ts'],
    rules: forbid('src/main never parses or stores releases:', [
      { patterns: ['react', 'react/*', 'react-dom', 'react-dom/*'], why: 'no React.' },
      { patterns: ['dexie', 'dexie/*', 'dexie-react-hooks'], why: 'no Dexie.' },
      {
        patterns: ['**/renderer/**', '**/preload/**'],
        why: 'no imports from renderer or preload.',
      },
    ]),
  },
  {
    files: ['src/preload/**/*.ts'],
    ignores: ['src/preload/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // Only `electron` and the IPC contract may be imported by the preload.
              regex: '^(?!electron$|\\.\\./shared/ipc/contract$).*',
              message: 'src/preload imports only electron and ../shared/ipc/contract.',
            },
          ],
        },
      ],
    },
  },
)
