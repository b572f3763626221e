// Lint rules that keep the architecture honest: each external system has one owner module,
// and only the config module reads the environment (see STYLE.md).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const owners = [
  { names: ['pg', '@electric-sql/pglite', '@electric-sql/pglite-pgvector'], patterns: ['@electric-sql/pglite/*'], files: ['db/**', 'test/support/**'], what: 'the database (db/)' },
  { names: ['meilisearch'], patterns: [], files: ['services/lexical/meilisearch.ts'], what: 'Meilisearch (services/lexical/meilisearch.ts)' },
  { names: ['bullmq', 'ioredis'], patterns: [], files: ['services/queue/bullmq-queue.ts'], what: 'Redis (services/queue/bullmq-queue.ts)' },
  { names: ['@xenova/transformers'], patterns: [], files: ['indexer/embedding/embedder.ts'], what: 'the embedding model (indexer/embedding/embedder.ts)' },
];

const restrictedImports = owners.flatMap((o) => [
  ...o.names.map((name) => ({ name, message: `Only ${o.what} may import ${name}.` })),
]);
const restrictedPatterns = owners.flatMap((o) => o.patterns.map((group) => ({ group: [group], message: `Only ${o.what} may import ${group}.` })));

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'data/**', 'web/dist/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', fetch: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', NodeJS: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { paths: restrictedImports, patterns: restrictedPatterns }],
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration through services/config/config.ts.' }],
    },
  },
  // Each owner may import its own system (the rule is re-declared without that system).
  ...owners.map((o) => ({
    files: o.files,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: restrictedImports.filter((r) => !o.names.includes(r.name)),
          patterns: restrictedPatterns.filter((p) => !o.patterns.includes(p.group[0])),
        },
      ],
    },
  })),
  {
    files: ['services/config/config.ts', 'test/support/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
  // The web UI runs in the browser: browser globals, and no Node (its build config aside).
  {
    files: ['web/src/**'],
    languageOptions: { globals: { ...globals.browser, process: 'off', NodeJS: 'off' } },
  },
);
