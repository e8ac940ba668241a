/** What every REST route handler gets: the sandbox's data and the request. */
import type {Bot} from './auth.js';
import type {RepositoryRecord} from './catalog.js';
import type {RepositoryReader} from './repo-data.js';
import type {Origins} from './responses.js';
import type {StatusStore} from './statuses.js';

export type ApiContext = {
	origins: Origins;
	reader: RepositoryReader;
	repositories: readonly RepositoryRecord[];
	/** Bot accounts by email, so their commits carry `author.user`. */
	bots: ReadonlyMap<string, Bot>;
	/** Origin of `next`/`previous` links: the API's, unless a fault says otherwise. */
	nextOrigin(): string;
	statuses: StatusStore;
};

/** One request as the routes see it: a POST carries its parsed JSON body. */
export type ApiCall = {method: string; url: URL; body: unknown};
