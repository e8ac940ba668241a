// Loaded with `node --import` into every test worker (vitest.config.ts): Node loads Ink
// itself (it is not bundled in tests), so the dependency patches reach it through this hook.
import {register} from 'node:module';

register('./patch-loader.js', import.meta.url);
