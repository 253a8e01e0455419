/**
 * The benchmark runner: `pnpm bench [NAME…] [--list]`. Runs the named scenarios (all when none is named),
 * one after another, and prints one JSON line per scenario to stdout: `{"scenario": NAME, …figures}`.
 * Progress goes to stderr. Exit 1 when a scenario throws (its line then carries `"error"`).
 */
import { SCENARIOS } from './scenarios/index.js';

const args = process.argv.slice(2);
if (args.includes('--list')) {
  for (const s of SCENARIOS) process.stdout.write(`${s.name}\t${s.description}\n`);
  process.exit(0);
}
const unknown = args.filter((a) => !SCENARIOS.some((s) => s.name === a));
if (unknown.length > 0) {
  process.stderr.write(`bench: unknown scenario ${unknown.join(', ')}; run with --list to see them\n`);
  process.exit(2);
}
const chosen = args.length === 0 ? SCENARIOS : SCENARIOS.filter((s) => args.includes(s.name));
let failed = false;
for (const scenario of chosen) {
  const log = (message: string) => process.stderr.write(`[${scenario.name}] ${message}\n`);
  log(scenario.description);
  try {
    const figures = await scenario.run({ log });
    process.stdout.write(`${JSON.stringify({ scenario: scenario.name, ...figures })}\n`);
  } catch (error) {
    failed = true;
    const message = error instanceof Error ? error.message : String(error);
    process.stdout.write(`${JSON.stringify({ scenario: scenario.name, error: message })}\n`);
  }
}
process.exit(failed ? 1 : 0);
