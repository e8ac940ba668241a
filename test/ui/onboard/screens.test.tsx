import {mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type {ReactElement} from 'react';
import {afterAll, beforeAll, describe, expect, test, vi} from 'vitest';
import type {BitbucketClient} from '../../../source/bitbucket/client.js';
import {AuthError} from '../../../source/core/errors.js';
import {UiTheme} from '../../../source/ui/components/theme.js';
import {BotStep} from '../../../source/ui/onboard/bot-step.js';
import {CloneStep} from '../../../source/ui/onboard/clone-step.js';
import {OptionsStep} from '../../../source/ui/onboard/options-step.js';
import {RepositoryStep} from '../../../source/ui/onboard/repository-step.js';
import {SummaryStep} from '../../../source/ui/onboard/summary-step.js';
import {TokenStep} from '../../../source/ui/onboard/token-step.js';
import {VerifyStep} from '../../../source/ui/onboard/verify-step.js';
import {failureOf} from '../../../source/ui/onboard/wizard-state.js';
import {FakeCommitsApi, fakeHash} from '../../commits/fake-api.js';
import {keys, renderInk} from '../../helpers/render.js';

const ref = {workspace: 'acme', repo: 'widget'};
const gitUrl = 'https://bitbucket.org';
// Shaped like an access token (prefix and length) without being one.
const token = `ATCTT3xFfGN0${'q7Zr2LpX9'.repeat(20)}=A1B2C3D4`;

function themed(element: ReactElement) {
	return <UiTheme color={false}>{element}</UiTheme>;
}

describe('repository step', () => {
	const recent = [
		{workspace: 'acme', repo: 'gadget', dir: '/src/gadget', lastUsed: '2024-05-02T00:00:00Z'},
		{workspace: 'acme', repo: 'website', lastUsed: '2024-05-01T00:00:00Z'},
	];

	test('says what it understood as you type, and submits the reference', async () => {
		const onSubmit = vi.fn();
		const ink = await renderInk(
			themed(<RepositoryStep recent={[]} defaultValue="" gitUrl={gitUrl} onSubmit={onSubmit} />),
		);
		await ink.type('acme');
		expect(ink.lastFrame()).toContain('! "acme" does not name a repository');
		await ink.type('/widget');
		expect(ink.lastFrame()).toContain('✓ acme/widget');
		await ink.press(keys.enter);
		expect(onSubmit).toHaveBeenCalledWith(ref, 'acme/widget');
	});

	test('understands a pasted browser URL and a clone URL on the configured git host', async () => {
		const onSubmit = vi.fn();
		const ink = await renderInk(
			themed(
				<RepositoryStep
					recent={[]}
					defaultValue=""
					gitUrl="http://127.0.0.1:7990"
					onSubmit={onSubmit}
				/>,
			),
		);
		await ink.paste('https://bitbucket.org/Acme/Widget/src/main/README.md');
		expect(ink.lastFrame()).toContain('✓ acme/widget');
		await ink.press(...Array.from({length: 60}, () => keys.backspace));
		await ink.paste('http://127.0.0.1:7990/acme/gadget.git');
		await ink.press(keys.enter);
		expect(onSubmit).toHaveBeenLastCalledWith(
			{workspace: 'acme', repo: 'gadget'},
			expect.any(String),
		);
	});

	test('refuses an empty or invalid value on Enter without submitting', async () => {
		const onSubmit = vi.fn();
		const ink = await renderInk(
			themed(<RepositoryStep recent={[]} defaultValue="" gitUrl={gitUrl} onSubmit={onSubmit} />),
		);
		await ink.press(keys.enter);
		expect(ink.lastFrame()).toContain('Type workspace/repo');
		await ink.type('ftp://bitbucket.org/a/b');
		await ink.press(keys.enter);
		expect(ink.lastFrame()).toContain('uses ftp');
		expect(onSubmit).not.toHaveBeenCalled();
	});

	test('lists recent repositories above the input; ↑ and Enter pick one', async () => {
		const onSubmit = vi.fn();
		const ink = await renderInk(
			themed(
				<RepositoryStep
					recent={recent}
					defaultValue=""
					gitUrl={gitUrl}
					home="/src"
					onSubmit={onSubmit}
				/>,
			),
		);
		const frame = ink.lastFrame();
		expect(frame).toContain('Recent repositories');
		// The newest sits next to the input, where ↑ reaches it first.
		expect(frame.indexOf('acme/website')).toBeLessThan(frame.indexOf('acme/gadget'));
		expect(frame).toContain('acme/gadget ~/gadget');
		await ink.press(keys.up, keys.up, keys.down);
		expect(ink.lastFrame()).toContain('› acme/gadget');
		await ink.press(keys.enter);
		expect(onSubmit).toHaveBeenCalledWith({workspace: 'acme', repo: 'gadget'}, 'acme/gadget');
	});
});

describe('token step', () => {
	test('draws nothing of a typed or pasted token, and submits it', async () => {
		const onSubmit = vi.fn();
		const ink = await renderInk(themed(<TokenStep repoRef={ref} onSubmit={onSubmit} />));
		expect(ink.lastFrame()).toContain('https://bitbucket.org/acme/widget/admin/access-tokens');
		expect(ink.lastFrame()).toContain('repository:write to push');
		await ink.type(token.slice(0, 30));
		await ink.paste(token.slice(30));
		expect(ink.lastFrame()).toContain('token entered (hidden)');
		await ink.press(keys.enter);
		expect(onSubmit).toHaveBeenCalledWith(token);
		const everything = ink.frames.join('\n');
		expect(everything).not.toContain(token.slice(0, 12));
		expect(everything).not.toContain(token.slice(20, 40));
		expect(everything).not.toMatch(/[*•]{8}/);
	});

	test('a paste ending in a newline submits; Backspace clears the whole value', async () => {
		const onSubmit = vi.fn();
		const ink = await renderInk(themed(<TokenStep repoRef={ref} onSubmit={onSubmit} />));
		await ink.paste('wrong-value-typed');
		await ink.press(keys.backspace);
		expect(ink.lastFrame()).toContain('paste the token (nothing is shown)');
		await ink.paste(`  ${token}\r`);
		expect(onSubmit).toHaveBeenCalledWith(token);
	});

	test('offers BITBUCKET_ACCESS_TOKEN: Enter on the empty field uses it', async () => {
		const onSubmit = vi.fn();
		const ink = await renderInk(
			themed(<TokenStep repoRef={ref} envToken={token} onSubmit={onSubmit} />),
		);
		expect(ink.lastFrame()).toContain('BITBUCKET_ACCESS_TOKEN is set: press Enter');
		await ink.press(keys.enter);
		expect(onSubmit).toHaveBeenCalledWith(token);
		expect(ink.frames.join('\n')).not.toContain(token.slice(0, 12));
	});

	test('explains and refuses a user API token', async () => {
		const onSubmit = vi.fn();
		const ink = await renderInk(themed(<TokenStep repoRef={ref} onSubmit={onSubmit} />));
		await ink.paste(`ATATT3xFfGF0${'x'.repeat(150)}`);
		expect(ink.lastFrame()).toContain('user API token (ATATT…)');
		await ink.press(keys.enter);
		expect(ink.lastFrame()).toContain('✗ This is a user API token, not a Bitbucket access token.');
		expect(onSubmit).not.toHaveBeenCalled();
		// The refused value is dropped: the access token pasted next is submitted on its own.
		expect(ink.lastFrame()).toContain('paste the token (nothing is shown)');
		await ink.paste(token);
		expect(ink.lastFrame()).not.toContain('user API token');
		await ink.press(keys.enter);
		expect(onSubmit).toHaveBeenCalledWith(token);
	});

	test('an API token in BITBUCKET_ACCESS_TOKEN gets the same advice', async () => {
		const onSubmit = vi.fn();
		const ink = await renderInk(
			themed(
				<TokenStep repoRef={ref} envToken={`ATATT3xFfGF0${'y'.repeat(150)}`} onSubmit={onSubmit} />,
			),
		);
		await ink.press(keys.enter);
		expect(ink.lastFrame()).toContain('✗ This is a user API token');
		expect(onSubmit).not.toHaveBeenCalled();
	});

	test('explains an app password but lets the user try it', async () => {
		const onSubmit = vi.fn();
		const ink = await renderInk(themed(<TokenStep repoRef={ref} onSubmit={onSubmit} />));
		await ink.paste('a1B2c3D4e5F6g7H8i9J0');
		expect(ink.lastFrame()).toContain('looks like an app password');
		await ink.press(keys.enter);
		expect(onSubmit).toHaveBeenCalledWith('a1B2c3D4e5F6g7H8i9J0');
	});

	test('refuses an ATBB app password in one line: removed on 28 July 2026, what to create instead', async () => {
		const onSubmit = vi.fn();
		const ink = await renderInk(themed(<TokenStep repoRef={ref} onSubmit={onSubmit} />));
		await ink.paste('ATBBx7Kq2mVnT9sLpW4eR5tY');
		expect(ink.lastFrame()).toContain('Atlassian removed app passwords on 28 July 2026');
		await ink.press(keys.enter);
		expect(ink.lastFrame()).toContain('✗ This is an app password (ATBB…)');
		expect(ink.lastFrame()).toContain('Create a repository access token instead');
		expect(onSubmit).not.toHaveBeenCalled();
	});

	test('refuses inner whitespace before anything is sent', async () => {
		const onSubmit = vi.fn();
		const ink = await renderInk(themed(<TokenStep repoRef={ref} onSubmit={onSubmit} />));
		await ink.paste('two words');
		await ink.press(keys.enter);
		expect(ink.lastFrame()).toContain('contains whitespace');
		expect(onSubmit).not.toHaveBeenCalled();
	});

	test('demo mode shows the demo token to paste, and Enter on the empty field uses it', async () => {
		const onSubmit = vi.fn();
		const ink = await renderInk(
			themed(<TokenStep repoRef={ref} demoToken="ATCTT3xFfGN0demo" onSubmit={onSubmit} />),
		);
		await ink.press(keys.enter);
		expect(onSubmit).toHaveBeenCalledWith('ATCTT3xFfGN0demo');
		// The token on a line of its own, to copy.
		expect(ink.lastFrame()).toContain(
			'• Demo token (paste it, or press Enter with the field empty to use it):\n  ATCTT3xFfGN0demo\n',
		);
	});
});

describe('verify step', () => {
	test('a spinner, then the repository as the API reports it', async () => {
		const ink = await renderInk(
			themed(<VerifyStep repoRef={ref} verification={{status: 'running'}} />),
		);
		expect(ink.lastFrame()).toContain('Checking the token against acme/widget…');
		await ink.rerender(
			themed(
				<VerifyStep
					repoRef={ref}
					verification={{
						status: 'done',
						value: {
							repository: {
								type: 'repository',
								full_name: 'acme/widget',
								is_private: true,
								mainbranch: {type: 'branch', name: 'main'},
								size: 3 * 1024 * 1024,
								project: {type: 'project', key: 'TOOLS', name: 'Tools'},
							},
							canPush: false,
							branches: [],
						},
					}}
				/>,
			),
		);
		const frame = ink.lastFrame();
		expect(frame).toContain('✓ The token reaches acme/widget.');
		expect(frame).toMatch(/Visibility\s+private/);
		expect(frame).toMatch(/Main branch\s+main/);
		expect(frame).toMatch(/Size\s+3\.0 MiB/);
		expect(frame).toMatch(/Project\s+Tools \(TOOLS\)/);
		expect(frame).toContain('It cannot push: the token lacks repository:write');
	});

	test('a failure shows the message, the hint and the exit code q quits with', async () => {
		const failure = failureOf(
			new AuthError('The token lacks the repository scope.', {
				reason: 'scope',
				hint: 'Create a token with the repository scope.',
			}),
		);
		const ink = await renderInk(
			themed(<VerifyStep repoRef={ref} verification={{status: 'failed', failure}} />),
		);
		expect(ink.lastFrame()).toContain('✗ The token lacks the repository scope.');
		expect(ink.lastFrame()).toContain('Create a token with the repository scope.');
		expect(ink.lastFrame()).toContain('q quits with exit code 3');
	});
});

describe('clone options step', () => {
	let cwd: string;
	beforeAll(async () => {
		cwd = await mkdtemp(path.join(os.tmpdir(), 'bbtok-options-'));
		await mkdir(path.join(cwd, 'widget'));
		await writeFile(path.join(cwd, 'widget', 'file.txt'), 'taken');
	});
	afterAll(async () => {
		await rm(cwd, {recursive: true, force: true});
	});

	test('refuses an existing non-empty directory inline, accepts a new one', async () => {
		const onSubmit = vi.fn();
		const ink = await renderInk(
			themed(
				<OptionsStep
					repoRef={ref}
					initial={{dir: 'widget', branch: 'main', auth: 'prompt'}}
					branches={['main', 'develop']}
					cwd={cwd}
					onSubmit={onSubmit}
				/>,
			),
		);
		await ink.waitFor('already exists and is not empty');
		await ink.press(keys.enter);
		expect(onSubmit).not.toHaveBeenCalled();
		expect(ink.lastFrame()).toContain('Choose another directory');
		await ink.type('-2');
		await ink.waitFor('(new folder)');
		expect(ink.lastFrame()).toContain(path.join(cwd, 'widget-2'));
		await ink.press(keys.enter);
		expect(onSubmit).toHaveBeenCalledWith({dir: 'widget-2', branch: 'main', auth: 'prompt'});
	});

	test('branch from the list, shallow history with a depth, embed with its warning', async () => {
		const onSubmit = vi.fn();
		const ink = await renderInk(
			themed(
				<OptionsStep
					repoRef={ref}
					initial={{dir: 'fresh', branch: 'main', auth: 'prompt'}}
					branches={['main', 'develop', 'feature/login']}
					cwd={cwd}
					onSubmit={onSubmit}
				/>,
			),
		);
		await ink.waitFor('(new folder)');
		expect(ink.lastFrame()).toContain('it is stored nowhere');
		await ink.press(keys.down, keys.right);
		expect(ink.lastFrame()).toMatch(/› Branch\s+‹ develop › 2 of 3/);
		await ink.press(keys.down, keys.right);
		expect(ink.lastFrame()).toMatch(/Depth\s+1/);
		await ink.press(keys.down, keys.backspace, 'x');
		expect(ink.lastFrame()).toContain('The depth is a whole number');
		await ink.press(keys.enter);
		expect(onSubmit).not.toHaveBeenCalled();
		await ink.press(keys.backspace, '2', '0');
		await ink.press(keys.down, keys.right);
		expect(ink.lastFrame()).toContain('The token will sit in .git/config as plain text');
		await ink.press(keys.enter);
		expect(onSubmit).toHaveBeenCalledWith({
			dir: 'fresh',
			branch: 'develop',
			depth: 20,
			auth: 'embed',
		});
	});

	test('keys arriving in one chunk each see the effect of the ones before', async () => {
		const onSubmit = vi.fn();
		const ink = await renderInk(
			themed(
				<OptionsStep
					repoRef={ref}
					initial={{dir: 'burst', branch: 'main', auth: 'prompt'}}
					branches={['main', 'develop']}
					cwd={cwd}
					onSubmit={onSubmit}
				/>,
			),
		);
		await ink.waitFor('(new folder)');
		await ink.paste(keys.down + keys.right + keys.down + keys.right + keys.enter);
		expect(onSubmit).toHaveBeenCalledWith({
			dir: 'burst',
			branch: 'develop',
			depth: 1,
			auth: 'prompt',
		});
		// A folder typed together with Enter waits for its check instead of cloning unchecked.
		await ink.press(keys.up, keys.up);
		await ink.paste(`${keys.end}-2${keys.enter}`);
		expect(onSubmit).toHaveBeenCalledTimes(1);
		await ink.waitFor('burst-2 (new folder)');
		await ink.press(keys.enter);
		expect(onSubmit).toHaveBeenLastCalledWith({
			dir: 'burst-2',
			branch: 'develop',
			depth: 1,
			auth: 'prompt',
		});
	});
});

describe('clone step', () => {
	test('phase, bar, objects, bytes and elapsed time', async () => {
		const ink = await renderInk(
			themed(
				<CloneStep
					repoRef={ref}
					choices={{dir: 'widget', branch: 'main', auth: 'prompt'}}
					cwd="/work"
					clone={{status: 'running'}}
					progress={{
						phase: 'Resolving deltas',
						loaded: 50,
						total: 200,
						bytes: 2048,
						elapsedMs: 1500,
					}}
					stopping={false}
					barWidth={20}
				/>,
			),
		);
		const frame = ink.lastFrame();
		expect(frame).toContain('Cloning acme/widget into ./widget');
		expect(frame).toMatch(/Resolving deltas .* 25%/);
		expect(frame).toContain('50/200 objects · 2.0 KiB · 1.5 s');
		expect(frame).not.toContain('Stopping the clone');
	});

	test('a failure says nothing was left behind', async () => {
		const failure = failureOf(new AuthError('Access denied.', {reason: 'rejected'}));
		const ink = await renderInk(
			themed(
				<CloneStep
					repoRef={ref}
					choices={{dir: '/elsewhere/widget', auth: 'embed'}}
					cwd="/work"
					clone={{status: 'failed', failure}}
					stopping={false}
					barWidth={20}
				/>,
			),
		);
		expect(ink.lastFrame()).toContain('✗ Access denied.');
		expect(ink.lastFrame()).toContain('Nothing of this attempt was left in /elsewhere/widget');
	});
});

describe('bot email step', () => {
	const suggestions = [
		{value: 'remembered@bots.bitbucket.org', description: 'remembered for acme/widget'},
		{value: 'seen@bots.bitbucket.org', description: 'seen in recent commits'},
	];

	function renderBot(overrides: Partial<Parameters<typeof BotStep>[0]> = {}) {
		const onEmail = vi.fn();
		const onName = vi.fn();
		return {
			onEmail,
			onName,
			element: themed(
				<BotStep
					repoRef={ref}
					cloned="Cloned into ./widget (main at 1234567)"
					suggestions={suggestions}
					saving={false}
					onEmail={onEmail}
					onName={onName}
					{...overrides}
				/>,
			),
		};
	}

	test('explains where the bot email is shown; a bare id gets the bot domain', async () => {
		const {element, onEmail} = renderBot();
		const ink = await renderInk(element);
		expect(ink.lastFrame()).toContain('https://bitbucket.org/acme/widget/admin/access-tokens');
		await ink.type('{1a2b');
		expect(ink.lastFrame()).toContain('! Type the bot email');
		await ink.press(...Array.from({length: 5}, () => keys.backspace));
		await ink.type('1a2b3c');
		expect(ink.lastFrame()).toContain('→ user.email 1a2b3c@bots.bitbucket.org');
		await ink.press(keys.enter);
		expect(onEmail).toHaveBeenCalledWith('1a2b3c@bots.bitbucket.org');
	});

	test('suggestions: remembered one first; ↑ ↑ Enter picks the second', async () => {
		const {element, onEmail} = renderBot();
		const ink = await renderInk(element);
		expect(ink.lastFrame()).toContain('remembered@bots.bitbucket.org remembered for acme/widget');
		await ink.press(keys.up, keys.up, keys.enter);
		expect(onEmail).toHaveBeenCalledWith('seen@bots.bitbucket.org');
	});

	test('an empty email is refused', async () => {
		const {element, onEmail} = renderBot({suggestions: []});
		const ink = await renderInk(element);
		await ink.press(keys.enter);
		expect(ink.lastFrame()).toContain('✗ The bot email is needed');
		expect(onEmail).not.toHaveBeenCalled();
	});

	test('then an optional name; demo mode shows the bot email', async () => {
		const {element, onName} = renderBot({
			email: 'b@bots.bitbucket.org',
			demoBotEmail: 'demo@bots.bitbucket.org',
		});
		const ink = await renderInk(element);
		expect(ink.lastFrame()).toContain("the sandbox token's bot email is demo@bots.bitbucket.org");
		expect(ink.lastFrame()).toContain('Name (optional, Enter to skip)');
		await ink.type('Widget bot');
		await ink.press(keys.enter);
		expect(onName).toHaveBeenCalledWith('Widget bot');
	});
});

describe('summary step', () => {
	const summary = (rows: number) =>
		themed(
			<SummaryStep
				repoRef={ref}
				client={new FakeCommitsApi() as unknown as BitbucketClient}
				gitUrl={gitUrl}
				dir="./widget"
				branch="main"
				mainBranch="main"
				head={fakeHash('main', 0)}
				auth="prompt"
				canPush
				identity={{email: '5f3e1c2a-0b7d-4e9f-a1c3-7d2e9b4f6a80@bots.bitbucket.org'}}
				rows={rows}
				width={80}
				onExit={() => {}}
			/>,
		);
	const command =
		'printf \'%s\\n\' "$TOKEN" | bbtok-tui acme/widget --token-stdin --bot-email 5f3e1c2a-0b7d-4e9f-a1c3-7d2e9b4f6a80';

	test('shows the commands for scripts whole when the terminal has the room', async () => {
		const ink = await renderInk(summary(30));
		const frame = await ink.waitFor('#0 on main');
		expect(frame.replace(/\s+/g, ' ')).toContain(command);
		expect(frame).not.toContain('…');
		expect(frame.split('\n').length).toBeLessThanOrEqual(30);
	});

	test('cuts them to a line each, then leaves them out, to keep the commits on a small screen', async () => {
		const cut = await renderInk(summary(18));
		let frame = await cut.waitFor('#0 on main');
		expect(frame).toContain('For scripts:');
		expect(frame).toMatch(/^ {2}printf .*…$/m);
		expect(frame).toContain('#2 on main');
		expect(frame.split('\n').length).toBeLessThanOrEqual(18);

		const none = await renderInk(summary(13));
		frame = await none.waitFor('#0 on main');
		expect(frame).not.toContain('For scripts:');
		expect(frame).toContain('#2 on main');
		expect(frame.split('\n').length).toBeLessThanOrEqual(13);
	});
});
