/**
 * The engine's version, written into every plan (`engineVersion`): the package's own, so a release bumps it with
 * the rest (Changesets versions the engine and the CLI together). A JSON import, not a file read at run time, so
 * the CLI's bundle carries it inline.
 */
import pkg from '../package.json' with { type: 'json' };

export const ENGINE_VERSION: string = pkg.version;
