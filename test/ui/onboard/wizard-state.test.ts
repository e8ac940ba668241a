import {describe, expect, test} from 'vitest';
import {AuthError, ExitCode, NotFoundError} from '../../../source/core/errors.js';
import {wizardReducer} from '../../../source/ui/onboard/wizard-reducer.js';
import {
	currentFailure,
	failureOf,
	initialState,
	proposedChoices,
	stepNumber,
	type WizardAction,
	type WizardState,
} from '../../../source/ui/onboard/wizard-state.js';
import type {Verified} from '../../../source/use-cases/verify.js';

const ref = {workspace: 'acme', repo: 'widget'};
const verified: Verified = {
	repository: {
		type: 'repository',
		full_name: 'acme/widget',
		mainbranch: {type: 'branch', name: 'main'},
	},
	canPush: true,
	branches: [
		{type: 'branch', name: 'main'},
		{type: 'branch', name: 'develop'},
	],
};
const cloneResult = {dir: '/tmp/widget', branch: 'main', head: 'a'.repeat(40)};
const failure = failureOf(
	new AuthError('Token rejected.', {reason: 'rejected', hint: 'Create a new token.'}),
);

function run(state: WizardState, ...actions: WizardAction[]): WizardState {
	return actions.reduce(wizardReducer, state);
}

const start = initialState({defaults: {auth: 'prompt'}});
const toVerify = run(
	start,
	{type: 'repositoryChosen', ref, input: 'https://bitbucket.org/acme/widget'},
	{type: 'tokenEntered', token: 'secret-token'},
);
const toOptions = run(toVerify, {type: 'verified', result: verified}, {type: 'continue'});
const choices = {dir: 'widget', branch: 'main', auth: 'prompt'} as const;
const toClone = run(toOptions, {type: 'optionsChosen', choices});
const toBot = run(toClone, {type: 'cloned', result: cloneResult});

describe('forward through the steps', () => {
	test('starts on the repository step, or on the token step with a REPO argument', () => {
		expect(start.step).toBe('repository');
		const withRef = initialState({ref, defaults: {auth: 'prompt'}});
		expect(withRef).toMatchObject({step: 'token', ref, skipRepository: true});
	});

	test('repository, token, verify, options, clone, bot, done', () => {
		expect(toVerify).toMatchObject({step: 'verify', ref, verification: {status: 'running'}});
		expect(run(toVerify, {type: 'verified', result: verified}).step).toBe('verify');
		expect(toOptions.step).toBe('options');
		expect(toClone).toMatchObject({step: 'clone', choices, clone: {status: 'running'}});
		expect(toBot).toMatchObject({step: 'bot', clone: {status: 'done', value: cloneResult}});
		const saving = run(
			toBot,
			{type: 'botEmailChosen', email: 'bot@bots.bitbucket.org'},
			{type: 'identityChosen', name: 'CI bot'},
		);
		expect(saving.identity).toEqual({status: 'running'});
		const done = run(saving, {type: 'identitySaved'});
		expect(done.step).toBe('done');
		expect(done.identity).toEqual({
			status: 'done',
			value: {identity: {email: 'bot@bots.bitbucket.org', name: 'CI bot'}},
		});
	});

	test('clone progress is kept only while the clone runs', () => {
		const progress = {phase: 'Receiving objects', loaded: 3, total: 10, bytes: 100, elapsedMs: 5};
		expect(run(toClone, {type: 'cloneProgress', progress}).progress).toEqual(progress);
		expect(run(toBot, {type: 'cloneProgress', progress}).progress).toBeUndefined();
	});

	test('step numbers count from 1 for the header', () => {
		expect(stepNumber('repository')).toBe(1);
		expect(stepNumber('token')).toBe(2);
		expect(stepNumber('done')).toBe(7);
	});

	test('actions from another step are ignored (a late answer after going back)', () => {
		const back = run(toVerify, {type: 'back'});
		expect(run(back, {type: 'verified', result: verified})).toBe(back);
		expect(run(start, {type: 'tokenEntered', token: 'x'})).toBe(start);
	});
});

describe('Esc goes back a step', () => {
	test('token → repository, keeping what was typed; not when REPO was given', () => {
		const token = run(start, {type: 'repositoryChosen', ref, input: 'acme/widget'});
		expect(run(token, {type: 'back'})).toMatchObject({
			step: 'repository',
			repoInput: 'acme/widget',
		});
		const withRef = initialState({ref, defaults: {auth: 'prompt'}});
		expect(run(withRef, {type: 'back'}).step).toBe('token');
	});

	test('verify → token forgets the token and the answer', () => {
		const failed = run(toVerify, {type: 'verifyFailed', failure});
		const back = run(failed, {type: 'back'});
		expect(back.step).toBe('token');
		expect(back.token).toBeUndefined();
		expect(back.verification).toBeUndefined();
	});

	test('options → verify shows the answer again; Enter continues', () => {
		const back = run(toOptions, {type: 'back'});
		expect(back).toMatchObject({step: 'verify', verification: {status: 'done'}});
		expect(run(back, {type: 'continue'}).step).toBe('options');
	});

	test('a running clone stays; a failed one goes back to the options with the choices', () => {
		expect(run(toClone, {type: 'back'})).toBe(toClone);
		const failed = run(toClone, {type: 'cloneFailed', failure});
		const back = run(failed, {type: 'back'});
		expect(back).toMatchObject({step: 'options', choices});
		expect(proposedChoices(back)).toEqual(choices);
	});

	test('bot: the name goes back to the email; a finished clone is not undone', () => {
		expect(run(toBot, {type: 'back'})).toBe(toBot);
		const named = run(toBot, {type: 'botEmailChosen', email: 'b@bots.bitbucket.org'});
		expect(run(named, {type: 'back'})).toMatchObject({
			botEmail: undefined,
			botEmailDraft: 'b@bots.bitbucket.org',
		});
	});
});

describe('quitting', () => {
	test('Ctrl+C is 130 anywhere', () => {
		expect(run(start, {type: 'quit', reason: 'interrupt'}).quit).toBe(ExitCode.interrupted);
		expect(run(toClone, {type: 'quit', reason: 'interrupt'}).quit).toBe(ExitCode.interrupted);
	});

	test('q quits with the exit code of the failure on screen', () => {
		const failed = run(toVerify, {type: 'verifyFailed', failure});
		expect(currentFailure(failed)).toEqual(failure);
		expect(run(failed, {type: 'quit', reason: 'request'}).quit).toBe(ExitCode.auth);
		const notFound = run(toClone, {
			type: 'cloneFailed',
			failure: failureOf(new NotFoundError('No such repository.')),
		});
		expect(run(notFound, {type: 'quit', reason: 'request'}).quit).toBe(ExitCode.notFound);
	});

	test('a clone interrupted by Ctrl+C still reports its end', () => {
		const quitting = run(toClone, {type: 'quit', reason: 'interrupt'});
		const ended = run(quitting, {type: 'cloneFailed', failure});
		expect(ended).toMatchObject({quit: ExitCode.interrupted, clone: {status: 'failed'}});
	});
});

describe('defaults', () => {
	test('proposed choices: flags and preferences, then the main branch and ./<repo>', () => {
		expect(proposedChoices(toOptions)).toEqual({dir: 'widget', branch: 'main', auth: 'prompt'});
		const flagged = run(
			initialState({ref, defaults: {auth: 'embed', dir: 'w', branch: 'develop', depth: 5}}),
			{type: 'tokenEntered', token: 't'},
			{type: 'verified', result: verified},
		);
		expect(proposedChoices(flagged)).toEqual({
			dir: 'w',
			branch: 'develop',
			depth: 5,
			auth: 'embed',
		});
	});

	test('--yes goes from a verified token straight to the clone, and saves a known bot email at once', () => {
		const accepting = initialState({ref, acceptDefaults: true, defaults: {auth: 'prompt'}});
		const cloning = run(
			accepting,
			{type: 'tokenEntered', token: 't'},
			{type: 'verified', result: verified},
		);
		expect(cloning).toMatchObject({step: 'clone', choices: {dir: 'widget', branch: 'main'}});
		const bot = run(
			cloning,
			{type: 'cloned', result: cloneResult},
			{type: 'botEmailChosen', email: 'b@bots.bitbucket.org'},
		);
		expect(bot.identity).toEqual({status: 'running'});
	});

	test('failures are redacted one-liners with the hint and exit code', () => {
		expect(failure).toEqual({message: 'Token rejected.', hint: 'Create a new token.', exitCode: 3});
		expect(failureOf(new Error('boom\n    at stack')).message).toBe('boom');
	});
});
