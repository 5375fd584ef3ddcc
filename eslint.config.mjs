import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/*
 * Layering (docs/architecture.md, "Layers and what each may import"), enforced per folder so it holds by
 * itself. Import specifiers are relative, so a project folder is recognised by its name as a path segment.
 * A later block replaces an earlier one's rule for the files both match: the most specific folder comes last.
 */
const RULE = '@typescript-eslint/no-restricted-imports';

/** A relative import that passes through one of `folders` (`../client`, `../../api/ssh-keys`). */
const through = (...folders) => `^\\.{1,2}/(.*/)?(${folders.join('|')})(/|$)`;

const layer = (message, patterns) => ({
  [RULE]: ['error', { patterns: patterns.map((p) => ({ message, ...p })) }],
});

const SERVER_PACKAGES = ['better-sqlite3', '@grpc/grpc-js', 'cdktf', 'constructs'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', '.lightyear/**', '**/cdktf.out/**', 'constructs/generated/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['src/spelling/**/*.ts'],
    rules: layer('src/spelling is pure: only itself and Node built-ins, so every layer can use it.', [
      { regex: '^\\.\\./' },
      { group: ['zod', 'undici', ...SERVER_PACKAGES] },
    ]),
  },
  {
    files: ['src/api/**/*.ts'],
    rules: layer('src/api holds the wire contract: zod and src/spelling only.', [
      { regex: '^\\.\\./(?!spelling/)' },
      { group: ['undici', ...SERVER_PACKAGES] },
    ]),
  },
  {
    files: ['src/client/**/*.ts'],
    rules: layer('src/client may import src/api and src/spelling only (and undici, zod).', [
      { regex: through('cloud', 'provider', 'cli', 'codegen', 'tls', 'constructs') },
      { group: SERVER_PACKAGES },
    ]),
  },
  {
    files: ['src/cloud/**/*.ts'],
    rules: layer('The local cloud never imports the client, the provider, lyctl or codegen.', [
      { regex: through('client', 'provider', 'cli', 'codegen', 'constructs') },
      { group: ['undici', '@grpc/grpc-js', 'cdktf', 'constructs'] },
    ]),
  },
  {
    // The provider's eager start path must not load undici or zod: the client and the API schemas are
    // imported for their types only; provider/client-module.ts is the one door that loads them.
    files: ['src/provider/**/*.ts'],
    rules: layer(
      'The provider imports src/client and src/api for types only; values come through provider/client-module.ts.',
      [
        { regex: through('client', 'api'), allowTypeImports: true },
        { group: ['undici', 'zod'], allowTypeImports: true },
        { regex: through('cloud', 'cli', 'codegen', 'constructs') },
        { group: ['better-sqlite3', 'cdktf', 'constructs'] },
      ],
    ),
  },
  {
    files: ['src/provider/client-module.ts'],
    rules: layer('The client module loads the client lazily; nothing else of the project.', [
      { regex: through('api', 'cloud', 'cli', 'codegen', 'constructs') },
      { group: ['better-sqlite3', 'cdktf', 'constructs'] },
    ]),
  },
  {
    files: ['src/provider/protocol/*.ts'],
    rules: layer(
      'provider/protocol knows nothing of LightYear: only itself and src/tls (self-signed certificates).',
      [
        { regex: '^\\.\\./(?!\\.\\./tls/)' },
        { group: ['undici', 'zod', 'better-sqlite3', 'cdktf', 'constructs'] },
      ],
    ),
  },
  {
    files: ['src/provider/protocol/*/**/*.ts'],
    rules: layer('provider/protocol knows nothing of LightYear.', [
      { regex: '^\\.\\./\\.\\./' },
      { group: ['undici', 'zod', 'better-sqlite3', 'cdktf', 'constructs'] },
    ]),
  },
  {
    files: ['src/provider/framework/**/*.ts'],
    rules: layer('provider/framework builds on provider/protocol only.', [
      { regex: '^\\.\\./(?!protocol(/|$))' },
      { group: ['undici', 'zod', 'better-sqlite3', 'cdktf', 'constructs'] },
    ]),
  },
  {
    files: ['constructs/**/*.ts'],
    rules: layer('Constructs use cdktf, constructs and src/spelling only.', [
      { regex: '^(\\.\\./)+src/(?!spelling(/|$))' },
      { group: ['undici', 'zod', 'better-sqlite3', '@grpc/grpc-js'] },
    ]),
  },
  {
    files: ['examples/**/*.ts'],
    rules: layer("Examples are what users copy: cdktf, constructs and the project's constructs/, not src/.", [
      { regex: '^(\\.\\./)+src/' },
      { group: ['undici', 'zod', 'better-sqlite3', '@grpc/grpc-js'] },
    ]),
  },
  {
    files: ['**/*.mjs', '**/*.js', 'bin/*'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
      },
    },
  },
);
