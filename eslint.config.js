import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['dist/', 'build/', 'coverage/', 'node_modules/', '**/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly' }
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
      ]
    }
  },
  {
    // A spread into one call passes every item as an argument: past some 10⁵ of them the call
    // throws "Maximum call stack size exceeded" (a pod with 120,000 ports did). The scan's code
    // appends with src/append.ts instead (issue 20).
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression[callee.property.name=/^(push|unshift)$/] > SpreadElement, CallExpression[callee.object.name='Math'][callee.property.name=/^(max|min)$/] > SpreadElement",
          message:
            'A spread into push/unshift/Math.max/Math.min overflows the stack on long lists: use append, maxOf or minOf from src/append.ts.'
        }
      ]
    }
  }
)
