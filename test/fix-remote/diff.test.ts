import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {registerSecret} from '../../source/core/redaction.js';
import {diffConfig, formatDiff} from '../../source/use-cases/fix-remote/diff.js';

describe('diffConfig', () => {
	it('shows a replaced line and an inserted line with context and line numbers', () => {
		const before = 'a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n';
		const after = 'a\nb\nC\nd\ne\nf\ng\nh\ni\nj\nk\n';
		expect(formatDiff(diffConfig(before, after, 1), '.git/config')).toEqual([
			'--- .git/config',
			'+++ .git/config (proposed)',
			'@@ -2,3 +2,3 @@',
			' b',
			'-c',
			'+C',
			' d',
			'@@ -10,1 +10,2 @@',
			' j',
			'+k',
		]);
	});

	it('merges nearby changes into one hunk, ignores CRLF, and is empty for equal texts', () => {
		expect(diffConfig('x\r\ny\r\n', 'x\r\ny\r\n')).toEqual([]);
		const hunks = diffConfig('1\r\n2\r\n3\r\n4\r\n', '1\r\nB\r\n3\r\nD\r\n');
		expect(hunks).toHaveLength(1);
		expect(hunks[0]!.lines.map((line) => line.text)).toEqual(['1', '2', 'B', '3', '4', 'D']);
	});

	it('redacts secrets in every shown line', () => {
		registerSecret('s3cr3t-token-value');
		const lines = formatDiff(
			diffConfig(
				'\turl = https://jo:pw@host/x\n',
				'\turl = https://x-token-auth:s3cr3t-token-value@host/x\n',
			),
			'config',
		);
		expect(lines.join('\n')).not.toMatch(/pw@|s3cr3t/);
		expect(lines).toContain('-\turl = https://jo:***@host/x');
	});

	it('rebuilds the new text from the old one (any texts)', () => {
		const line = fc.constantFrom('a', 'b', 'c', '[user]', '\temail = x');
		fc.assert(
			fc.property(fc.array(line, {maxLength: 30}), fc.array(line, {maxLength: 30}), (a, b) => {
				const hunks = diffConfig(
					a.map((l) => `${l}\n`).join(''),
					b.map((l) => `${l}\n`).join(''),
					1000,
				);
				const rebuilt = hunks.flatMap((hunk) =>
					hunk.lines.filter((l) => l.kind !== 'removed').map((l) => l.text),
				);
				const original = hunks.flatMap((hunk) =>
					hunk.lines.filter((l) => l.kind !== 'added').map((l) => l.text),
				);
				if (hunks.length > 0) {
					expect(rebuilt).toEqual(b);
					expect(original).toEqual(a);
				} else {
					expect(a).toEqual(b);
				}
			}),
			{numRuns: 300},
		);
	});
});
