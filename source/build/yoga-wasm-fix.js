/**
 * A build-time fix of how Yoga (Ink's layout engine) loads its WebAssembly, one of the
 * dependency patches (patches.js). The wasm is inlined as a base64 data: URL, which Yoga
 * decodes itself when `fetch` is missing, but in Node it calls `fetch` on it: the first
 * call to the global fetch loads Node's own copy of undici (~10 ms on a quiet machine,
 * twice that on a busy one) before the browser's first frame, only to decode a string. The
 * fix always takes Yoga's own decoding path.
 */

const from = `function ya(){return w||"function"!=typeof fetch?Promise.resolve().then(function(){return wa()}):fetch(H,{credentials:"same-origin"}).then(function(a){if(!a.ok)throw"failed to load wasm binary file at '"+H+"'";return a.arrayBuffer()}).catch(function(){return wa()})}`;
const to = `function ya(){return Promise.resolve().then(function(){return wa()})}`;

/** @type {import('./patches.js').Patch} */
export const yogaWasmPatch = {
	name: 'Yoga wasm fix',
	package: 'yoga-layout',
	version: '3.2.1',
	source: 'source/build/yoga-wasm-fix.js',
	file: /[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/,
	replacements: [{why: 'the inlined wasm is decoded without fetch', from, to}],
};
