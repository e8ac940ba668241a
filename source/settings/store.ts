/**
 * bbtok-tui's settings file (conf): recent repositories with their clone folder and bot email,
 * and the preferred `--auth` and depth. Never a token: every value is checked against the
 * secrets this process has seen before it is written. A file that cannot be read or fails the
 * schema is moved aside with a one-line warning, and the run continues with empty settings.
 */
import {renameSync} from 'node:fs';
import path from 'node:path';
import Conf from 'conf';
import envPaths from 'env-paths';
import type {RepoRef} from '../bitbucket/repo-ref.js';
import {BbtokError} from '../core/errors.js';
import {redact} from '../core/redaction.js';
import {withFileLock} from './file-lock.js';
import {type Data, refuseSecrets, schema} from './schema.js';
import type {Preferences, RecentRepository} from './types.js';

export type {Preferences, RecentRepository} from './types.js';

export type Settings = {
	/** The settings file, or undefined when nothing could be kept on disk this run. */
	readonly path: string | undefined;
	/** Newest first, at most `maxRecent`. */
	recent(): RecentRepository[];
	/**
	 * Puts the repository first in the recent list (replacing an older entry of the same
	 * repository; an omitted dir or bot email keeps the remembered one). `lastUsed` defaults
	 * to now. Throws BbtokError for a value that looks like a token, or when the file cannot
	 * be written (callers report that as a warning: settings are never fatal).
	 */
	remember(entry: Omit<RecentRepository, 'lastUsed'> & {lastUsed?: string}): void;
	/** The bot email remembered for this repository. */
	botEmailFor(ref: RepoRef): string | undefined;
	preferences(): Preferences;
	/** Merges into the stored preferences; `undefined` values clear one. Throws like remember(). */
	setPreferences(preferences: Preferences): void;
};

export const maxRecent = 20;

/**
 * Opens the settings in BBTOK_CONFIG_DIR, else the OS config folder (`bbtok-tui`, without
 * conf's `-nodejs` suffix). Never throws: a broken file becomes a `warning`.
 */
export function openSettings(env: NodeJS.ProcessEnv): {settings: Settings; warning?: string} {
	const folder = settingsFolder(env);
	const file = path.join(folder, 'config.json');
	const create = () =>
		new ConfSettings(
			new Conf<Data>({
				cwd: folder,
				configName: 'config',
				schema,
				// Ajv checks a schema against its meta-schema before compiling it, by compiling the
				// meta-schema first: ~50 ms of CPU at every start, for a schema that is a constant
				// here (test/settings covers what it accepts and refuses).
				ajvOptions: {validateSchema: false},
				configFileMode: 0o600,
				// conf would wipe an invalid file silently; it is moved aside below instead.
				clearInvalidConfig: false,
				accessPropertiesByDotNotation: false,
			}),
		);

	let problem: string;
	try {
		return {settings: create()};
	} catch (error) {
		problem = describeRead(error);
	}

	const aside = `${file}.corrupt-${timestamp()}`;
	try {
		renameSync(file, aside);
	} catch {
		return {
			settings: new MemorySettings(),
			warning: `warning: the settings file ${redact(file)} ${problem} and cannot be moved aside; settings are not kept this run.`,
		};
	}

	const moved = `warning: the settings file ${redact(file)} ${problem}; moved it to ${redact(path.basename(aside))}`;
	try {
		return {settings: create(), warning: `${moved} and started afresh.`};
	} catch {
		return {settings: new MemorySettings(), warning: `${moved}; settings are not kept this run.`};
	}
}

/** Settings kept in memory only, for runs that must leave the user's file alone (`demo`). */
export function memorySettings(): Settings {
	return new MemorySettings();
}

/** BBTOK_CONFIG_DIR, else the folder conf would choose, named `bbtok-tui` rather than `bbtok-tui-nodejs`. */
export function settingsFolder(env: NodeJS.ProcessEnv): string {
	const configured = env.BBTOK_CONFIG_DIR?.trim();
	return configured ? path.resolve(configured) : envPaths('bbtok-tui', {suffix: ''}).config;
}

/** What was wrong with the file, as the end of a sentence. */
function describeRead(error: unknown): string {
	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	if (code !== undefined) {
		return `cannot be read (${code})`;
	}

	if (error instanceof SyntaxError) {
		return 'is not valid JSON';
	}

	return 'does not match the expected format';
}

/** `2024-05-01T10-20-30-123Z`: sortable and safe in a file name on every OS. */
function timestamp(): string {
	return new Date().toISOString().replace(/[:.]/g, '-');
}

/** The rules both stores share; `load`/`save` are the only I/O. */
abstract class BaseSettings implements Settings {
	abstract readonly path: string | undefined;
	protected abstract load(): Data;
	protected abstract save(data: Data): void;

	recent(): RecentRepository[] {
		return (this.load().recent ?? []).slice(0, maxRecent).map((entry) => ({...entry}));
	}

	remember(entry: Omit<RecentRepository, 'lastUsed'> & {lastUsed?: string}): void {
		this.update((data) => this.withRecent(data, entry));
	}

	private withRecent(
		data: Data,
		entry: Omit<RecentRepository, 'lastUsed'> & {lastUsed?: string},
	): Data {
		const previous = (data.recent ?? []).find((candidate) => sameRepository(candidate, entry));
		const merged: RecentRepository = {
			workspace: entry.workspace,
			repo: entry.repo,
			...pick('dir', entry.dir ?? previous?.dir),
			...pick('botEmail', entry.botEmail ?? previous?.botEmail),
			lastUsed: entry.lastUsed ?? new Date().toISOString(),
		};
		refuseSecrets(Object.values(merged));
		const others = (data.recent ?? []).filter((candidate) => !sameRepository(candidate, entry));
		const recent = [merged, ...others]
			.sort((a, b) => b.lastUsed.localeCompare(a.lastUsed))
			.slice(0, maxRecent);
		return {...data, recent};
	}

	botEmailFor(ref: RepoRef): string | undefined {
		return this.recent().find((entry) => sameRepository(entry, ref))?.botEmail;
	}

	preferences(): Preferences {
		return {...this.load().preferences};
	}

	setPreferences(preferences: Preferences): void {
		this.update((data) => withPreferences(data, preferences));
	}

	/** Applies `change` to the stored data; a store shared with other runs re-reads it first. */
	protected update(change: (data: Data) => Data): void {
		this.write(change(this.load()));
	}

	#writeFailed = false;

	protected write(data: Data, failure?: unknown): void {
		try {
			if (failure !== undefined) {
				throw failure;
			}

			this.save(data);
		} catch (error) {
			if (error instanceof BbtokError) {
				throw error;
			}

			// A second failure in the same run says nothing new.
			const first = !this.#writeFailed;
			this.#writeFailed = true;
			throw new BbtokError(
				`${first ? '' : 'still '}cannot save settings to ${redact(this.path ?? 'the settings file')}: ${redact(describeWrite(error))}.`,
				{hint: 'Check the permissions of the settings folder, or set BBTOK_CONFIG_DIR.'},
			);
		}
	}
}

class ConfSettings extends BaseSettings {
	readonly #conf: Conf<Data>;
	/** Read once: a file broken by someone else mid-run must not break this run. */
	#data: Data;

	constructor(conf: Conf<Data>) {
		super();
		this.#conf = conf;
		this.#data = structuredClone(conf.store);
	}

	get path(): string {
		return this.#conf.path;
	}

	protected load(): Data {
		return structuredClone(this.#data);
	}

	protected save(data: Data): void {
		this.#conf.store = data;
		this.#data = structuredClone(data);
	}

	/** Under the lock, on what is on disk now: another run may have written since this one read. */
	protected override update(change: (data: Data) => Data): void {
		try {
			withFileLock(`${this.#conf.path}.lock`, () => {
				this.#data = this.fresh();
				this.write(change(this.load()));
			});
		} catch (error) {
			if (error instanceof BbtokError) {
				throw error;
			}

			// The lock itself cannot be made (a read-only or full disk): reported like a failed write.
			this.write(change(this.load()), error);
		}
	}

	/** The file as it is now; what this run read before if it has become unreadable. */
	private fresh(): Data {
		try {
			return structuredClone(this.#conf.store);
		} catch {
			return this.#data;
		}
	}
}

/** Settings for a run whose file cannot be used: remembered until the process ends. */
class MemorySettings extends BaseSettings {
	readonly path = undefined;
	#data: Data = {};

	protected load(): Data {
		return structuredClone(this.#data);
	}

	protected save(data: Data): void {
		this.#data = structuredClone(data);
	}
}

function withPreferences(data: Data, preferences: Preferences): Data {
	const merged: Preferences = {...data.preferences};
	for (const key of ['auth', 'depth'] as const) {
		if (key in preferences) {
			if (preferences[key] === undefined) {
				delete merged[key];
			} else {
				Object.assign(merged, {[key]: preferences[key]});
			}
		}
	}
	refuseSecrets(Object.values(merged));
	return {...data, preferences: merged};
}

function sameRepository(a: RepoRef, b: RepoRef): boolean {
	return a.workspace === b.workspace && a.repo === b.repo;
}

function pick<K extends string>(key: K, value: string | undefined): {[P in K]?: string} {
	return (value === undefined ? {} : {[key]: value}) as {[P in K]?: string};
}

function describeWrite(error: unknown): string {
	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	return code ?? (error instanceof Error ? error.message.split('\n', 1)[0]! : String(error));
}
