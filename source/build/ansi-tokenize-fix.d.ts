// Types of ansi-tokenize-fix.js (plain JavaScript so that patches.js can import it).
import type {Patch} from './patches.js';

export declare const ansiTokenizePatch: Patch;
export declare const ansiTokenizeIntensityPatch: Patch;
