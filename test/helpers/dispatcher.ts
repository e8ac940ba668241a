/**
 * One connection stack for tests that call the clone, probe or API client directly, as a
 * command's services would create it: no proxy variables, the product's timeouts.
 */
import {createDispatcher} from '../../source/bitbucket/http.js';

export const testDispatcher = createDispatcher({env: {}});
