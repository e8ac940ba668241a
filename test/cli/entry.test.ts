import {execFile} from 'node:child_process';
import {readFile} from 'node:fs/promises';
import {promisify} from 'node:util';
import {describe, expect, it} from 'vitest';

const run = promisify(execFile);
const cli = new URL('../../dist/cli.js', import.meta.url).pathname;

async function bbtok(args: string[]) {
	try {
		const {stdout, stderr} = await run(process.execPath, [cli, ...args], {
			env: {...process.env, BITBUCKET_ACCESS_TOKEN: ''},
		});
		return {code: 0, stdout, stderr};
	} catch (error) {
		const {code, stdout, stderr} = error as {code: number; stdout: string; stderr: string};
		return {code, stdout, stderr};
	}
}

describe('the CLI entry', () => {
	it('lists every command, flag and variable of PRODUCT.md in --help', async () => {
		const {code, stdout} = await bbtok(['--help']);
		expect(code).toBe(0);
		const names = [
			'onboard',
			'commits',
			'fix-remote',
			'demo',
			'status',
			'--scan',
			'--statuses',
			'--help',
			'--version',
			'--token-stdin',
			'--dir',
			'--branch',
			'--depth',
			'--bot-email',
			'--auth',
			'--remote',
			'--json',
			'--yes',
			'--no-input',
			'--limit',
			'--strip-credentials',
			'--api-url',
			'--git-url',
			'BBTOK_API_URL',
			'BBTOK_GIT_URL',
			'BITBUCKET_ACCESS_TOKEN',
			'BBTOK_CONFIG_DIR',
			'HTTPS_PROXY',
			'HTTP_PROXY',
			'NO_PROXY',
			'NO_COLOR',
		];
		const missing = names.filter((name) => !stdout.includes(name));
		expect(missing).toEqual([]);
	});

	it.each([
		[
			['commits', '--depth', '3'],
			'commits does not take --depth.',
			/commits takes --token-stdin, --branch/,
		],
		[
			['onboard', 'acme/widget', '--strip-credentials'],
			'onboard does not take --strip-credentials.',
			/--dir/,
		],
		[['fix-remote', '--statuses'], 'fix-remote does not take --statuses.', /--remote/],
		[['demo', '--token-stdin'], 'demo does not take --token-stdin.', /--bot-email/],
		[
			['acme/widget', '--limit', '3', '--remote', 'up'],
			'onboard does not take --remote.',
			/--limit/,
		],
	])('refuses a flag its command does not take: %j', async (args, message, takes) => {
		const {code, stderr} = await bbtok(args);
		expect(code).toBe(2);
		expect(stderr.split('\n')[0]).toBe(`bbtok-tui: ${message}`);
		expect(stderr).toMatch(takes);
	});

	it("lists only its own flags in a command's --help", async () => {
		const {code, stdout} = await bbtok(['commits', '--help']);
		expect(code).toBe(0);
		expect(stdout).toContain('bbtok-tui commits [REPO]');
		for (const own of ['--branch', '--limit', '--statuses', '--json', '--token-stdin']) {
			expect(stdout).toContain(own);
		}
		for (const foreign of ['--depth', '--dir', '--bot-email', '--strip-credentials', '--scan']) {
			expect(stdout).not.toContain(foreign);
		}
	});

	it('says in status --help that status never prompts, and where it looks for the token', async () => {
		const {code, stdout} = await bbtok(['status', '--help']);
		expect(code).toBe(0);
		expect(stdout).toContain('status never prompts');
		expect(stdout).not.toContain('masked prompt');
		expect(stdout).toContain('--scan DIR');
	});

	it('prints the package version', async () => {
		const manifest = JSON.parse(
			await readFile(new URL('../../package.json', import.meta.url), 'utf8'),
		);
		const {code, stdout} = await bbtok(['--version']);
		expect(code).toBe(0);
		expect(stdout.trim()).toBe(manifest.version);
	});

	it.each([
		[['--token', 'ATCTT3xFfGN0secret'], /--token is refused/],
		[['--depth', 'zero'], /--depth takes a whole number/],
		[['--limit', '0'], /--limit takes a whole number/],
		[['--auth', 'password'], /--auth takes "prompt", "helper" or "embed"/],
		[['--no-such-flag'], /^bbtok-tui: Unknown flag --no-such-flag\.$/m],
		[['acme/widget', '--bot-mail', 'x'], /Did you mean --bot-email\?/],
	])('refuses %j with exit 2 and one clear line', async (args, message) => {
		const {code, stdout, stderr} = await bbtok(args);
		expect(code).toBe(2);
		expect(stderr).toMatch(message);
		expect(`${stdout}${stderr}`).not.toContain('ATCTT3xFfGN0secret');
	});

	it('names the three ways to give a token when --token is used', async () => {
		const {stderr} = await bbtok(['acme/widget', '--token=ATCTT3xFfGN0secret']);
		expect(stderr).toContain('--token-stdin');
		expect(stderr).toContain('BITBUCKET_ACCESS_TOKEN');
		expect(stderr).toContain('prompt');
	});
});
