/** A CommandContext for in-process runs: collected stdout/stderr, no TTY, flags with defaults. */
import {Readable, Writable} from 'node:stream';
import type {CommandContext, Flags} from '../../source/core/context.js';

export type FakeRun = {context: CommandContext; stdout: () => string; stderr: () => string};

export function fakeContext(options: {
	cwd: string;
	flags?: Partial<Flags>;
	env?: NodeJS.ProcessEnv;
	args?: string[];
	signal?: AbortSignal;
	onStderr?: (text: string) => void;
}): FakeRun {
	const collect = (onWrite?: (text: string) => void) => {
		let text = '';
		const stream = new Writable({
			write(chunk: Buffer | string, _encoding, done) {
				text += chunk.toString();
				onWrite?.(chunk.toString());
				done();
			},
		});
		return {stream: stream as unknown as NodeJS.WriteStream, text: () => text};
	};

	const stdout = collect();
	const stderr = collect(options.onStderr);
	const context: CommandContext = {
		args: options.args ?? [],
		flags: {
			tokenStdin: false,
			input: false,
			json: false,
			yes: false,
			stripCredentials: false,
			statuses: false,
			...options.flags,
		},
		env: options.env ?? {},
		interactive: false,
		cwd: options.cwd,
		stdin: Readable.from([]) as unknown as NodeJS.ReadStream,
		stdout: stdout.stream,
		stderr: stderr.stream,
		signal: options.signal ?? new AbortController().signal,
	};
	return {context, stdout: stdout.text, stderr: stderr.text};
}
