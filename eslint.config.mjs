import next from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const config = [
  ...next,
  ...nextTs,
  {
    ignores: ['.next/**', '.next-*/**', '.data/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/results/**', 'next-env.d.ts'],
  },
  {
    rules: {
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-ignore': true, 'ts-nocheck': true, 'ts-expect-error': 'allow-with-description' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // Every page's first-load JavaScript has a budget (README, Performance: <= 150 kB gzipped).
    // Browser components load these on first use with import(), never with the page.
    files: ['components/**/*.ts', 'components/**/*.tsx'],
    ignores: ['components/feedback/feedback-dialog.tsx', 'components/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'zod', allowTypeImports: true, message: 'zod is ~30 kB gzipped in the browser: validate on the server, or load the schemas with import() (see components/feedback/check-input.ts).' },
            { name: '@/lib/feedback/schemas', allowTypeImports: true, message: 'these schemas bring zod: import labels and limits from @/lib/feedback/feedback-terms, and the schemas with import().' },
            { name: '@/lib/migration/migration-file', allowTypeImports: true, message: 'the migration.yaml parser brings zod and yaml (~90 kB gzipped): import states from @/lib/migration/migration-states.' },
            { name: 'next-auth/react', message: "next-auth's client is ~10 kB gzipped: load it on the click (components/auth/dev-sign-in.ts)." },
            { name: '@tanstack/react-query', message: 'Berth reads shared API values with components/data/shared-fetch.ts.' },
          ],
        },
      ],
    },
  },
  {
    files: ['scripts/**', 'sandbox/**', 'bench/**', 'e2e/**', '**/*.test.ts'],
    rules: { 'no-console': 'off' },
  },
];

export default config;
