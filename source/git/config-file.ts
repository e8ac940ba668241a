/**
 * A line-level reader and editor for git's config format (`.git/config`). An edit rewrites
 * only the value of the entry it targets, or inserts one line after the last entry of a
 * section, so comments (`#`, `;`, trailing ones too), blank lines, indentation, includes,
 * key order and CRLF line endings survive byte for byte. isomorphic-git's writer cannot
 * promise that, and fix-remote's users must be able to trust a diff of their config.
 *
 * The parser follows git's own (config.c): section names and keys are case-insensitive,
 * quoted subsections are case-sensitive, values may be quoted, escaped and continued with
 * a trailing backslash.
 */
export {ConfigFile, encodeValue, formatHeader} from './config-file/edits.js';
export {type ConfigSnapshot, readConfigFile, writeConfigFile} from './config-file/io.js';
export type {ConfigEntry, SectionName} from './config-file/types.js';
