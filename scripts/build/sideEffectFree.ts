import type { Plugin } from 'vite'

/**
 * Declares the modules whose ids match `modules` free of side effects beyond their exports, so the
 * bundler drops what of them nothing uses. For packages that build tables or containers at load
 * (which the bundler must otherwise keep as possible side effects) without saying they are pure;
 * each use says which package and why.
 */
export function sideEffectFree(name: string, modules: RegExp): Plugin {
  return {
    name: `latchkey:${name}`,
    transform(code, id) {
      return modules.test(id) ? { code, map: null, moduleSideEffects: false } : null
    },
  }
}
