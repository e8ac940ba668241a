/**
 * Build-time speed-ups for isomorphic-git's pack indexing (clone/fetch), applied by the
 * bundle (esbuild.config.js), the tests (vitest.config.ts) and the benchmarks alike, so
 * what is tested is what ships. isomorphic-git stays the clone engine; only these spots of
 * its Node build (index.cjs) are rewritten, each by an exact text match that must occur
 * exactly once: a new isomorphic-git release that moves the code fails the build instead
 * of silently shipping a slow clone.
 *
 * Why a build-time rewrite instead of patch-package: the package ships as one bundle, so
 * the patch only matters where esbuild and vitest read isomorphic-git; nothing in
 * node_modules is mutated, there is no install-time hook and no new dependency, and the
 * patch is this one reviewed file instead of a diff in a new top-level folder.
 */

/** isomorphic-git version the replacements were written against. */
export const patchedVersion = '1.44.19';

/** @type {{why: string, from: string, to: string}[]} */
export const replacements = [
	{
		why: 'hash with Node crypto (synchronous) instead of WebCrypto: one awaited crypto.subtle.digest per object left the main thread ~40% idle',
		from: 'let supportsSubtleSHA1 = null;',
		to: 'let supportsSubtleSHA1 = false;',
	},
	{
		why: 'hash each object as header + content through one incremental SHA-1 instead of first copying both into a new buffer (GitObject.wrap)',
		from: 'function shasumSync(buffer) {',
		to: `function shasumObject({ type, object }) {
  return createSha1().update(\`\${type} \${object.length}\\x00\`).update(object).digest('hex')
}

function shasumSync(buffer) {`,
	},
	{
		why: '(incremental object hash, continued) objects resolved while the pack is read',
		from: 'o.oid = await shasum(GitObject.wrap(resolved));',
		to: 'o.oid = shasumObject(resolved);',
	},
	{
		why: '(incremental object hash, continued) objects resolved afterwards',
		from: 'o.oid = await shasum(GitObject.wrap({ type, object }));',
		to: 'o.oid = shasumObject({ type, object });',
	},
	{
		why: 'build the idx fan-out table by counting first bytes once, O(N), instead of rescanning every hash for each of the 256 buckets',
		from: `    for (let i = 0; i < 256; i++) {
      let count = 0;
      for (const hash of this.hashes) {
        if (parseInt(hash.slice(0, 2), 16) <= i) count++;
      }
      fanoutBuffer.writeUInt32BE(count);
    }`,
		to: `    const firstBytes = new Uint32Array(256);
    for (const hash of this.hashes) firstBytes[parseInt(hash.slice(0, 2), 16)]++;
    for (let i = 0, count = 0; i < 256; i++) {
      count += firstBytes[i];
      fanoutBuffer.writeUInt32BE(count);
    }`,
	},
	{
		why: 'inflate with Node zlib (native) instead of pako, into one buffer of the expected size when the caller knows it; zlib stops at the end of the deflate stream like pako, ignoring the rest of the pack after it',
		from: `async function inflate(buffer) {
  if (supportsDecompressionStream === null) {
    supportsDecompressionStream = testDecompressionStream();
  }
  try {
    return supportsDecompressionStream
      ? await nativeInflate(buffer)
      : pako.inflate(buffer)
  } catch (err) {
    if (typeof err === 'string') {
      // Pako throws strings for corrupt data; preserve existing Error objects.
      throw new DecompressionError(err)
    }`,
		to: `// Output buffer size for an object of \`length\` bytes: one allocation (up to 64 MB), one byte of room for zlib to see the stream end.
function outputChunkSize(length) {
  return Math.min(Math.max(64, length + 1), 1 << 26)
}

async function inflate(buffer, expectedLength = 16383) {
  try {
    return require('zlib').inflateSync(buffer, { chunkSize: outputChunkSize(expectedLength) })
  } catch (err) {
    if (err && typeof err.code === 'string' && err.code.startsWith('Z_')) {
      throw new DecompressionError(err.message)
    }`,
	},
	{
		why: '(zlib inflate, continued) packed objects: pass the size from the pack header; zlib already returns a Buffer, no copy',
		from: 'object = Buffer.from(await inflate(buffer));',
		to: 'object = await inflate(buffer, length);',
	},
	{
		why: "listpack: inflate each object with Node zlib into one buffer of the size the pack header states (a default 16 KB output chunk would stay allocated behind every small object kept in the delta-base cache); the engine's bytesWritten is where the object's deflate stream ended (pako's avail_in)",
		from: `    const inflator = new pako.Inflate();
    while (!inflator.result) {
      const chunk = await reader.chunk();
      if (!chunk) break
      inflator.push(chunk, false);
      if (inflator.err) {
        throw new InternalError(\`Pako error: \${inflator.msg}\`)
      }
      if (inflator.result) {
        if (inflator.result.length !== length) {`,
		to: `    const inflator = { result: null, consumed: 0 };
    while (!inflator.result) {
      const chunk = await reader.chunk();
      if (!chunk) break
      try {
        const { buffer, engine } = require('zlib').inflateSync(chunk, { info: true, chunkSize: outputChunkSize(length) });
        inflator.result = buffer;
        inflator.consumed = engine.bytesWritten;
      } catch (err) {
        throw new InternalError(\`zlib error: \${err.message}\`)
      }
      if (inflator.result) {
        if (inflator.result.length !== length) {`,
	},
	{
		why: '(listpack, continued) backtrack to the end of the deflate stream',
		from: 'await reader.read(chunk.length - inflator.strm.avail_in);',
		to: 'await reader.read(inflator.consumed);',
	},
	{
		why: 'bound the delta-base cache of readSlice (it kept every object read at depth > 3 until the clone ended) with the LRU isomorphic-git already has',
		from: `    this.offsetCache = {};
  }`,
		to: `    this.offsetCache = new ObjectCache(RESOLVE_CACHE_BYTES);
  }`,
	},
	{
		why: '(bounded cache, continued) read',
		from: `    if (this.offsetCache[start]) {
      return Object.assign({}, this.offsetCache[start])
    }`,
		to: `    const cached = this.offsetCache.get(start);
    if (cached) {
      return Object.assign({}, cached)
    }`,
	},
	{
		why: '(bounded cache, continued) write',
		from: 'this.offsetCache[start] = { type, object };',
		to: 'this.offsetCache.set(start, { type, object });',
	},
	{
		why: 'spool the received pack to a temporary file in objects/pack, then read it back as one buffer: collecting it kept every received chunk (views into larger pkt-line buffers) and their concatenation, ~3x the pack, alive at once',
		from: 'const packfile = Buffer.from(await collect(response.packfile));',
		to: "const packfile = await spoolPackfile(response.packfile, join(gitdir, 'objects/pack'));",
	},
	{
		why: '(spooling, continued) the spooling function, next to collect(); the bundle always passes Node fs and a real directory',
		from: 'async function collect(iterable) {',
		to: `async function spoolPackfile(iterable, packDir) {
  const nodeFs = require('fs');
  nodeFs.mkdirSync(packDir, { recursive: true });
  const file = \`\${packDir}/tmp_pack_\${process.pid}_\${Date.now()}\`;
  const fd = nodeFs.openSync(file, 'w', 0o444);
  try {
    await forAwait(iterable, chunk => {
      nodeFs.writeSync(fd, chunk);
    });
    return nodeFs.readFileSync(file)
  } finally {
    nodeFs.closeSync(fd);
    nodeFs.rmSync(file, { force: true });
  }
}

async function collect(iterable) {`,
	},
];

/** Matches isomorphic-git's Node entry (the "node" export condition), wherever it is installed. */
export const moduleFilter = /[\\/]node_modules[\\/]isomorphic-git[\\/]index\.cjs$/;

/**
 * Applies every replacement to isomorphic-git's index.cjs source.
 * @param {string} source
 * @returns {string}
 */
export function speedUpIsomorphicGit(source) {
	let result = source;
	for (const {from, to, why} of replacements) {
		const first = result.indexOf(from);
		if (first < 0 || result.indexOf(from, first + from.length) >= 0) {
			throw new Error(
				`isomorphic-git speed-up no longer applies (${why}): its text occurs ${first < 0 ? 'nowhere' : 'more than once'}. ` +
					`It was written for isomorphic-git ${patchedVersion}; update source/build/isomorphic-git-speedups.js.`,
			);
		}

		result = result.slice(0, first) + to + result.slice(first + from.length);
	}

	return result;
}

/**
 * esbuild plugin.
 * @returns {import('esbuild').Plugin}
 */
export function isomorphicGitSpeedups() {
	return {
		name: 'isomorphic-git-speedups',
		setup(build) {
			build.onLoad({filter: moduleFilter}, async ({path}) => {
				const {readFile} = await import('node:fs/promises');
				return {contents: speedUpIsomorphicGit(await readFile(path, 'utf8')), loader: 'js'};
			});
		},
	};
}

/**
 * Vite (vitest) plugin; vitest must also inline isomorphic-git (`server.deps.inline`) so
 * that its module goes through this transform instead of Node's own loader.
 * @returns {import('vite').Plugin}
 */
export function isomorphicGitSpeedupsForVite() {
	return {
		name: 'isomorphic-git-speedups',
		enforce: 'pre',
		transform(code, id) {
			return moduleFilter.test(id) ? {code: speedUpIsomorphicGit(code), map: null} : undefined;
		},
	};
}
