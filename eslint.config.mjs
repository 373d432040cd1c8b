import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'jest.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { require: 'readonly', module: 'writable', process: 'readonly' } },
    rules: {
      'no-control-regex': 'off',
      '@typescript-eslint/no-require-imports': 'off',
      'no-misleading-character-class': 'off',
    },
  },
);
