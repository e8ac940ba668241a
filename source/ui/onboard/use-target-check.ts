/**
 * Whether a clone target can be used, checked (by the use case's rule) as the user types it:
 * the clone refuses an existing non-empty directory, and the form says so before anything starts.
 */
import path from 'node:path';
import {useEffect, useState} from 'react';
import {checkTarget, type TargetStatus} from '../../use-cases/onboard/steps.js';

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
