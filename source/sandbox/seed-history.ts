/**
 * The seed repositories' histories, generated deterministically (fixed dates, a seeded
 * pseudo-random sequence): several authors and time zones, multi-line messages, a binary
 * file, merges, tags, and release commits by the repoWrite token's bot.
 */
import {botOf} from './auth.js';
import {HistoryBuilder, type Person} from './history-builder.js';

const alice: Person = {name: 'Alice Martin', email: 'alice.martin@acme.example', timezone: '+0100'};
const bob: Person = {name: 'Bob Ng', email: 'bob.ng@acme.example', timezone: '-0500'};
const chen: Person = {name: 'Chen Wei', email: 'chen.wei@acme.example', timezone: '+0800'};
const dana: Person = {name: "Dana O'Brien", email: 'dana@contractor.example', timezone: '+0000'};
const widgetBot = botOf('repoWrite');
const releaseBot: Person = {name: widgetBot.name, email: widgetBot.email, timezone: '+0000'};

const people = [alice, bob, chen, dana] as const;
const verbs = ['Add', 'Fix', 'Refactor', 'Document', 'Tidy', 'Speed up', 'Test', 'Rename'] as const;
const nouns = [
	'gear ratio check',
	'spring tension parser',
	'sprocket cache',
	'ünïcode label rendering',
	'retry budget',
	'config loader',
	'error messages',
	'widget registry',
	'CLI flags',
	'rounding of torque values',
] as const;

/** mulberry32: a tiny seeded generator, so every start writes the same history (same hashes). */
function random(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state + 0x6d2b79f5) | 0;
		let t = Math.imul(state ^ (state >>> 15), 1 | state);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

function pick<T>(next: () => number, items: readonly T[]): T {
	return items[Math.floor(next() * items.length)] as T;
}

/** A tiny PNG-like file with NUL bytes, so git and the diffstat treat it as binary. */
function binaryLogo(variant: number): Buffer {
	const header = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
	const body = Buffer.alloc(256);
	for (let index = 0; index < body.length; index++) {
		body[index] = (index * 31 + variant * 17) % 256;
	}

	return Buffer.concat([header, body]);
}

class Clock {
	constructor(
		private time: number,
		private readonly next: () => number,
	) {}

	/** Advances 1 to 7 hours: strictly increasing dates keep `git rev-list` order stable. */
	tick(): number {
		this.time += 3600 + Math.floor(this.next() * 6 * 3600);
		return this.time;
	}
}

function message(next: () => number, index: number, area: string): string {
	const subject = `${pick(next, verbs)} ${pick(next, nouns)} in ${area}`;
	if (index % 3 !== 0) {
		return `${subject}\n`;
	}

	return [
		subject,
		'',
		`The ${area} code path now handles this case explicitly; before, it fell`,
		'through to the generic handler and lost the original error.',
		'',
		`- covers the edge case reported in WID-${100 + index}`,
		'- keeps the public API unchanged',
		'',
	].join('\n');
}

function appendLine(
	builder: HistoryBuilder,
	branch: string,
	filePath: string,
	line: string,
): string {
	const previous = builder.files(branch).get(filePath);
	return `${typeof previous === 'string' ? previous : ''}${line}\n`;
}

/** Work on one branch: each commit touches one or two files of `paths`. */
function work(
	builder: HistoryBuilder,
	options: {
		branch: string;
		count: number;
		paths: readonly string[];
		clock: Clock;
		next: () => number;
		area: string;
		start: number;
	},
): void {
	const {branch, count, paths, clock, next, area, start} = options;
	for (let offset = 0; offset < count; offset++) {
		const index = start + offset;
		const changes: Record<string, string> = {};
		const touched = next() < 0.3 ? 2 : 1;
		for (let file = 0; file < touched; file++) {
			const filePath = pick(next, paths);
			changes[filePath] = appendLine(builder, branch, filePath, `// ${area} change ${index}`);
		}

		builder.commit(branch, {
			author: pick(next, people),
			time: clock.tick(),
			message: message(next, index, area),
			changes,
		});
	}
}

function versionFile(version: string): string {
	return `{\n  "name": "widget",\n  "version": "${version}",\n  "private": true\n}\n`;
}

/**
 * acme/widget, ~300 commits: main with v1.0 and v2.0, develop (merged into main, then
 * continued), feature/login off develop; release commits by the repoWrite bot.
 */
export function widgetHistory(): HistoryBuilder {
	const builder = new HistoryBuilder();
	const next = random(20_240_304);
	const clock = new Clock(Date.UTC(2024, 2, 4, 9, 15) / 1000, next);
	const core = ['src/core/gears.ts', 'src/core/springs.ts', 'src/index.ts', 'README.md'];

	builder.commit('main', {
		author: alice,
		time: clock.tick(),
		message:
			'Initial commit\n\nScaffold the widget library: sources, readme and package manifest.\n',
		changes: {
			'README.md': '# widget\n\nGears, springs and sprockets for Acme machines.\n',
			'package.json': versionFile('0.1.0'),
			'src/index.ts': "export * from './core/gears.js';\n",
			'src/core/gears.ts': 'export const gears = [];\n',
			'src/core/springs.ts': 'export const springs = [];\n',
		},
	});
	builder.commit('main', {
		author: chen,
		time: clock.tick(),
		message: 'Add the project logo\n',
		changes: {'assets/logo.png': binaryLogo(1)},
	});
	work(builder, {branch: 'main', count: 115, paths: core, clock, next, area: 'core', start: 3});
	builder.commit('main', {
		author: releaseBot,
		time: clock.tick(),
		message: 'Release 1.0.0\n\n[skip ci] Automated release by the widget-ci access token.\n',
		changes: {'package.json': versionFile('1.0.0')},
	});
	builder.lightweightTag('v1.0', 'main');

	builder.branch('develop', 'main');
	const developPaths = ['src/api/client.ts', 'docs/guide.md'];
	const mainPaths = ['src/core/gears.ts', 'src/core/sprockets.ts'];
	for (let round = 0; round < 30; round++) {
		work(builder, {
			branch: 'develop',
			count: 2,
			paths: developPaths,
			clock,
			next,
			area: 'api',
			start: 100 + round * 2,
		});
		work(builder, {
			branch: 'main',
			count: 1,
			paths: mainPaths,
			clock,
			next,
			area: 'core',
			start: 200 + round,
		});
		if (round === 14) {
			builder.branch('feature/login', 'develop');
		}

		if (round >= 15) {
			work(builder, {
				branch: 'feature/login',
				count: 2,
				paths: ['src/auth/login.ts'],
				clock,
				next,
				area: 'auth',
				start: 300 + round * 2,
			});
		}
	}

	builder.commit('main', {
		author: releaseBot,
		time: clock.tick(),
		message: 'Release 1.1.0\n',
		changes: {'package.json': versionFile('1.1.0')},
	});
	builder.merge('main', 'develop', {
		author: bob,
		time: clock.tick(),
		message: "Merge branch 'develop'\n\nBrings the API client and the guide into main for 2.0.\n",
	});
	work(builder, {branch: 'main', count: 30, paths: core, clock, next, area: 'core', start: 400});
	builder.commit('main', {
		author: dana,
		time: clock.tick(),
		message: 'Refresh the project logo\n',
		changes: {'assets/logo.png': binaryLogo(2)},
	});
	work(builder, {
		branch: 'develop',
		count: 20,
		paths: developPaths,
		clock,
		next,
		area: 'api',
		start: 450,
	});
	builder.commit('main', {
		author: releaseBot,
		time: clock.tick(),
		message:
			'Release 2.0.0\n\n[skip ci] Automated release by the widget-ci access token.\nChangelog: https://example.invalid/widget/2.0.0\n',
		changes: {'package.json': versionFile('2.0.0')},
	});
	builder.annotatedTag(
		'v2.0',
		'main',
		releaseBot,
		clock.tick(),
		'widget 2.0\n\nThe API release.\n',
	);
	work(builder, {branch: 'main', count: 4, paths: core, clock, next, area: 'core', start: 480});
	return builder;
}

/** A short linear history of `count` commits touching `paths`. */
export function smallHistory(options: {
	seed: number;
	start: number;
	count: number;
	paths: readonly string[];
	area: string;
}): HistoryBuilder {
	const builder = new HistoryBuilder();
	const next = random(options.seed);
	const clock = new Clock(options.start, next);
	builder.commit('main', {
		author: pick(next, people),
		time: clock.tick(),
		message: `Initial commit\n`,
		changes: Object.fromEntries(options.paths.map((filePath) => [filePath, `${filePath}\n`])),
	});
	work(builder, {
		branch: 'main',
		count: options.count - 1,
		paths: options.paths,
		clock,
		next,
		area: options.area,
		start: 1,
	});
	return builder;
}
