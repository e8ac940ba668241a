/**
 * The parts of Bitbucket Cloud's REST shapes that bbtok-tui reads, transcribed from the
 * OpenAPI document (shared/bitbucket-cloud-openapi.json). Only `type` is required there;
 * everything else stays optional here too, so callers handle a sparse response.
 */

export type Link = {href?: string; name?: string};

/** `paginated_*`: follow `next` as an opaque URL (BitbucketClient.nextPage checks its origin). */
export type Page<T> = {
	values: T[];
	pagelen: number;
	size?: number;
	page?: number;
	next?: string;
	previous?: string;
};

/** `account`; `nickname` comes from its subtype `user`. */
export type Account = {
	type: string;
	uuid?: string;
	display_name?: string;
	nickname?: string;
	links?: {html?: Link; avatar?: Link};
};

/** `project`. */
export type Project = {type: string; uuid?: string; key?: string; name?: string};

/** `repository`. */
export type Repository = {
	type: string;
	uuid?: string;
	/** `workspace/slug`, the same string as in Bitbucket URLs. */
	full_name?: string;
	name?: string;
	description?: string;
	is_private?: boolean;
	scm?: 'git';
	owner?: Account;
	project?: Project;
	mainbranch?: {type: string; name?: string};
	size?: number;
	language?: string;
	created_on?: string;
	updated_on?: string;
	links?: {html?: Link; self?: Link; clone?: Link[]};
};

/** `author` / `committer`: `raw` is `Name <email>` as recorded in git. */
export type Author = {type: string; raw?: string; user?: Account};

/** `commit` (over `base_commit`). */
export type Commit = {
	type: string;
	hash?: string;
	date?: string;
	author?: Author;
	committer?: Author;
	message?: string;
	summary?: {raw?: string; markup?: string; html?: string};
	parents?: {type: string; hash?: string}[];
};

/** `branch` (over `ref`). */
export type Branch = {
	type: string;
	name?: string;
	target?: Commit;
	links?: {self?: Link; commits?: Link; html?: Link};
	default_merge_strategy?: string;
	merge_strategies?: string[];
};

/** `tag`: a ref like Branch, with the annotated tag's message, date and tagger when there is one. */
export type Tag = Branch & {message?: string; date?: string; tagger?: Author};

/** `commit_file`. */
export type CommitFile = {
	type: string;
	path?: string;
	escaped_path?: string;
	attributes?: 'link' | 'executable' | 'subrepository' | 'binary' | 'lfs';
};

/** `diffstat`: one file changed between two commits; Bitbucket sends `old: null` for an added file, `new: null` for a removed one. */
export type Diffstat = {
	type: string;
	status?: 'added' | 'removed' | 'modified' | 'renamed';
	lines_added?: number;
	lines_removed?: number;
	old?: CommitFile | null;
	new?: CommitFile | null;
};

/** `commitstatus`: one build's state on a commit, unique per `key`. */
export type CommitStatus = {
	type: string;
	key: string;
	state: 'SUCCESSFUL' | 'FAILED' | 'INPROGRESS' | 'STOPPED';
	name?: string;
	description?: string;
	url?: string;
	refname?: string;
	created_on?: string;
	updated_on?: string;
};

/**
 * `pipeline`, the fields bbtok-tui reads: which commit it built, and its state (`PENDING`,
 * `IN_PROGRESS` with a `stage`, or `COMPLETED` with a `result` such as `SUCCESSFUL`).
 */
export type Pipeline = {
	type: string;
	uuid?: string;
	build_number?: number;
	repository?: {links?: {html?: {href?: string}}};
	state?: {name?: string; result?: {name?: string}; stage?: {name?: string}};
	target?: {
		ref_type?: string;
		ref_name?: string;
		commit?: {hash?: string};
		selector?: {type?: string; pattern?: string};
	};
	created_on?: string;
	completed_on?: string;
};

/** `error`: Bitbucket's error body. `detail` is a string in the schema, an object for 403 scopes. */
export type ErrorBody = {
	type: string;
	error?: {
		message?: string;
		detail?: string | {required?: string[]; granted?: string[]};
		data?: Record<string, unknown>;
	};
};
