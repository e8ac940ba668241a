import {describe, expect, test} from 'vitest';
import {registerSecret} from '../../../source/core/redaction.js';
import {
	authBehaviour,
	equivalentCommands,
	remoteShown,
	shellQuote,
} from '../../../source/ui/onboard/summary-text.js';

const ref = {workspace: 'acme', repo: 'widget'};
const base = {
	gitUrl: 'https://bitbucket.org',
	ref,
	dir: './widget',
	branch: 'main',
	mainBranch: 'main',
	email: '1a2b3c@bots.bitbucket.org',
} as const;

describe('equivalent commands', () => {
	test('prompt mode: clone without credentials, the identity, the same run headless', () => {
		expect(equivalentCommands({...base, auth: 'prompt'})).toEqual([
			'git clone --branch main https://x-token-auth@bitbucket.org/acme/widget.git ./widget',
			'git -C ./widget config user.email 1a2b3c@bots.bitbucket.org',
			`printf '%s\\n' "$TOKEN" | bbtok-tui acme/widget --token-stdin --bot-email 1a2b3c`,
		]);
	});

	test('embed mode, a depth, a name and an unusual folder: quoted, token redacted', () => {
		const lines = equivalentCommands({
			...base,
			auth: 'embed',
			dir: "./my widget's",
			branch: 'develop',
			depth: 10,
			name: 'Widget bot',
		});
		expect(lines).toEqual([
			"git clone --branch develop --depth 10 https://x-token-auth@bitbucket.org/acme/widget.git './my widget'\\''s'",
			"git -C './my widget'\\''s' config user.email 1a2b3c@bots.bitbucket.org",
			"git -C './my widget'\\''s' config user.name 'Widget bot'",
			"git -C './my widget'\\''s' remote set-url origin https://x-token-auth:***@bitbucket.org/acme/widget.git",
			`printf '%s\\n' "$TOKEN" | bbtok-tui acme/widget --token-stdin --bot-email 1a2b3c --dir './my widget'\\''s' --branch develop --depth 10 --auth embed`,
		]);
	});

	test('a registered secret never appears, whatever field carries it', () => {
		const secret = 'ATCTT3xFfGN0leakedValue1234';
		registerSecret(secret);
		const lines = equivalentCommands({...base, auth: 'prompt', name: secret});
		expect(lines.join('\n')).not.toContain(secret);
	});

	test('shell quoting only where needed', () => {
		expect(shellQuote('./widget')).toBe('./widget');
		expect(shellQuote('a b')).toBe("'a b'");
	});
});

test('the remote as it sits in .git/config, and how each auth mode behaves', () => {
	expect(remoteShown('http://127.0.0.1:7990', ref, 'prompt')).toBe(
		'http://x-token-auth@127.0.0.1:7990/acme/widget.git',
	);
	expect(remoteShown('https://bitbucket.org', ref, 'embed')).toBe(
		'https://x-token-auth:***@bitbucket.org/acme/widget.git',
	);
	const kept = {gitUrl: 'https://bitbucket.org', ref};
	expect(authBehaviour('prompt', kept)).toContain('stored nowhere');
	expect(authBehaviour('embed', kept)).toContain('plain text');
	expect(authBehaviour('helper', {...kept, helper: 'osxkeychain'})).toBe(
		"git pull and push take the token from your credential helper osxkeychain, which keeps it for this repository only (not in plain text). To remove it, in the clone: printf 'protocol=https\\nhost=bitbucket.org\\npath=acme/widget.git\\nusername=x-token-auth\\n\\n' | git credential reject (bbtok-tui fix-remote --auth prompt does it too).",
	);
});
