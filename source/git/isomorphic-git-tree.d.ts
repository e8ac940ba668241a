// isomorphic-git's tree parser, exported by source/build/isomorphic-git-patch.js for tree-walk.ts.
import 'isomorphic-git';

declare module 'isomorphic-git' {
	/** A tree object's entries, as GitTree parses them: unsafe names refused, sorted as its walker sorts. */
	export function parseTree(buffer: Buffer): TreeEntry[];
}
