/**
 * The interactive fix-remote --scan, rendered with ink-testing-library against the sandbox
 * on the tree with every auth form: the token prompt, the ticked list (Space unticks, Enter
 * applies), an unticked clone left byte-identical, Esc and Ctrl+C changing nothing.
 */
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {AuthMode} from '../../../source/core/context.js';
import {fillToken} from '../../../source/git/credential-store.js';
import {type Sandbox, startSandbox} from '../../../source/sandbox/index.js';
import {createServices} from '../../../source/services/services.js';
import {ScanFixApp} from '../../../source/ui/fix-remote-scan/app.js';
import {git, tempDirs} from '../../fix-remote/git-fixtures.js';
import {cacheHome, type HelperHome} from '../../helpers/credential-helpers.js';
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

/** `home`: a HOME with real credential helpers (else the tree's, with no global git config). */
async function launch(options: {envToken?: string; auth?: AuthMode; home?: HelperHome} = {}) {
	const {home} = options;
	const tree: Tree = await buildTree(
		home?.home ?? (await temp.make('bbtok-scan-ui-')),
		sandbox.gitUrl,
	);
	const services = createServices({
		flags: {apiUrl: sandbox.apiUrl, gitUrl: sandbox.gitUrl} as never,
		env: {
			...(home?.env ?? {PATH: process.env.PATH, HOME: tree.home, GIT_CONFIG_GLOBAL: '/dev/null'}),
			BBTOK_CONFIG_DIR: path.join(tree.home, 'bbtok'),
		},
		cwd: tree.home,
	});
	const exits: number[] = [];
	const ink = await renderInk(
		<ScanFixApp
			request={{
				dir: tree.root,
				credentialFiles: [tree.credentialFile, tree.xdgCredentialFile],
				stripCredentials: false,
				auth: options.auth,
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
			const list = await ink.waitFor('7 of 7 clones ticked');
			expect(list).toMatch(/› \[x\] account-password/);
			expect(list).toMatch(/- url = http:\/\/jo:\*\*\*@/);
			expect(list).toMatch(/4 left byte-identical/);
			await ink.press(keys.down);
			await ink.waitFor(/› \[x\] app-password/);
			await ink.press(keys.space);
			await ink.waitFor(/6 of 7 clones ticked/);
			expect(ink.lastFrame()).toMatch(/› \[ \] app-password/);
			const before = await snapshotTree(tree.clones['app-password']!);
			await ink.press(keys.enter);
			const done = await ink.waitFor(/5 migrated, 1 already as proposed, 0 failed, 1 unticked/);
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
				await ink.waitFor('7 of 7 clones ticked');
				await ink.press(key);
				await ink.waitFor(/nothing was changed/);
				expect(exits).toEqual([key === keys.escape ? 0 : 130]);
				expect(await snapshotTree(tree.root)).toEqual(before);
			} finally {
				await close();
			}
		}
	});

	it('--auth helper: each row shows the mode and the helper that will hold the token; Enter hands it over', async () => {
		const home = await cacheHome();
		const {tree, ink, exits, close} = await launch({
			envToken: sandbox.tokens.workspaceRead,
			auth: 'helper',
			home,
		});
		try {
			await ink.waitFor('7 of 7 clones ticked');
			// Tall enough for every row, with the diff of the first.
			await ink.resize(120, 40);
			const list = await ink.waitFor(
				/› \[x\] account-password[\s\S]*\[x\] team\/prompt\/vendor\/lib/,
			);
			expect(list).toMatch(/\[x\] account-password .*origin: user-password → helper \(cache\)/);
			expect(list).toMatch(/\[x\] app-password .*origin: app-password → helper \(cache\)/);
			expect(list).toMatch(/\[x\] helper .*origin: helper → helper \(cache\)/);
			expect(list).toMatch(/\[x\] team\/embedded .*origin: embed → helper \(cache\)/);
			expect(list).toContain('Token kept by the credential helper cache, for this repository only');
			expect(list).toMatch(/↑\/↓ move · Space tick\/untick · a all · Enter apply · Esc cancel/);
			await ink.press(keys.enter);
			await ink.waitFor(/7 migrated, 0 already as proposed, 0 failed, 0 unticked/);
			expect(exits).toEqual([0]);
			for (const name of ['app-password', 'team/prompt', 'helper']) {
				expect(
					await fillToken({env: home.env, cwd: tree.clones[name]!}, await urlOf(tree, name)),
				).toBe(sandbox.tokens.workspaceRead);
			}

			noSecretIn(ink.frames);
		} finally {
			await close();
			// The tree's helper daemon lives in this HOME: ended before the folder goes.
			await stopCacheDaemons();
			await home.dispose();
		}
	});

	it("the token prompt and the list show their key table's hints; q leaves the list like Esc", async () => {
		const {tree, ink, exits, close} = await launch();
		try {
			expect(await ink.waitFor('Access token:')).toMatch(/Enter check · Ctrl\+C quit$/);
			// otherRepo reaches acme/gadget alone: stored-login and team/prompt.
			await ink.paste(`${sandbox.tokens.otherRepo}\r`);
			expect(await ink.waitFor('2 of 2 clones ticked')).toMatch(
				/↑\/↓ move · Space tick\/untick · a all · Enter apply · Esc cancel$/,
			);
			const before = await snapshotTree(tree.root);
			await ink.press('q');
			await ink.waitFor(/Cancelled; nothing was changed/);
			expect(exits).toEqual([0]);
			expect(await snapshotTree(tree.root)).toEqual(before);
		} finally {
			await close();
		}
	});
});

/** The clone's origin as a credential URL (no user). */
async function urlOf(tree: Tree, name: string): Promise<string> {
	const url = new URL(await originOf(tree.clones[name]!));
	url.username = '';
	return url.href;
}
