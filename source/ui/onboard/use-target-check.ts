/**
 * Whether a clone target can be used, checked as the user types it: the clone refuses an
 * existing non-empty directory, and the form says so before anything starts.
 */
import {readdir} from 'node:fs/promises';
import path from 'node:path';
import {useEffect, useState} from 'react';

export type TargetStatus =
	| {readonly kind: 'checking'}
	| {
			readonly kind: 'new' | 'empty' | 'not-empty' | 'not-a-directory' | 'unreadable';
			readonly path: string;
	  };

export async function checkTarget(dir: string): Promise<TargetStatus> {
	try {
		const entries = await readdir(dir);
		return {kind: entries.length === 0 ? 'empty' : 'not-empty', path: dir};
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		const kind = code === 'ENOENT' ? 'new' : code === 'ENOTDIR' ? 'not-a-directory' : 'unreadable';
		return {kind, path: dir};
	}
}

export function useTargetCheck(cwd: string, dir: string): TargetStatus {
	const [status, setStatus] = useState<TargetStatus>({kind: 'checking'});
	useEffect(() => {
		let current = true;
		setStatus({kind: 'checking'});
		checkTarget(path.resolve(cwd, dir)).then((result) => {
			if (current) {
				setStatus(result);
			}
		});
		return () => {
			current = false;
		};
	}, [cwd, dir]);
	return status;
}

export function targetUsable(status: TargetStatus): boolean {
	return status.kind === 'new' || status.kind === 'empty';
}
