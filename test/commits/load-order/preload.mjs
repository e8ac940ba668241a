// Preloaded into the built CLI by startup-order.test.ts: logs, in order, each REST request
// as undici creates it and each import of a bundle chunk whose name matches LOAD_ORDER_CHUNKS.

import {subscribe} from 'node:diagnostics_channel';
import {appendFileSync} from 'node:fs';
import {register} from 'node:module';

const log = process.env.LOAD_ORDER_LOG;
register('./hooks.mjs', import.meta.url, {data: {log, chunks: process.env.LOAD_ORDER_CHUNKS}});
subscribe('undici:request:create', ({request}) => appendFileSync(log, `request ${request.path}\n`));

// The first write that draws the list's footer (`1/30 · all loaded`): the first page on screen.
const write = process.stdout.write.bind(process.stdout);
let drawn = false;
process.stdout.write = (chunk, ...rest) => {
	if (!drawn && /\d+\/\d+ · /.test(String(chunk))) {
		drawn = true;
		appendFileSync(log, 'first page drawn\n');
	}

	return write(chunk, ...rest);
};
