// Loaded with `node --import` into every test worker (vitest.config.ts): Node loads Ink
// itself (it is not bundled in tests), so its wrap-text module is fixed here, as the bundle's is.
import {register} from 'node:module';

register('./ink-wrap-loader.js', import.meta.url);
