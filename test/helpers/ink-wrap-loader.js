// The module hook behind ink-wrap-hook.js: Ink's build/wrap-text.js, rewritten on load.
import {fixInkWrap, moduleFilter} from '../../source/build/ink-wrap-fix.js';

export async function load(url, context, nextLoad) {
	const result = await nextLoad(url, context);
	if (!moduleFilter.test(url) || result.source === undefined) {
		return result;
	}

	return {...result, source: fixInkWrap(String(result.source)), shortCircuit: true};
}
