/**
 * The interactive fix-remote --scan, rendered with ink-testing-library against the sandbox
 * on the tree with every auth form: the token prompt, the ticked list (Space unticks, Enter
 * applies), an unticked clone left byte-identical, Esc and Ctrl+C changing nothing.
 */
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {type Sandbox, startSandbox} from '../../../source/sandbox/index.js';
import {createServices} from '../../../source/services/services.js';
import {ScanFixApp} from '../../../source/ui/fix-remote-scan/app.js';
import {git, tempDirs} from '../../fix-remote/git-fixtures.js';
import {keys, renderInk} from '../../helpers/render.js';
import {snapshotTree} from '../../scan/snapshot.js';
import {buildTree, secrets, stopCacheDaemons, type Tree} from '../../scan/tree.js';

const temp = tempDirs();
let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({env: process.env});
});
afterAll(async () => {
	await stopCacheDaemons();
	await sandbox.close();
	await temp.cleanup();
});

async function launch(options: {envToken?: string} = {}) {
	const tree: Tree = await buildTree(await temp.make('bbtok-scan-ui-'), sandbox.gitUrl);
	const services = createServices({
		flags: {apiUrl: sandbox.apiUrl, gitUrl: sandbox.gitUrl} as never,
		env: {BBTOK_CONFIG_DIR: path.join(tree.home, 'bbtok')},
		cwd: tree.home,
	});
	const exits: number[] = [];
	const ink = await renderInk(
		<ScanFixApp
			request={{
				dir: tree.root,
				credentialFiles: [tree.credentialFile, tree.xdgCredentialFile],
				stripCredentials: false,
			}}
			services={services}
			envToken={options.envToken}
			onExit={(code) => exits.push(code)}
		/>,
	);
	return {tree, ink, exits, close: () => services.close()};
}

const originOf = async (dir: string) => (await git(dir, ['remote', 'get-url', 'origin'])).trim();
const noSecretIn = (frames: readonly string[]) => {
	for (const secret of [...Object.values(secrets), ...Object.values(sandbox.tokens)]) {
		expect(frames.join('\n')).not.toContain(secret);
	}
};

describe('fix-remote --scan, interactive', () => {
	it('asks for the token, lists every change ticked; Space unticks one, Enter applies the others', async () => {
		const {tree, ink, exits, close} = await launch();
		try {
			await ink.waitFor('Access token:');
			await ink.paste(`${sandbox.tokens.workspaceRead}\r`);
			const list = await ink.waitFor('6 of 6 clones ticked');
			expect(list).toMatch(/› \[x\] account-password/);
			expect(list).toMatch(/- url = http:\/\/jo:\*\*\*@/);
			expect(list).toMatch(/5 left byte-identical/);
			await ink.press(keys.down);
			await ink.waitFor(/› \[x\] app-password/);
			await ink.press(keys.space);
			await ink.waitFor(/5 of 6 clones ticked/);
			expect(ink.lastFrame()).toMatch(/› \[ \] app-password/);
			const before = await snapshotTree(tree.clones['app-password']!);
			await ink.press(keys.enter);
			const done = await ink.waitFor(/4 migrated, 1 already as proposed, 0 failed, 1 unticked/);
			expect(done).toMatch(/unselected +app-password/);
			expect(exits).toEqual([0]);
			expect(await snapshotTree(tree.clones['app-password']!)).toEqual(before);
			expect(await originOf(tree.clones['stored-login']!)).toMatch(/^http:\/\/x-token-auth@/);
			noSecretIn(ink.frames);
		} finally {
			await close();
		}
	});

	it('a user API token is refused at the prompt before anything is sent', async () => {
		const {ink, close} = await launch();
		try {
			await ink.waitFor('Access token:');
			await ink.paste(`${secrets.apiToken}\r`);
			await ink.waitFor(/user API token/);
			expect(ink.lastFrame()).toContain('Access token:');
			noSecretIn(ink.frames);
		} finally {
			await close();
		}
	});

	it('Esc in the list, and Ctrl+C, leave every clone byte-identical', async () => {
		for (const key of [keys.escape, keys.ctrlC]) {
			const {tree, ink, exits, close} = await launch({envToken: sandbox.tokens.workspaceRead});
			try {
				const before = await snapshotTree(tree.root);
				await ink.waitFor('6 of 6 clones ticked');
				await ink.press(key);
				await ink.waitFor(/nothing was changed/);
				expect(exits).toEqual([key === keys.escape ? 0 : 130]);
				expect(await snapshotTree(tree.root)).toEqual(before);
			} finally {
				await close();
			}
		}
	});
});
