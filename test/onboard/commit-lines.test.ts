import {describe, expect, it} from 'vitest';
import {registerSecret} from '../../source/core/redaction.js';
import {stringWidth} from '../../source/core/text-width.js';
import {commitLine, commitRecord} from '../../source/use-cases/onboard/commit-lines.js';

describe('commit records and lines', () => {
	it('keeps the first line of the message and the author’s name', () => {
		const record = commitRecord({
			type: 'commit',
			hash: '0123456789abcdef0123456789abcdef01234567',
			date: '2024-04-22T10:00:00+00:00',
			author: {type: 'author', raw: 'Dana O’Brien <dana@example.com>'},
			message: 'Fix the parser\n\nLong explanation.\n',
		});
		expect(record).toEqual({
			hash: '0123456789abcdef0123456789abcdef01234567',
			date: '2024-04-22T10:00:00+00:00',
			author: 'Dana O’Brien',
			summary: 'Fix the parser',
		});
		expect(commitLine(record)).toBe('0123456  2024-04-22  Dana O’Brien          Fix the parser');
	});

	it('drops terminal escapes and redacts secrets from commit text', () => {
		registerSecret('ATCTT3xFfGN0commit-line-secret');
		const record = commitRecord({
			type: 'commit',
			hash: 'abc',
			author: {
				type: 'author',
				raw: 'Eve\u001B]0;owned\u0007 <eve@example.com>',
				user: {type: 'user'},
			},
			summary: {raw: 'Leak ATCTT3xFfGN0commit-line-secret \u001B[2J now'},
		});
		expect(record.author).toBe('Eve ]0;owned');
		expect(record.summary).toBe('Leak *** [2J now');
	});

	it('truncates long names and summaries to fit the width', () => {
		const line = commitLine(
			{hash: 'a'.repeat(40), date: '2024-01-01', author: 'A'.repeat(30), summary: 'S'.repeat(200)},
			80,
		);
		expect(line).toHaveLength(80);
		expect(line).toContain(`${'A'.repeat(19)}…`);
		expect(line.endsWith('…')).toBe(true);
	});

	it('fits names and summaries by display width, so wide characters keep the columns', () => {
		const line = commitLine(
			{
				hash: 'b'.repeat(40),
				date: '2024-01-01',
				author: '山田太郎さん山田太郎さん',
				summary: '修正'.repeat(40),
			},
			80,
		);
		expect(stringWidth(line)).toBe(80);
		expect(line).toContain('山田太郎さん山田太… ');
		expect(stringWidth(line.slice(0, line.indexOf('修正')))).toBe(43);
	});
});
