import {describe, expect, it} from 'vitest';
import {stringWidth} from '../../../source/core/text-width.js';
import {formatTable} from '../../../source/use-cases/status/scan-table.js';

const columns = [
	{title: 'PATH', shrink: {cut: 'start', floor: 8, order: 2}},
	{title: 'AUTH'},
	{title: 'VERDICT'},
] as const;

describe('the status --scan table', () => {
	it('lines wide characters up by the columns they take, not by code points', () => {
		const lines = formatTable(
			columns,
			[
				['プロジェクト/app', 'prompt', 'ok'],
				['plain/app', 'app-password', 'dead'],
			],
			80,
		);
		// The display column each verdict starts at: one for all rows, the title's.
		const verdictColumn = (line: string) =>
			stringWidth(line.slice(0, line.search(/ok$|dead$|VERDICT$/)));
		expect(new Set(lines.map(verdictColumn)).size).toBe(1);
	});

	it('fits a narrow terminal in columns, cutting a wide path from its start', () => {
		const lines = formatTable(
			columns,
			[['ワークスペース/プロジェクト/アプリ', 'prompt', 'ok']],
			30,
		);
		for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(30);
		expect(lines[1]).toMatch(/^…/);
		expect(lines[1]).toMatch(/ok$/);
	});
});
