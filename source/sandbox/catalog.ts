/**
 * What the sandbox knows besides git data: workspaces, projects, repository metadata and
 * the people behind commit emails (Bitbucket links some authors to accounts and not others).
 */

export type WorkspaceRecord = {slug: string; name: string; uuid: string};
export type ProjectRecord = {workspace: string; key: string; name: string; uuid: string};

export type RepositoryRecord = {
	workspace: string;
	slug: string;
	name: string;
	description: string;
	isPrivate: boolean;
	project?: string;
	language: string;
	createdOn: string;
	uuid: string;
	gitDir: string;
};

export type AccountRecord = {
	displayName: string;
	uuid: string;
	accountId: string;
	nickname: string;
};

export const workspaces: readonly WorkspaceRecord[] = [
	{slug: 'acme', name: 'Acme Corporation', uuid: '{3f1c2a9e-7b4d-4c1a-9e2f-0a6b5d4c3e21}'},
	{slug: 'other', name: 'Other Team', uuid: '{8d2e4f6a-1c3b-4a5d-8e7f-9b0c1d2e3f40}'},
];

export const projects: readonly ProjectRecord[] = [
	{workspace: 'acme', key: 'TOOLS', name: 'Tools', uuid: '{5a7c9e1b-3d5f-4b7a-9c1e-2f4a6c8e0b13}'},
	{workspace: 'acme', key: 'SITE', name: 'Website', uuid: '{6b8d0f2c-4e6a-4c8b-8d2f-3a5b7d9f1c24}'},
	{
		workspace: 'other',
		key: 'MISC',
		name: 'Miscellaneous',
		uuid: '{7c9e1a3d-5f7b-4d9c-9e3a-4b6c8e0a2d35}',
	},
];

/** Authors with a Bitbucket account; commits by any other email carry only `author.raw`. */
export const accounts: ReadonlyMap<string, AccountRecord> = new Map([
	[
		'alice.martin@acme.example',
		{
			displayName: 'Alice Martin',
			uuid: '{a11ce000-0000-4000-8000-00000000a11c}',
			accountId: '5b10a2844c20165700ede21a',
			nickname: 'alice',
		},
	],
	[
		'bob.ng@acme.example',
		{
			displayName: 'Bob Ng',
			uuid: '{b0b00000-0000-4000-8000-000000000b0b}',
			accountId: '5b10a2844c20165700ede21b',
			nickname: 'bobng',
		},
	],
	[
		'chen.wei@acme.example',
		{
			displayName: 'Chen Wei',
			uuid: '{c4e40000-0000-4000-8000-00000000c4e4}',
			accountId: '5b10a2844c20165700ede21c',
			nickname: 'chenwei',
		},
	],
]);

export function findWorkspace(slug: string): WorkspaceRecord | undefined {
	return workspaces.find((workspace) => workspace.slug === slug);
}

export function findProject(workspace: string, key: string): ProjectRecord | undefined {
	return projects.find((project) => project.workspace === workspace && project.key === key);
}

/** Bitbucket matches workspace and repository slugs in URLs case-insensitively. */
export function findRepository(
	repositories: readonly RepositoryRecord[],
	workspace: string,
	slug: string,
): RepositoryRecord | undefined {
	const wantedWorkspace = workspace.toLowerCase();
	const wantedSlug = slug.toLowerCase();
	return repositories.find(
		(repository) => repository.workspace === wantedWorkspace && repository.slug === wantedSlug,
	);
}
