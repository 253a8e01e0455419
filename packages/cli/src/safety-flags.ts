/**
 * The flags that loosen zlc's refusals, one definition for every command that takes them: `--allow-outside` (read a
 * model or plan file outside the working directory) and `--insecure` (accept `http://` to another machine). Both are
 * off by default; `modelOptions` turns them into what `loadModelFile` and `readPlanFile` take.
 */
import { Flags } from '@oclif/core';

export const allowOutsideFlag = Flags.boolean({
  description:
    'Read the model or plan file even when it (or the file a symlink leads to) is outside the working directory.',
});

export const insecureFlag = Flags.boolean({
  description:
    'Accept http:// (unencrypted) URLs to other machines: runtime.url, ZLC_RUNTIME_URL and the ZOHO_*_URL overrides. Only on a network you trust.',
});

export interface SafetyFlags {
  'allow-outside'?: boolean;
  insecure?: boolean;
}

/** Where files must be (the working directory, unless `--allow-outside`). */
export function fileRoot(flags: SafetyFlags): { root?: string } {
  return flags['allow-outside'] === true ? {} : { root: process.cwd() };
}

/** The options `loadModelFile` takes for these flags. */
export function modelOptions(flags: SafetyFlags): { root?: string; allowInsecureUrls?: boolean } {
  return { ...fileRoot(flags), ...(flags.insecure === true ? { allowInsecureUrls: true } : {}) };
}
