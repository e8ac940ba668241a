/**
 * Creates the seed's bare repositories under the sandbox's temp dir with the real git:
 * `git init --bare`, then one `git fast-import` per repository, all in parallel.
 */
import {appendFile} from 'node:fs/promises';
import path from 'node:path';
import type {RepositoryRecord} from './catalog.js';
import type {GitRunner} from './git-runner.js';
import type {HistoryBuilder} from './history-builder.js';
import {smallHistory, widgetHistory} from './seed-history.js';

type SeedRepository = Omit<RepositoryRecord, 'gitDir'> & {history: () => HistoryBuilder};

const seedRepositories: readonly SeedRepository[] = [
	{
		workspace: 'acme',
		slug: 'widget',
		name: 'widget',
		description: 'Gears, springs and sprockets for Acme machines.',
		isPrivate: true,
		project: 'TOOLS',
		language: 'typescript',
		createdOn: '2024-03-04T09:00:00.000000+00:00',
		uuid: '{1d3f5a7c-9e1b-4d3f-8a5c-7e9b1d3f5a70}',
		history: widgetHistory,
	},
	{
		workspace: 'acme',
		slug: 'gadget',
		name: 'gadget',
		description: 'A small public companion library.',
		isPrivate: false,
		project: 'TOOLS',
		language: 'javascript',
		createdOn: '2024-05-13T14:00:00.000000+00:00',
		uuid: '{2e4a6b8d-0f2c-4e4a-9b6d-8f0c2e4a6b81}',
		history: () =>
			smallHistory({
				seed: 5,
				start: Date.UTC(2024, 4, 13, 14) / 1000,
				count: 5,
				paths: ['index.js', 'README.md'],
				area: 'gadget',
			}),
	},
	{
		workspace: 'acme',
		slug: 'website',
		name: 'website',
		description: 'acme.example, the marketing site.',
		isPrivate: true,
		project: 'SITE',
		language: 'html/css',
		createdOn: '2024-01-08T10:00:00.000000+00:00',
		uuid: '{3f5b7c9e-1a3d-4f5b-8c7e-9a1d3f5b7c92}',
		history: () =>
			smallHistory({
				seed: 20,
				start: Date.UTC(2024, 0, 8, 10) / 1000,
				count: 20,
				paths: ['index.html', 'style.css', 'about.html'],
				area: 'site',
			}),
	},
	{
		workspace: 'other',
		slug: 'private-repo',
		name: 'private-repo',
		description: 'Belongs to another workspace: no acme token reaches it.',
		isPrivate: true,
		project: 'MISC',
		language: 'python',
		createdOn: '2024-02-01T08:00:00.000000+00:00',
		uuid: '{4a6c8e0b-2b4e-4a6c-9d8f-0b2e4a6c8ea3}',
		history: () =>
			smallHistory({
				seed: 3,
				start: Date.UTC(2024, 1, 1, 8) / 1000,
				count: 3,
				paths: ['main.py'],
				area: 'misc',
			}),
	},
];

/** Writes every seed repository under `root/<workspace>/<slug>.git` and returns their records. */
export async function createSeed(git: GitRunner, root: string): Promise<RepositoryRecord[]> {
	return Promise.all(
		seedRepositories.map(async ({history, ...record}) => {
			const gitDir = path.join(root, record.workspace, `${record.slug}.git`);
			await git.run(['init', '--quiet', '--bare', '--initial-branch=main', gitDir]);
			// Pushes go through git-http-backend, which refuses receive-pack unless enabled.
			await appendFile(path.join(gitDir, 'config'), '[http]\n\treceivepack = true\n');
			await git.run(['fast-import', '--quiet', '--done'], {gitDir, input: history().toStream()});
			return {...record, gitDir};
		}),
	);
}
