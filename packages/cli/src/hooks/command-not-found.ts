/**
 * `zlc plna`: not a command. Says so, names the closest command (the same suggestion `validate` gives for a
 * misspelt reference), points at `zlc help`, and exits 1 — a usage error, like a misspelt flag — on a terminal and
 * in CI alike (oclif's own not-found plugin suggests only on a terminal, with a question, and exits 127).
 */
import { type Hook, toConfiguredId } from '@oclif/core';

const hook: Hook.CommandNotFound = async function (options) {
  const { closest } = await import('@zlc/model');
  const visible = options.config.commands.filter((c) => !c.hidden);
  const ids = [...visible.map((c) => c.id), ...visible.flatMap((c) => c.aliases)];
  const bin = options.config.bin;
  const given = toConfiguredId(options.id, options.config);
  const match = closest(options.id, ids);
  const lines = [`${given} is not a ${bin} command.`];
  if (match !== undefined) lines.push(`Did you mean: ${bin} ${toConfiguredId(match, options.config)}?`);
  lines.push(`Run ${bin} help for the list of commands.`);
  process.stderr.write(`${lines.join('\n')}\n`);
  this.exit(1);
};

export default hook;
