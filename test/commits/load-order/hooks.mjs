// Module hooks of preload.mjs (they run on the loader's thread; the log file orders both threads).
import {appendFileSync} from 'node:fs';

let log;
let chunks;

export function initialize(data) {
	log = data.log;
	chunks = new RegExp(data.chunks);
}

export function resolve(specifier, context, next) {
	if (chunks.test(specifier)) {
		appendFileSync(log, `import ${specifier.replace(/.*\//, '')}\n`);
	}

	return next(specifier, context);
}
