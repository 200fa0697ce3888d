// ESLint flat config: typescript-eslint's type-aware rules on every .ts file of
// the project (tsconfig.json), plain recommended rules on the few .js/.mjs files.
// Formatting is Prettier's (`npm run format`); eslint-config-prettier, last,
// turns off every rule that would fight it.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    // Build output, installed packages, the local stack's state, bench and test
    // artifacts: nothing here is source.
    ignores: ['dist/**', 'node_modules/**', '.utopia/**', 'artifacts/**', '**/*.min.js'],
  },
  // A disable comment nothing needs any more is an error too.
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // recommendedTypeChecked already has these as errors; named here because
      // they are the reason the linter exists: a promise nobody awaits loses its
      // error and its ordering (offsets committed before the write).
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      // Off: an async function that does not await is how fakes and simple
      // implementations satisfy a Promise-returning interface, and it turns a
      // throw into a rejection, which callers (retry, the chunk runner) rely on.
      '@typescript-eslint/require-await': 'off',
      // `import type` keeps type-only imports out of the emitted require()s.
      '@typescript-eslint/consistent-type-imports': 'error',
      // Truthiness is fine for strings, objects and booleans that may be missing
      // (`if (name)`, `if (row)`) and for `unknown` callback errors and parsed
      // JSON (the no-unsafe-* rules police `any` itself); it is a bug for
      // numbers and bigints, where 0 is a real value (an offset, a count, a
      // port, a size) but reads as "absent". So those must be compared explicitly.
      '@typescript-eslint/strict-boolean-expressions': [
        'error',
        {
          allowString: true,
          allowNumber: false,
          allowNullableObject: true,
          allowNullableBoolean: true,
          allowNullableString: true,
          allowNullableNumber: false,
          allowNullableEnum: false,
          allowAny: true,
        },
      ],
      // `_name` marks a parameter an interface requires but this body ignores.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Callers decide by error type and `retriable` (common/errors.ts), never by
    // message text: production code throws the project's typed errors only.
    files: ['**/*.ts'],
    ignores: ['**/*.spec.ts', 'test/**', 'common/hbase/wire/legacy-proto-fixture.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "ThrowStatement > NewExpression[callee.name='Error']",
          message: 'throw a typed error from common/errors.ts (UtopiaError or a subclass)',
        },
      ],
    },
  },
  {
    // A function longer than a screen hides its steps: split it where a name
    // explains the part (tests read as scenarios and are exempt). The limit
    // counts the lines Prettier writes, which wraps long calls and object
    // literals over several: 120 of them are about 60 statements unwrapped,
    // the size every function was brought under before formatting.
    files: ['**/*.ts'],
    ignores: ['**/*.spec.ts', 'test/**'],
    rules: {
      'max-lines-per-function': ['error', { max: 120, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // The dashboard's plain browser script: no build step, uPlot as a global.
    files: ['serving/public/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: {
        window: 'readonly',
        document: 'readonly',
        fetch: 'readonly',
        sessionStorage: 'readonly',
        uPlot: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        console: 'readonly',
        Intl: 'readonly',
        ResizeObserver: 'readonly',
      },
    },
  },
  {
    // This config.
    files: ['**/*.mjs'],
    languageOptions: { sourceType: 'module' },
  },
  prettier,
);
