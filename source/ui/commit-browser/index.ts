/** The commit browser, for `bbtok-tui commits` and the onboarding wizard's summary. */
export {CommitBrowser, type CommitBrowserProps} from './commit-browser.js';
