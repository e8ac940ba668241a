/**
 * `status --scan` benchmark: a tree of `--repos` clones (default 1,000) shaped like a
 * developer's ~/src (groups of clones, each with a working tree, a node_modules folder that
 * must be skipped, and a real-looking .git), scanned by `dist/cli.js status --scan --json`
 * beside a plain `find DIR -name .git -prune` and `node -e 0`, in alternating runs; and the
 * scan alone, in this process (walk, configs, verdicts), which is what "well under a second"
 * is about and which a loaded machine disturbs least.
 */
import {mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {scanTree} from '../../source/scan/scan-tree.js';
import {measure, median, option, printTable, ratio} from './measure.js';

const cli = path.resolve('dist/cli.js');
const runs = Number(option('runs', '7'));
const repos = Number(option('repos', '1000'));
const appPassword = 'ATBBbenchAppPassword0001';

async function makeClone(dir: string, index: number): Promise<void> {
	const git = path.join(dir, '.git');
	const kinds = [
		`https://jo:${appPassword}@bitbucket.org/acme/repo-${index}.git`,
		`https://x-token-auth@bitbucket.org/acme/repo-${index}.git`,
		`git@bitbucket.org:acme/repo-${index}.git`,
		`https://github.com/acme/repo-${index}.git`,
	];
	await Promise.all([
		mkdir(path.join(git, 'refs', 'heads'), {recursive: true}),
		mkdir(path.join(git, 'refs', 'tags'), {recursive: true}),
		mkdir(path.join(git, 'hooks'), {recursive: true}),
		...['pack', 'info', '0a', '1b', '2c', '3d'].map((name) =>
			mkdir(path.join(git, 'objects', name), {recursive: true}),
		),
		mkdir(path.join(dir, 'src', 'lib'), {recursive: true}),
		mkdir(path.join(dir, 'test'), {recursive: true}),
		mkdir(path.join(dir, 'node_modules', 'left-pad', 'lib'), {recursive: true}),
	]);
	await Promise.all([
		writeFile(path.join(git, 'HEAD'), 'ref: refs/heads/main\n'),
		writeFile(
			path.join(git, 'config'),
			`[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n\tbare = false\n[remote "origin"]\n\turl = ${kinds[index % kinds.length]}\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n[branch "main"]\n\tremote = origin\n\tmerge = refs/heads/main\n`,
		),
		writeFile(path.join(dir, 'README.md'), '# repo\n'),
		writeFile(path.join(dir, 'package.json'), '{}\n'),
		writeFile(path.join(dir, 'src', 'index.ts'), 'export {};\n'),
		writeFile(path.join(dir, 'src', 'lib', 'a.ts'), 'export {};\n'),
		writeFile(path.join(dir, 'test', 'a.test.ts'), 'export {};\n'),
	]);
}

const root = await mkdtemp(path.join(os.tmpdir(), 'bbtok-bench-scan-'));
try {
	const tree = path.join(root, 'src');
	for (let start = 0; start < repos; start += 50) {
		await Promise.all(
			Array.from({length: Math.min(50, repos - start)}, (_, offset) => {
				const index = start + offset;
				return makeClone(path.join(tree, `group-${index % 20}`, `repo-${index}`), index);
			}),
		);
	}

	const env = {...process.env, HOME: root, BBTOK_CONFIG_DIR: root};
	const samples = {
		scan: [] as number[],
		inProcess: [] as number[],
		inProcessCpu: [] as number[],
		find: [] as number[],
		node: [] as number[],
	};
	let rows = 0;
	for (let run = 0; run < runs; run++) {
		const scan = await measure(process.execPath, [cli, 'status', '--scan', tree, '--json'], {env});
		rows = scan.stdout.trim().split('\n').length;
		samples.scan.push(scan.wallMs);
		samples.find.push((await measure('find', [tree, '-name', '.git', '-prune'])).wallMs);
		samples.node.push((await measure(process.execPath, ['-e', '0'])).wallMs);
		const started = performance.now();
		const cpu = process.cpuUsage();
		await scanTree({dir: tree, gitUrl: 'https://bitbucket.org', credentialFiles: []});
		samples.inProcess.push(performance.now() - started);
		const used = process.cpuUsage(cpu);
		samples.inProcessCpu.push((used.user + used.system) / 1000);
	}

	const [scan, find, node, inProcess] = [
		median(samples.scan),
		median(samples.find),
		median(samples.node),
		median(samples.inProcess),
	];
	console.log(`${repos} clones (${rows} rows with a Bitbucket remote), median of ${runs} runs`);
	printTable([
		['what', 'wall', 'vs find'],
		['bbtok-tui status --scan --json', `${scan.toFixed(0)} ms`, ratio(scan / find)],
		['the scan alone (in process)', `${inProcess.toFixed(0)} ms`, ratio(inProcess / find)],
		['  its CPU time (user + system)', `${median(samples.inProcessCpu).toFixed(0)} ms`, ''],
		['find DIR -name .git -prune', `${find.toFixed(0)} ms`, ratio(1)],
		['node -e 0', `${node.toFixed(0)} ms`, ratio(node / find)],
	]);
} finally {
	await rm(root, {recursive: true, force: true});
}
