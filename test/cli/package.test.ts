/** What `npm publish` would ship: the bundle and the package's own documents, nothing else. */
import {execFile} from 'node:child_process';
import {promisify} from 'node:util';
import {describe, expect, it} from 'vitest';

const run = promisify(execFile);
const packageRoot = new URL('../..', import.meta.url).pathname;

describe('the npm package', () => {
	it('contains only dist/**, package.json, readme.md and the licence', async () => {
		// --ignore-scripts: prepack would rebuild; this checks the file list, not the build.
		const {stdout} = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
			cwd: packageRoot,
			env: {...process.env, npm_config_loglevel: 'silent'},
		});
		const [pack] = JSON.parse(stdout) as [{files: {path: string}[]}];
		const files = pack.files.map((file) => file.path).sort();
		expect(files).toContain('dist/cli.js');
		expect(files).toContain('package.json');
		expect(files).toContain('readme.md');
		const unexpected = files.filter(
			(file) => !/^(dist\/.+|package\.json|readme\.md|license(\.md)?)$/i.test(file),
		);
		expect(unexpected).toEqual([]);
	});
});
