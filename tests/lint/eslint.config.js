// ESLint flat config; kept under tests/ so the top level stays as architecture.md names it.
// Run from the repository root: `eslint -c tests/lint/eslint.config.js .` (base path = cwd).
import pluginVue from 'eslint-plugin-vue'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'var/**', 'test-output/**', 'data/**', '.tmp-*/**', '**/.tmp-*/**'] },
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/server/store/**', '**/server/services/**', '**/server/routes/**'], message: 'web/ may import server/domain and types from server/app.ts only.' },
            // The contract's schemas are zod: at run time they would bring zod (≈ 200 KB, and its
            // eval probe, which the CSP refuses) into the page. The web takes their types only.
            { group: ['**/server/domain/contract/**', '**/server/domain/schemas'], allowTypeImports: true, message: 'web/ takes only types from the contract (zod stays on the server); move a shared constant to a zod-free domain module.' },
          ],
        },
      ],
    },
  },
  {
    files: ['server/**/*.ts', 'tests/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
)
