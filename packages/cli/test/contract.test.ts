/**
 * The CLI's public contract — command ids, their flags (with short forms, defaults and choices) and arguments — pinned
 * so that a renamed or dropped flag shows up in review. Scripts, CI workflows and docs rely on these names.
 */
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../src/commands.js';

interface FlagLike {
  char?: string;
  default?: unknown;
  options?: readonly string[];
  type?: string;
}

function contract(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [id, command] of Object.entries(COMMANDS)) {
    const flags = Object.entries((command.flags ?? {}) as Record<string, FlagLike>).map(([name, flag]) => {
      const short = flag.char === undefined ? '' : ` -${flag.char}`;
      const value = flag.type === 'boolean' ? '' : '=';
      const choices = flag.options === undefined ? '' : ` (${flag.options.join('|')})`;
      const fallback =
        typeof flag.default === 'function' || flag.default === undefined ? '' : ` [${String(flag.default)}]`;
      return `--${name}${short}${value}${choices}${fallback}`;
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
        ],
        "demo": [
          "--allow-outside",
          "--file -f= [lifecycle.yaml]",
          "--insecure",
        ],
        "export": [
          "--insecure",
          "--out -o=",
        ],
        "flow poll": [
          "--allow-outside",
          "--file -f= [lifecycle.yaml]",
          "--insecure",
          "--json",
          "--ledger=",
          "--log-format= (text|json)",
          "--once",
        ],
        "flow replay": [
          "ID",
          "--allow-outside",
          "--file -f= [lifecycle.yaml]",
          "--insecure",
          "--json",
          "--ledger=",
        ],
        "flow serve": [
          "--allow-outside",
          "--concurrency= [8]",
          "--file -f= [lifecycle.yaml]",
          "--host=",
          "--insecure",
          "--lease-seconds= [60]",
          "--ledger=",
          "--log-format= (text|json)",
          "--poll-interval=",
          "--port=",
        ],
        "flow status": [
          "--all",
          "--allow-outside",
          "--file -f= [lifecycle.yaml]",
          "--insecure",
          "--json",
          "--ledger=",
        ],
        "force-unlock": [
          "ID",
          "--lock-dir= [.zlc/locks]",
        ],
        "plan": [
          "--allow-data-loss",
          "--allow-outside",
          "--detailed-exitcode",
          "--file -f= [lifecycle.yaml]",
          "--format= (text|markdown|json) [text]",
          "--insecure",
          "--json",
          "--out=",
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
          "--to=",
        ],
        "sandbox reset": [
          "--data= [.zlc/sandbox]",
          "--json",
          "--seed= (default|large|empty) [default]",
        ],
        "sandbox serve": [
          "--data= [.zlc/sandbox]",
          "--edition= (free|standard|professional|enterprise|ultimate) [enterprise]",
          "--faults=",
          "--outbound= (loopback|any) [loopback]",
          "--port= [0]",
          "--seed= (default|large|empty) [default]",
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
});
