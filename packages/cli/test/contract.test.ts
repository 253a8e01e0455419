/**
 * The CLI's public contract — command ids, their flags (with short forms, defaults and choices) and arguments — pinned
 * so that a renamed or dropped flag shows up in review. Scripts, CI workflows and docs rely on these names.
 */
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../src/commands.js';

interface FlagLike {
  aliases?: readonly string[];
  env?: string;
  char?: string;
  default?: unknown;
  options?: readonly string[];
  type?: string;
}

function contract(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [id, command] of Object.entries(COMMANDS)) {
    const all = { ...(command.flags ?? {}), ...(command.enableJsonFlag ? { json: { type: 'boolean' } } : {}) };
    const flags = Object.entries(all as Record<string, FlagLike>).map(([name, flag]) => {
      const short = flag.char === undefined ? '' : ` -${flag.char}`;
      const aliases = flag.aliases === undefined ? '' : ` (alias ${flag.aliases.map((a) => `--${a}`).join(', ')})`;
      const env = flag.env === undefined ? '' : ` $${flag.env}`;
      const value = flag.type === 'boolean' ? '' : '=';
      const choices = flag.options === undefined ? '' : ` (${flag.options.join('|')})`;
      const fallback =
        typeof flag.default === 'function' || flag.default === undefined ? '' : ` [${String(flag.default)}]`;
      return `--${name}${short}${value}${choices}${fallback}${aliases}${env}`;
    });
    const args = Object.keys(command.args ?? {}).map((name) => name.toUpperCase());
    out[id.replace(':', ' ')] = [...args, ...flags.sort()];
  }
  return out;
}

describe('the CLI contract', () => {
  it('keeps every command, flag and argument name that scripts rely on', () => {
    expect(contract()).toMatchInlineSnapshot(`
      {
        "apply": [
          "PLAN",
          "--allow-data-loss",
          "--allow-outside",
          "--auto-approve",
          "--file -f= [lifecycle.yaml]",
          "--insecure",
          "--json",
          "--sandbox-dir= (alias --data) $ZLC_SANDBOX_DIR",
          "--state-dir= $ZLC_STATE_DIR",
        ],
        "demo": [
          "--allow-outside",
          "--file -f= [lifecycle.yaml]",
          "--insecure",
        ],
        "doctor": [
          "--allow-outside",
          "--file -f= [lifecycle.yaml]",
          "--insecure",
          "--json",
          "--sandbox-dir= (alias --data) $ZLC_SANDBOX_DIR",
          "--state-dir= $ZLC_STATE_DIR",
        ],
        "drift": [
          "--allow-outside",
          "--commit=",
          "--file -f= [lifecycle.yaml]",
          "--format= (text|markdown) [text]",
          "--insecure",
          "--json",
          "--out -o=",
          "--sandbox-dir= (alias --data) $ZLC_SANDBOX_DIR",
          "--state-dir= $ZLC_STATE_DIR",
        ],
        "export": [
          "--insecure",
          "--json",
          "--out -o=",
          "--sandbox-dir= (alias --data) $ZLC_SANDBOX_DIR",
          "--state-dir= $ZLC_STATE_DIR",
        ],
        "flow backfill": [
          "--allow-outside",
          "--dry-run",
          "--file -f= [lifecycle.yaml]",
          "--handoff=",
          "--insecure",
          "--json",
          "--ledger=",
          "--log-format= (text|json)",
          "--sandbox-dir= (alias --data) $ZLC_SANDBOX_DIR",
          "--since=",
          "--state-dir= $ZLC_STATE_DIR",
        ],
        "flow books-token": [
          "HANDOFF",
          "--allow-outside",
          "--file -f= [lifecycle.yaml]",
          "--insecure",
          "--json",
          "--sandbox-dir= (alias --data) $ZLC_SANDBOX_DIR",
          "--state-dir= $ZLC_STATE_DIR",
        ],
        "flow poll": [
          "--allow-outside",
          "--file -f= [lifecycle.yaml]",
          "--insecure",
          "--json",
          "--ledger=",
          "--log-format= (text|json)",
          "--once",
          "--sandbox-dir= (alias --data) $ZLC_SANDBOX_DIR",
          "--state-dir= $ZLC_STATE_DIR",
        ],
        "flow replay": [
          "ID",
          "--allow-outside",
          "--file -f= [lifecycle.yaml]",
          "--insecure",
          "--json",
          "--ledger=",
          "--sandbox-dir= (alias --data) $ZLC_SANDBOX_DIR",
          "--state-dir= $ZLC_STATE_DIR",
        ],
        "flow serve": [
          "--allow-outside",
          "--concurrency= [8]",
          "--file -f= [lifecycle.yaml]",
          "--host=",
          "--insecure",
          "--lease-seconds= [60000]",
          "--ledger=",
          "--log-format= (text|json)",
          "--poll-interval=",
          "--port=",
          "--sandbox-dir= (alias --data) $ZLC_SANDBOX_DIR",
          "--state-dir= $ZLC_STATE_DIR",
        ],
        "flow status": [
          "--all",
          "--allow-outside",
          "--file -f= [lifecycle.yaml]",
          "--insecure",
          "--json",
          "--ledger=",
          "--state-dir= $ZLC_STATE_DIR",
        ],
        "force-unlock": [
          "ID",
          "--json",
          "--lock-dir=",
          "--state-dir= $ZLC_STATE_DIR",
        ],
        "help": [
          "COMMAND",
        ],
        "init": [
          "DIR",
          "--ci= (github|gitlab|none) [github]",
          "--force",
          "--json",
          "--offline-schema",
          "--template -t=",
        ],
        "plan": [
          "--allow-data-loss",
          "--allow-outside",
          "--detailed-exitcode",
          "--file -f= [lifecycle.yaml]",
          "--format= (text|markdown|json) [text]",
          "--insecure",
          "--json",
          "--out -o=",
          "--sandbox-dir= (alias --data) $ZLC_SANDBOX_DIR",
          "--state-dir= $ZLC_STATE_DIR",
        ],
        "report": [
          "IDS",
          "--allow-outside",
          "--as-of=",
          "--file -f= [lifecycle.yaml]",
          "--format= (text|markdown|json|csv|html) [text]",
          "--from=",
          "--group-by= (customer|owner|product|stage|none)",
          "--insecure",
          "--json",
          "--out -o=",
          "--period= (week|month|quarter|year)",
          "--refresh",
          "--sandbox-dir= (alias --data) $ZLC_SANDBOX_DIR",
          "--state-dir= $ZLC_STATE_DIR",
          "--to=",
        ],
        "sandbox books-fields": [
          "--allow-outside",
          "--file -f= [lifecycle.yaml]",
          "--insecure",
          "--json",
          "--sandbox-dir= (alias --data) $ZLC_SANDBOX_DIR",
          "--state-dir= $ZLC_STATE_DIR",
        ],
        "sandbox reset": [
          "--json",
          "--sandbox-dir= (alias --data) $ZLC_SANDBOX_DIR",
          "--seed= (default|large|empty) [default]",
          "--state-dir= $ZLC_STATE_DIR",
        ],
        "sandbox serve": [
          "--edition= (free|standard|professional|enterprise|ultimate) [enterprise]",
          "--faults=",
          "--outbound= (loopback|any) [loopback]",
          "--port= [0]",
          "--sandbox-dir= (alias --data) $ZLC_SANDBOX_DIR",
          "--seed= (default|large|empty) [default]",
          "--state-dir= $ZLC_STATE_DIR",
        ],
        "validate": [
          "--allow-outside",
          "--file -f= [lifecycle.yaml]",
          "--insecure",
          "--json",
        ],
      }
    `);
  });

  it('gives every command a summary or description and at least one example', () => {
    for (const [id, command] of Object.entries(COMMANDS)) {
      expect(command.summary ?? command.description, id).toBeTruthy();
      expect(command.examples?.length ?? 0, id).toBeGreaterThan(0);
    }
  });

  it("lists the exit codes in every command's help, with 0 and 1 (usage errors) among them", () => {
    for (const [id, command] of Object.entries(COMMANDS)) {
      const help = command.description ?? '';
      expect(help, id).toMatch(/\nExit codes:\n {2}0 {2}/);
      expect(help, id).toMatch(/\n {2}1 {2}/);
    }
  });

  it('gives --json (one envelope) to every command except those that run until stopped and help', () => {
    const without = Object.entries(COMMANDS)
      .filter(([, command]) => !command.enableJsonFlag)
      .map(([id]) => id);
    expect(without.sort()).toEqual(['demo', 'flow:serve', 'help', 'sandbox:serve']);
  });
});
