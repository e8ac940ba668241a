/**
 * The patch of isomorphic-git's Node build (index.cjs), one of the dependency patches
 * (patches.js). isomorphic-git stays the clone engine: it negotiates, demultiplexes the
 * pack, writes refs and checks out. Only where its Node path holds a whole pack in memory
 * does it hand over to source/git/pack/ (imported as the virtual module bbtok:git-pack):
 * the received pack is indexed as it streams to disk, and objects are read by offset from
 * the pack file, so memory stays bounded however large the pack is.
 *
 * Every replacement runs in test/perf/clone-shapes.test.ts (clones) and test/build/patches.test.ts.
 */

/** @type {import('./patches.js').Patch} */
export const isomorphicGitPatch = {
	name: 'isomorphic-git',
	package: 'isomorphic-git',
	version: '1.44.19',
	source: 'source/build/isomorphic-git-patch.js',
	file: /[\\/]node_modules[\\/]isomorphic-git[\\/]index\.cjs$/,
	modules: {'bbtok:git-pack': 'source/git/pack/index.ts'},
	replacements: [
		{
			why: 'hash with Node crypto (synchronous) instead of WebCrypto: one awaited crypto.subtle.digest per object left the main thread ~40% idle',
			from: 'let supportsSubtleSHA1 = null;',
			to: 'let supportsSubtleSHA1 = false;',
		},
		{
			why: 'fetch: index the pack while it streams to a file in objects/pack, instead of collecting it into one Buffer and indexing that',
			from: `  const packfile = Buffer.from(await collect(response.packfile));
  if (raw.body.error) throw raw.body.error
  const packfileSha = packfile.slice(-20).toString('hex');`,
			to: `  const storedPack = await (await import('bbtok:git-pack')).storePack(response.packfile, {
    gitdir,
    cache,
    onProgress,
    readExternal: oid => _readObject({ fs, cache, gitdir, oid }),
  });
  if (raw.body.error) throw raw.body.error`,
		},
		{
			why: '(fetch, continued) the pack and its .idx are written already',
			from: `  if (packfileSha !== '' && !emptyPackfile(packfile)) {
    res.packfile = \`objects/pack/pack-\${packfileSha}.pack\`;
    const fullpath = join(gitdir, res.packfile);
    await fs.write(fullpath, packfile);
    const getExternalRefDelta = oid => _readObject({ fs, cache, gitdir, oid });
    const idx = await GitPackIndex.fromPack({
      pack: packfile,
      getExternalRefDelta,
      onProgress,
    });
    await fs.write(fullpath.replace(/\\.pack$/, '.idx'), await idx.toBuffer());
  }`,
			to: '  if (storedPack) res.packfile = storedPack;',
		},
		{
			why: 'read packed objects by offset through a file descriptor (a bounded cache of delta bases), instead of reading the whole pack into a Buffer; packs first: a clone has no loose objects, and each failed open of one cost an ENOENT error (~7% of a clone of 50,000 objects)',
			from: `  if (!result) {
    result = await readObjectLoose({ fs, gitdir, oid });
  }
  // Check to see if it's in a packfile.
  if (!result) {
    result = await readObjectPacked({
      fs,
      cache,
      gitdir,
      oid,
      getExternalRefDelta,
    });

    if (!result) {
      throw new NotFoundError(oid)
    }

    // Directly return packed result, as specified: packed objects always return the 'content' format.
    return result
  }`,
			to: `  if (!result) {
    const packed = await (await import('bbtok:git-pack')).readPackedObject({ cache, gitdir, oid, getExternalRefDelta });
    // Packed objects always come in the 'content' format.
    if (packed) return packed
    result = await readObjectLoose({ fs, gitdir, oid });
    if (!result) {
      throw new NotFoundError(oid)
    }
  }`,
		},
		{
			why: 'checkout: a fresh clone takes its plan from the safety walk that already read every tree (source/git/safe-paths.ts, under a Symbol.for key of the cache), instead of analysing the tree again beside the empty work tree and the missing index (failed reads and garbage: 0.26-0.56 s of a clone of the real-shaped benchmark, 5,700 entries); any other checkout is analysed as before',
			from: `    try {
      ops = await analyze({`,
			to: `    const plan = cache[Symbol.for('bbtok-tui.checkoutPlan')];
    if (plan) delete cache[Symbol.for('bbtok-tui.checkoutPlan')];
    try {
      ops = plan && plan.oid === oid && !filepaths && !restoreFromIndex ? plan.ops : await analyze({`,
		},
		{
			why: 'checkout: a leading folder found to be a real folder is not lstat-ed again for each file under it (per command: isomorphic-git makes a FileSystem per call); one lstat per folder level per file was ~7% of a clone of 50,000 objects',
			from: `async function assertNoSymlinkInLeadingPath(fs, dir, fullpath) {
  const parts = fullpath.split('/');
  parts.pop(); // the final segment is the entry being written, not a leading dir
  let current = dir;
  for (const part of parts) {
    if (part === '' || part === '.') continue
    current = \`\${current}/\${part}\`;
    const stats = await fs.lstat(current);`,
			to: `const realFoldersSeen = new WeakMap();
async function assertNoSymlinkInLeadingPath(fs, dir, fullpath) {
  const parts = fullpath.split('/');
  parts.pop(); // the final segment is the entry being written, not a leading dir
  let current = dir;
  let seen = realFoldersSeen.get(fs);
  if (!seen) realFoldersSeen.set(fs, (seen = new Set()));
  for (const part of parts) {
    if (part === '' || part === '.') continue
    current = \`\${current}/\${part}\`;
    if (seen.has(current)) continue
    const stats = await fs.lstat(current);
    if (stats && stats.isDirectory()) seen.add(current);`,
		},
		{
			why: 'checkout: a large blob stored whole in the pack streams from it into its file, instead of being inflated into one Buffer and written (a 16 MB file was held whole, with copies, three at a time); symlinks, deltas, small and loose objects are read whole as before',
			from: `    await assertNoSymlinkInLeadingPath(fs, dir, fullpath);
    const { object } = await _readObject({ fs, cache, gitdir, oid });
    if (chmod) {
      await fs.rm(filepath);
    }
    if (mode === 0o100644) {`,
			to: `    await assertNoSymlinkInLeadingPath(fs, dir, fullpath);
    const streamed = (mode === 0o100644 || mode === 0o100755) &&
      (await (await import('bbtok:git-pack')).checkoutLargeBlob({ cache, gitdir, oid, filepath, executable: mode === 0o100755, replace: chmod }));
    const { object } = streamed ? {} : await _readObject({ fs, cache, gitdir, oid });
    if (chmod && !streamed) {
      await fs.rm(filepath);
    }
    if (streamed) {
      // written already
    } else if (mode === 0o100644) {`,
		},
		{
			why: 'checkout: a file that fails to be written is not also printed with its stack to stderr; the failures are thrown together (MultipleGitError) and the clone reports the first as one line (a full disk while the work tree is written)',
			from: `        rejections.push(result.reason);
        // eslint-disable-next-line no-console
        console.error(
          \`[isomorphic-git \${operationName}] task rejected:\`,
          result.reason?.stack ?? result.reason
        );`,
			to: '        rejections.push(result.reason);',
		},
		{
			why: "checkout: a fresh clone's work tree (nothing but folders, files and symlinks to create) is written by worker threads, in batches, with synchronous file calls (source/git/pack/work-tree.ts); isomorphic-git wrote it on the main thread three files at a time, each through promises and thread-pool calls, and the file system's own work per file used one core; its index is written from the writers' stats (source/git/pack/work-tree-index.ts), not through GitIndex (~75 ms of objects and promises per clone)",
			from: `    // Second pass - execute planned changes`,
			to: `    const freshTree = await (await import('bbtok:git-pack')).writeWorkTree({ dir, gitdir, ops, onProgress, cache });
    if (freshTree) {
      // written, with its index
    } else {
    // Second pass - execute planned changes`,
		},
		{
			why: "(checkout, continued) the end of isomorphic-git's own second pass, for any other plan",
			from: `          if (rejections.length > 0) {
            throw new MultipleGitError(rejections)
          }
        }
      );
    }

    if (onPostCheckout) {`,
			to: `          if (rejections.length > 0) {
            throw new MultipleGitError(rejections)
          }
        }
      );
    }
    }

    if (onPostCheckout) {`,
		},
		{
			why: 'export the tree parser (GitTree, which refuses unsafe names and sorts entries as the walker does) for the safety walk of source/git/tree-walk.ts: git.walk cost ~70 µs an entry in promises and walker objects',
			from: 'exports.walk = walk;',
			to: 'exports.walk = walk;\nexports.parseTree = buffer => new GitTree(buffer).entries();',
		},
		{
			why: 'fetch: the demultiplexer reads no further while 1 MB of pack data waits for the indexer, instead of queueing the whole pack in memory when the network outpaces it',
			from: `          packfile.write(line.slice(1));
          break`,
			to: `          packfile.write(line.slice(1));
          if (packfile._queue.length > 16) await new Promise(resolve => { packfile._drained = resolve; });
          break`,
		},
		{
			why: '(demultiplexer, continued) reading resumes once the indexer has taken most of what waited',
			from: `      return { value: this._queue.shift() }`,
			to: `      const value = this._queue.shift();
      if (this._drained && this._queue.length <= 4) { const drained = this._drained; this._drained = null; drained(); }
      return { value }`,
		},
	],
};
