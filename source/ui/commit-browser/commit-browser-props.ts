/** What `<CommitBrowser>` is given, shared by the view and its controller (useCommitBrowser). */
import type {RepoRef} from '../../bitbucket/repo-ref.js';
import type {CommitsApi, FirstPage} from '../../commits/feed.js';
import type {Opener} from '../../commits/opener.js';
import type {RequestWatch} from '../../commits/request-watch.js';
import type {ExitCode} from '../../core/errors.js';

export type CommitBrowserProps = {
	/** A BitbucketClient (or anything with the same methods: tests and benchmarks pass fakes). */
	readonly client: CommitsApi;
	readonly repoRef: RepoRef;
	/** Branch shown first. @default the repository's main branch */
	readonly branch?: string;
	/**
	 * The first page of `branch` (of the main branch without one), already in: drawn in the
	 * first frame instead of asked for. A refresh asks again.
	 */
	readonly firstPage?: FirstPage;
	/** Rows the browser may use. @default the terminal's height minus one, following resizes */
	readonly height?: number;
	/** Base of the commits' web pages (`o`). @default 'https://bitbucket.org' */
	readonly gitUrl?: string;
	/**
	 * Called once when the user leaves (q, Esc, Ctrl+C) with the exit code for that moment:
	 * 0, the code of the failure on screen, or 130 for Ctrl+C.
	 */
	readonly onExit: (code: ExitCode) => void;
	/** Opens a URL in a browser: createOpener(env) from the command. @default none: the URL is shown */
	readonly opener?: Opener;
	/** Puts text on the clipboard. @default an OSC 52 sequence written to Ink's stdout */
	readonly copy?: (text: string) => void;
	/** The traffic watch on the client's dispatcher, to show a 429's wait. */
	readonly requestWatch?: RequestWatch;
	/** Whether keys reach the browser. @default true */
	readonly isActive?: boolean;
	/** The clock for relative dates. @default Date.now */
	readonly now?: () => number;
};
