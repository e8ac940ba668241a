/**
 * The layers as a plain check over source/: every relative import (static, type-only or
 * dynamic) is read from the files, so a loop or an import that runs back up fails here
 * rather than in a review.
 */
import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, test} from 'vitest';

const root = path.resolve(import.meta.dirname, '../../source');

/** Folders below the command layer: they never reach up into commands/ or ui/. */
const domain = [
	'bitbucket',
	'build',
	'commits',
	'core',
	'fix-remote',
	'git',
	'onboard',
	'sandbox',
	'scan',
	'services',
	'settings',
	'use-cases',
];

function sourceFiles(dir: string): string[] {
	return readdirSync(dir, {withFileTypes: true}).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) {
			return sourceFiles(full);
		}

		return /\.(ts|tsx|js)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
	});
}

const files = sourceFiles(root);
const known = new Set(files);

/** The source files a file imports, as paths relative to source/. */
function importsOf(file: string): string[] {
	// Comments out: a JSDoc type (`@type {import('./x.js').T}`) is no import.
	const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm, '');
	const specifiers = [
		...text.matchAll(/^\s*(?:import|export)\b[^'";]*?from\s*['"]([^'"]+)['"]/gm),
		...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
	].map((match) => match[1]!);
	return specifiers.flatMap((specifier) => {
		if (!specifier.startsWith('.')) {
			return [];
		}

		const base = path.resolve(path.dirname(file), specifier).replace(/\.js$/, '');
		const target = [`${base}.ts`, `${base}.tsx`, `${base}.js`].find((candidate) =>
			known.has(candidate),
		);
		return target ? [path.relative(root, target)] : [];
	});
}

const graph = new Map(files.map((file) => [path.relative(root, file), importsOf(file)]));

const folderOf = (file: string) => (file.includes('/') ? file.slice(0, file.indexOf('/')) : '');

/** Every import cycle, each as the files around it (found by depth-first search). */
function cycles(): string[][] {
	const found: string[][] = [];
	const state = new Map<string, 'open' | 'done'>();
	const trail: string[] = [];
	const visit = (file: string) => {
		state.set(file, 'open');
		trail.push(file);
		for (const next of graph.get(file) ?? []) {
			if (state.get(next) === 'open') {
				found.push([...trail.slice(trail.indexOf(next)), next]);
			} else if (state.get(next) === undefined) {
				visit(next);
			}
		}

		trail.pop();
		state.set(file, 'done');
	};

	for (const file of graph.keys()) {
		if (state.get(file) === undefined) {
			visit(file);
		}
	}

	return found;
}

describe('the import graph of source/', () => {
	test('the walker sees the imports (a check that reads nothing would pass anything)', () => {
		expect(graph.size).toBeGreaterThan(100);
		expect(graph.get('cli.tsx')).toContain('commands/flags.ts');
	});

	test('has no cycles between files', () => {
		expect(cycles().map((cycle) => cycle.join(' → '))).toEqual([]);
	});

	test('no domain folder imports commands/ or ui/', () => {
		const upward = [...graph].flatMap(([file, imports]) =>
			domain.includes(folderOf(file))
				? imports
						.filter((target) => ['commands', 'ui'].includes(folderOf(target)))
						.map((target) => `${file} → ${target}`)
				: [],
		);
		expect(upward).toEqual([]);
	});

	test('core/ imports nothing outside core/', () => {
		const outside = [...graph].flatMap(([file, imports]) =>
			folderOf(file) === 'core'
				? imports
						.filter((target) => folderOf(target) !== 'core')
						.map((target) => `${file} → ${target}`)
				: [],
		);
		expect(outside).toEqual([]);
	});

	test('shared ui components import no feature screen', () => {
		const features = [...graph].flatMap(([file, imports]) =>
			file.startsWith('ui/components/')
				? imports
						.filter((target) => target.startsWith('ui/') && !target.startsWith('ui/components/'))
						.map((target) => `${file} → ${target}`)
				: [],
		);
		expect(features).toEqual([]);
	});

	test('no source file is over 300 lines', () => {
		const long = [...graph.keys()].filter(
			(file) => readFileSync(path.join(root, file), 'utf8').split('\n').length - 1 > 300,
		);
		expect(long).toEqual([]);
	});

	test('nothing below the command layer reads process.env', () => {
		const readers = [...graph.keys()].filter(
			(file) =>
				domain.includes(folderOf(file)) &&
				/process\.env\b/.test(
					readFileSync(path.join(root, file), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, ''),
				),
		);
		expect(readers).toEqual([]);
	});
});
