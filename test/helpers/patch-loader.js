// The module hook behind patch-hook.js: the same patches as the bundle's, on load.
export {nodeLoad as load} from '../../source/build/patches.js';
