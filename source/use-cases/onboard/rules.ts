/**
 * The rules of onboarding, the same for the wizard and the headless run: what the flags and
 * the remembered preferences propose, which bot email is known without asking, and how many
 * commits are read to find one. Where the two front ends differ, onboard.ts says so.
 */
import type {RepoRef} from '../../bitbucket/repo-ref.js';
import type {Commit} from '../../bitbucket/types.js';
import type {AuthMode, Flags} from '../../core/context.js';
import type {Preferences, Settings} from '../../settings/store.js';
import {botEmailsFromCommits, normalizeBotEmail} from '../bot-email.js';
import {authModeOf} from '../defaults.js';

/** What flags and settings preferences propose before the user chooses. */
export type Defaults = {
	readonly dir?: string;
	readonly branch?: string;
	readonly depth?: number;
	readonly auth: AuthMode;
	/** From --bot-email, normalised. */
	readonly botEmail?: string;
};

export type CloneChoices = {
	/** As typed: relative to the working directory or absolute. */
	readonly dir: string;
	/** Undefined: the repository's main branch. */
	readonly branch?: string;
	/** Undefined: the full history. */
	readonly depth?: number;
	readonly auth: AuthMode;
};

export type Identity = {readonly email: string; readonly name?: string};

/**
 * Commits read for the bot emails in a repository's recent history, by both front ends: one
 * request's worth, enough to find the bots that pushed lately.
 */
export const botSearchDepth = 30;

/**
 * Flags first, then the preferences remembered from earlier runs. `wizard` says whether the
 * wizard can offer helper mode (a credential helper that is not plain text is configured):
 * it then proposes it, and it drops a remembered `helper` it cannot offer. Throws UsageError
 * for a malformed --bot-email.
 */
export function onboardDefaults(
	flags: Pick<Flags, 'auth' | 'dir' | 'branch' | 'depth' | 'botEmail'>,
	preferences: Preferences,
	wizard?: {readonly helperAvailable: boolean},
): Defaults {
	const depth = flags.depth ?? preferences.depth;
	const offered =
		wizard === undefined
			? authModeOf(flags, preferences)
			: (flags.auth ??
				(preferences.auth === 'helper' && !wizard.helperAvailable ? undefined : preferences.auth) ??
				(wizard.helperAvailable ? 'helper' : 'prompt'));
	return {
		auth: offered,
		...(flags.dir === undefined ? {} : {dir: flags.dir}),
		...(flags.branch === undefined ? {} : {branch: flags.branch}),
		...(depth === undefined ? {} : {depth}),
		...(flags.botEmail === undefined ? {} : {botEmail: normalizeBotEmail(flags.botEmail)}),
	};
}

/** The clone the defaults describe: into a folder named after the repository, on its main branch. */
export function cloneChoicesOf(
	defaults: Defaults,
	ref: RepoRef | undefined,
	mainBranch: string | undefined,
): CloneChoices {
	const branch = defaults.branch ?? mainBranch;
	return {
		dir: defaults.dir ?? ref?.repo ?? '.',
		auth: defaults.auth,
		...(branch === undefined ? {} : {branch}),
		...(defaults.depth === undefined ? {} : {depth: defaults.depth}),
	};
}

/** The bots among a repository's latest commits (the first botSearchDepth), most recent first. */
export function recentBotEmails(commits: readonly Commit[]): string[] {
	return botEmailsFromCommits(commits.slice(0, botSearchDepth));
}

export type KnownBotEmail = {
	readonly email: string;
	readonly source: 'flag' | 'remembered' | 'commits';
};

/**
 * The bot email that needs no question: --bot-email, else the one remembered for the
 * repository, else the only bot among its recent commits. `seen` lists the bots found.
 */
export function knownBotEmail(options: {
	readonly defaults: Pick<Defaults, 'botEmail'>;
	readonly settings: Pick<Settings, 'botEmailFor'>;
	readonly ref: RepoRef;
	readonly commits: readonly Commit[];
}): {readonly known?: KnownBotEmail; readonly seen: readonly string[]} {
	const seen = recentBotEmails(options.commits);
	if (options.defaults.botEmail !== undefined) {
		return {known: {email: options.defaults.botEmail, source: 'flag'}, seen};
	}

	const remembered = options.settings.botEmailFor(options.ref);
	if (remembered !== undefined) {
		return {known: {email: remembered, source: 'remembered'}, seen};
	}

	return seen.length === 1 ? {known: {email: seen[0]!, source: 'commits'}, seen} : {seen};
}

export type BotEmailSuggestion = {readonly value: string; readonly description: string};

/** What the bot email question offers, best first: remembered, the demo's, then those seen in recent commits. */
export function botEmailSuggestions(options: {
	readonly settings: Pick<Settings, 'botEmailFor'>;
	readonly ref: RepoRef;
	readonly name: string;
	readonly demoBotEmail?: string | undefined;
	readonly commits: readonly Commit[];
}): BotEmailSuggestion[] {
	const suggestions: BotEmailSuggestion[] = [];
	const add = (value: string | undefined, description: string) => {
		if (value && !suggestions.some((suggestion) => suggestion.value === value)) {
			suggestions.push({value, description});
		}
	};

	add(options.settings.botEmailFor(options.ref), `remembered for ${options.name}`);
	add(options.demoBotEmail, 'the demo token’s bot');
	for (const email of recentBotEmails(options.commits)) {
		add(email, 'seen in recent commits');
	}

	return suggestions;
}

/**
 * The order of the steps. Both front ends verify the token, clone, then configure the clone
 * (configureStep). Where they differ, it is decided here:
 * - Headless settles the bot email before the clone, so a run that cannot know it fails
 *   before writing anything: it waits for the latest commits only when the email must be found
 *   in them (no --bot-email, none remembered), and otherwise reads them while the clone runs,
 *   for the summary (a list that fails then is a warning). The wizard reads them while the
 *   clone runs and asks after it, offering what it found.
 * - Headless refuses a non-empty clone target before the first request; the wizard's form
 *   checks it as it is typed (with --yes, the clone itself refuses it).
 * - Headless refuses a --branch the repository does not list right after the check; the
 *   wizard's form keeps it as the only choice, and the clone reports it.
 * - The wizard also asks for an optional user.name; headless sets user.email only.
 * - --yes makes the wizard take what knownBotEmail knows without asking, as headless does.
 * - Without --auth, the wizard proposes helper mode when a safe credential helper is
 *   configured (onboardDefaults); headless keeps prompt, the mode that needs nothing set up.
 *   --auth helper without a safe helper is exit 2 before the first request in both.
 */
export const headlessOrder = [
	'verify',
	'commits',
	'botEmail',
	'clone',
	'configure',
	'summary',
] as const;
export const wizardOrder = [
	'repository',
	'token',
	'verify',
	'options',
	'clone',
	'bot',
	'done',
] as const;
