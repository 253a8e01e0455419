/**
 * Reads a file zlc was told to read (the model, a saved plan) as text, refusing what is not a plain file of the
 * project: a directory, a device or pipe, kernel state behind a symlink (`lifecycle.yaml -> /proc/self/environ` would
 * otherwise echo the environment, secrets included, in "source lines"), a file outside `root` unless the caller allows
 * it, a file over the size cap, and bytes that are not text (a NUL, or invalid UTF-8). Every refusal is data naming
 * the file and saying what to do; nothing here throws for bad input.
 */
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, type Stats, statSync } from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';

export interface ReadSourceOptions {
  /** Largest file accepted, in bytes. */
  maxBytes: number;
  /**
   * The directory the file must be inside once symlinks are resolved (the CLI passes the working directory unless
   * `--allow-outside` is given). Undefined: anywhere.
   */
  root?: string;
}

export type SourceFileProblemCode =
  | 'file-not-found'
  | 'file-unreadable'
  | 'file-too-large'
  | 'file-not-regular'
  | 'file-outside-tree'
  | 'file-binary';

export interface SourceFileProblem {
  code: SourceFileProblemCode;
  message: string;
  hint?: string;
  /** Where in the file, for problems with its content (a NUL byte); 0 otherwise. */
  line: number;
  column: number;
}

export type SourceFileRead = { ok: true; text: string } | { ok: false; problem: SourceFileProblem };

/** File systems whose "files" are kernel state: never a model or a plan, whatever a symlink says. */
const PSEUDO_ROOTS = ['/proc', '/sys', '/dev'];

export function readSourceFile(path: string, options: ReadSourceOptions): SourceFileRead {
  let info: Stats;
  try {
    info = statSync(path);
  } catch (error) {
    return refuseMissing(path, errorCode(error));
  }
  if (info.isDirectory()) return refuse('file-unreadable', `${path} is a directory`, 'name the file inside it');
  if (!info.isFile())
    return refuse(
      'file-not-regular',
      `${path} is not a regular file (it is ${kindOf(info)})`,
      'name a file in the repository; zlc reads nothing else',
    );
  let real: string;
  try {
    real = realpathSync.native(path);
  } catch (error) {
    return refuse('file-unreadable', `cannot resolve ${path} (${errorCode(error) ?? 'unknown error'})`);
  }
  if (PSEUDO_ROOTS.some((root) => within(root, real)))
    return refuse(
      'file-not-regular',
      `${path} leads to ${real}, which is kernel state, not a file`,
      'point it at a file in the repository',
    );
  const outside = options.root === undefined ? undefined : outsideRoot(real, options.root);
  if (outside !== undefined)
    return refuse(
      'file-outside-tree',
      `${path} is outside the working directory ${outside}${real === path ? '' : ` (it leads to ${real})`}`,
      'run zlc from the directory that holds it, or pass --allow-outside if you mean to read it from there',
    );
  if (info.size > options.maxBytes) return tooLarge(path, info.size, options.maxBytes);
  const read = readBounded(real, info, options.maxBytes);
  if (!read.ok) return read;
  return decodeText(path, read.bytes);
}

function refuse(
  code: SourceFileProblemCode,
  message: string,
  hint?: string,
): { ok: false; problem: SourceFileProblem } {
  return { ok: false, problem: { code, message, line: 0, column: 0, ...(hint === undefined ? {} : { hint }) } };
}

function refuseMissing(path: string, code: string | undefined): { ok: false; problem: SourceFileProblem } {
  if (code === 'ENOENT') return refuse('file-not-found', `${path} does not exist`, 'create it, or name another file');
  if (code === 'ELOOP') return refuse('file-not-regular', `${path} is a symlink loop`, 'point it at a file');
  return refuse('file-unreadable', `cannot read ${path} (${code ?? 'unknown error'})`);
}

function tooLarge(path: string, size: number, max: number): { ok: false; problem: SourceFileProblem } {
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
  return refuse(
    'file-too-large',
    `${path} is ${mb(size)} MB; the limit is ${mb(max)} MB`,
    'a file this large is almost certainly generated or the wrong file',
  );
}

function kindOf(info: Stats): string {
  if (info.isFIFO()) return 'a pipe';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  return 'not a plain file';
}

function within(root: string, path: string): boolean {
  return path === root || path.startsWith(`${root}${sep}`);
}

/** The root's resolved path when `real` lies outside it, else undefined. */
function outsideRoot(real: string, root: string): string | undefined {
  let base: string;
  try {
    base = realpathSync.native(root);
  } catch {
    return root;
  }
  const rel = relative(base, real);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? undefined : base;
}

/**
 * Reads at most `maxBytes + 1` bytes from the file just checked. Opening without following a final symlink and
 * comparing the descriptor's identity with the checked file closes the gap between the check and the read; a file
 * whose bytes do not add up to its size (kernel state, or one being rewritten) is refused.
 */
function readBounded(
  real: string,
  checked: Stats,
  maxBytes: number,
): { ok: true; bytes: Buffer } | { ok: false; problem: SourceFileProblem } {
  let fd: number;
  try {
    fd = openSync(real, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    return refuse('file-unreadable', `cannot read ${real} (${errorCode(error) ?? 'unknown error'})`);
  }
  try {
    const opened = fstatSync(fd);
    if (!opened.isFile() || opened.ino !== checked.ino || opened.dev !== checked.dev)
      return refuse('file-unreadable', `${real} changed while zlc opened it`, 'run the command again');
    const buffer = Buffer.alloc(Math.min(maxBytes, checked.size) + 1);
    let total = 0;
    for (;;) {
      const n = readSync(fd, buffer, total, buffer.length - total, null);
      if (n === 0) break;
      total += n;
      if (total === buffer.length) break;
    }
    if (total !== checked.size)
      return refuse(
        'file-not-regular',
        `${real} holds ${total === buffer.length ? 'more' : 'fewer'} bytes than its size says: it is not a plain file, or it changed while zlc read it`,
        'point zlc at a plain file and run the command again',
      );
    return { ok: true, bytes: buffer.subarray(0, total) };
  } catch (error) {
    return refuse('file-unreadable', `cannot read ${real} (${errorCode(error) ?? 'unknown error'})`);
  } finally {
    closeSync(fd);
  }
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Text only: a NUL byte or invalid UTF-8 means a binary file, named with the place of the first bad byte. */
function decodeText(path: string, bytes: Buffer): SourceFileRead {
  const nul = bytes.indexOf(0);
  if (nul >= 0) return binary(path, bytes, nul, 'a NUL byte');
  try {
    return { ok: true, text: UTF8.decode(bytes) };
  } catch {
    return binary(path, bytes, firstInvalidUtf8(bytes), 'bytes that are not UTF-8');
  }
}

function binary(path: string, bytes: Buffer, offset: number, what: string): { ok: false; problem: SourceFileProblem } {
  const before = bytes.subarray(0, offset);
  const line = before.filter((b) => b === 0x0a).length + 1;
  const column = offset - (before.lastIndexOf(0x0a) + 1) + 1;
  return {
    ok: false,
    problem: {
      code: 'file-binary',
      message: `${path} holds ${what} at line ${line}, column ${column}: it is not a text file`,
      hint: 'name the YAML (or JSON) text file; save it as UTF-8',
      line,
      column,
    },
  };
}

/** The offset where the first malformed UTF-8 sequence starts (a lead byte without its continuation bytes). */
function firstInvalidUtf8(bytes: Buffer): number {
  let at = 0;
  while (at < bytes.length) {
    const lead = bytes[at] as number;
    const length =
      lead < 0x80 ? 1 : lead >= 0xc2 && lead < 0xe0 ? 2 : lead >= 0xe0 && lead < 0xf0 ? 3 : lead < 0xf5 ? 4 : 0;
    if (length === 0 || (lead >= 0x80 && lead < 0xc2)) return at;
    for (let k = 1; k < length; k++) if (((bytes[at + k] ?? 0) & 0xc0) !== 0x80) return at;
    at += length;
  }
  return Math.max(0, bytes.length - 1);
}

function errorCode(error: unknown): string | undefined {
  if (error !== null && typeof error === 'object' && 'code' in error && typeof error.code === 'string')
    return error.code;
  return undefined;
}
