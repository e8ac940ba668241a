/**
 * The workers' bundle (dist/chunks/pack-worker.js): one entry for both kinds a clone
 * starts, so the package ships one worker file and each start loads what is already cached.
 */
import {workerData} from 'node:worker_threads';
import {runCheckoutWorker} from './checkout-worker.js';
import {runIndexWorker} from './index-worker.js';
import type {WorkerStart} from './worker-protocol.js';

const start = workerData as WorkerStart;
if (start.role === 'checkout') runCheckoutWorker(start);
else runIndexWorker(start);
