/**
 * Writes a `git fast-import` stream: a whole repository history (branches, merges, tags,
 * binary files) in one process instead of hundreds of `git commit` calls, which is what
 * keeps the sandbox's start well under a second.
 */

export type Person = {name: string; email: string; timezone: string};

export type CommitSpec = {
	author: Person;
	/** Seconds since the epoch; author and committer date alike, so hashes never vary. */
	time: number;
	message: string;
	/** New content per path; null deletes the path. */
	changes?: Record<string, string | Buffer | null>;
};

type Snapshot = ReadonlyMap<string, string | Buffer>;

export class HistoryBuilder {
	private readonly chunks: Buffer[] = [];
	private readonly tips = new Map<string, number>();
	private readonly snapshots = new Map<number, Snapshot>();
	private nextMark = 1;

	/** Starts `branch` at the tip of `from` (no commit is written). */
	branch(branch: string, from: string): void {
		this.tips.set(branch, this.tipOf(from));
	}

	/** The current file contents of a branch, to derive the next change from. */
	files(branch: string): Snapshot {
		const tip = this.tips.get(branch);
		return tip === undefined ? new Map() : (this.snapshots.get(tip) ?? new Map());
	}

	commit(branch: string, spec: CommitSpec): void {
		this.writeCommit(branch, spec, undefined);
	}

	/** A merge commit of `other` into `branch`: paths changed only on `other` since the merge base come over. */
	merge(branch: string, other: string, spec: CommitSpec): void {
		const ours = this.files(branch);
		const theirs = this.files(other);
		const changes: Record<string, string | Buffer | null> = {};
		for (const [filePath, content] of theirs) {
			if (ours.get(filePath) !== content) {
				changes[filePath] = content;
			}
		}

		this.writeCommit(branch, {...spec, changes: {...changes, ...spec.changes}}, this.tipOf(other));
	}

	lightweightTag(name: string, branch: string): void {
		this.text(`reset refs/tags/${name}\nfrom :${this.tipOf(branch)}\n\n`);
	}

	annotatedTag(name: string, branch: string, tagger: Person, time: number, message: string): void {
		this.text(`tag ${name}\nfrom :${this.tipOf(branch)}\n`);
		this.text(`tagger ${signature(tagger, time)}\n`);
		this.data(message);
	}

	/** The complete stream, ending with `done` so a truncated stream fails instead of half-importing. */
	toStream(): Buffer {
		return Buffer.concat([...this.chunks, Buffer.from('done\n')]);
	}

	private writeCommit(branch: string, spec: CommitSpec, mergeMark: number | undefined): void {
		const mark = this.nextMark++;
		const parent = this.tips.get(branch);
		const files = new Map(parent === undefined ? [] : this.snapshots.get(parent));
		this.text(`commit refs/heads/${branch}\nmark :${mark}\n`);
		this.text(`author ${signature(spec.author, spec.time)}\n`);
		this.text(`committer ${signature(spec.author, spec.time)}\n`);
		this.data(spec.message);
		if (parent !== undefined) {
			this.text(`from :${parent}\n`);
		}

		if (mergeMark !== undefined) {
			this.text(`merge :${mergeMark}\n`);
		}

		for (const [filePath, content] of Object.entries(spec.changes ?? {})) {
			if (content === null) {
				files.delete(filePath);
				this.text(`D ${filePath}\n`);
			} else {
				files.set(filePath, content);
				this.text(`M 100644 inline ${filePath}\n`);
				this.data(content);
			}
		}

		this.text('\n');
		this.tips.set(branch, mark);
		this.snapshots.set(mark, files);
	}

	private tipOf(branch: string): number {
		const tip = this.tips.get(branch);
		if (tip === undefined) {
			throw new Error(`Seed history: branch ${branch} has no commit yet.`);
		}

		return tip;
	}

	private data(content: string | Buffer): void {
		const bytes = typeof content === 'string' ? Buffer.from(content) : content;
		this.text(`data ${bytes.length}\n`);
		this.chunks.push(bytes, Buffer.from('\n'));
	}

	private text(text: string): void {
		this.chunks.push(Buffer.from(text));
	}
}

function signature(person: Person, time: number): string {
	return `${person.name} <${person.email}> ${time} ${person.timezone}`;
}
