/**
 * An esbuild plugin for every bundle of Ink (the CLI and the benchmarks): Ink imports
 * react-devtools-core only when DEV is set, and an empty module keeps it out of the bundle,
 * where it would otherwise crash at start.
 */
export const stubReactDevtools = {
	name: 'stub-react-devtools-core',
	setup(pluginBuild) {
		pluginBuild.onResolve({filter: /^react-devtools-core$/}, () => ({
			path: 'react-devtools-core',
			namespace: 'stub',
		}));
		pluginBuild.onLoad({filter: /.*/, namespace: 'stub'}, () => ({
			contents: 'export default {connectToDevTools() {}};',
		}));
	},
};
