// ESLint 9 flat config: JavaScript, TypeScript (type-aware) and Svelte 5.
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
  {
    // src/lib/generated/ is written by ts-rs from the Rust types (tests/typescript_bindings.rs).
    ignores: [
      'dist/',
      'node_modules/',
      'src-tauri/',
      'coverage/',
      'src/lib/generated/',
      '**/*.tsbuildinfo',
    ],
  },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.browser },
    },
  },
  {
    files: ['*.config.js', '*.config.ts'],
    languageOptions: {
      globals: { ...globals.node },
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
    languageOptions: {
      parserOptions: {
        projectService: true,
        extraFileExtensions: ['.svelte'],
        parser: ts.parser,
        svelteConfig,
      },
    },
  },
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      eqeqeq: ['error', 'always'],
      'no-restricted-globals': [
        'error',
        { name: 'parseFloat', message: 'No floating-point on money: use src/lib/format.ts.' },
      ],
    },
  },
);
