import next from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';
import globals from 'globals';

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
    // Plain JavaScript (the npm scripts, the bench) has no type-checker behind it: an undefined name
    // must fail lint, not the script at its last line (a cut-off helper once did, after every test ran).
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    languageOptions: { globals: { ...globals.node } },
    rules: { 'no-undef': 'error' },
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
            { name: '@/lib/logs/log-view-params', allowTypeImports: true, message: 'reading a view back (its regexes, time parser and messages) is for the server: build links and hold the view with @/lib/logs/log-view; the logs page passes the parsed view.' },
            { name: '@/lib/guides/translate-command', allowTypeImports: true, message: 'the aptible translator is ~10 kB gzipped: load it with import() after the page renders (components/guides/command-translator.tsx).' },
          ],
          // Parts shown only in some situations load with lazy(() => import(…)) where they are used.
          patterns: [
            { regex: '(^|/)(status-body|pod-dialog)$', allowTypeImports: true, message: "an environment's status details load while the status is read: lazy(() => import(…)) (components/status/environment-status.tsx, status-body.tsx)." },
            { regex: '(^|/)crash-cause$', allowTypeImports: true, message: "a crash's last lines load when a container crashed: lazy(() => import('./crash-cause')) (components/status/verdict-panel.tsx)." },
            { regex: '(^|/)parity-report$', allowTypeImports: true, message: "the comparison loads after Compare: lazy(() => import('./parity-report')) (components/migration/parity-paste-form.tsx); the page renders the recorded report on the server." },
            { regex: '(^|/)cutover-chart$', allowTypeImports: true, message: "a step's charts load with the step: lazy(() => import('./cutover-chart')) (components/migration/cutover-live.tsx)." },
            { regex: '(^|/)(unmask-reason-form|unread-pods-note|log-list|log-states|log-notices|log-actions|masking-bar|custom-range|follow-stream)$', allowTypeImports: true, message: 'the log viewer loads these when they are needed (import() in components/logs/log-viewer.tsx, log-filters.tsx, masking-bar.tsx, use-log-follow.ts).' },
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
