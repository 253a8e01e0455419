import { mkdirSync } from 'node:fs';
import { Command, Flags } from '@oclif/core';
import type { Edition, FaultRule, OutboundAllow, Sandbox, SandboxEvent, SeedName } from '@zlc/sandbox';
import { SANDBOX_DATA_DIR, SANDBOX_EDITIONS, SANDBOX_SEEDS } from '../../sandbox-options.js';

export default class SandboxServe extends Command {
  static override summary = 'Serve the Zoho sandbox (CRM v8, Books v3, Desk v1 and OAuth) on a loopback port.';
  static override description =
    `Runs the emulator until Ctrl-C (SIGINT) or SIGTERM. The org lives in the data dir and survives restarts. Writes <data dir>/sandbox.env (mode 0600) with the ZOHO_* variables that point zlc (or any Zoho client) at it, and ZLC_SANDBOX_ADMIN_KEY, this run's key to the live knobs for tests: /__sandbox/faults, /__sandbox/limits, /__sandbox/clock/advance, /__sandbox/stats, /__sandbox/outbound (send it in the X-Zlc-Sandbox-Key header; see packages/sandbox/SPEC.md).

Webhooks and Desk's URL checks go only to this machine (loopback addresses) unless --outbound any: the sandbox does not reach out to the network on its own; a delivery elsewhere is logged as undeliverable with the reason.`;
  static override examples = [
    '<%= config.bin %> sandbox serve',
    '<%= config.bin %> sandbox serve --port 8787 --data .zlc/sandbox',
    '<%= config.bin %> sandbox serve --seed large --faults faults.json',
    '<%= config.bin %> sandbox serve --edition free   # Free-edition limits: 5 concurrent CRM calls, 5,000 credits',
    'set -a; . .zlc/sandbox/sandbox.env; set +a   # then, in another shell: zlc plan',
  ];
  static override flags = {
    port: Flags.integer({ description: 'Port on 127.0.0.1 (0 picks a free one).', default: 0, min: 0, max: 65535 }),
    data: Flags.string({ description: 'Data directory of the sandbox org.', default: SANDBOX_DATA_DIR }),
    seed: Flags.string({
      description: 'Seed for a new data dir (an existing org is kept; use `zlc sandbox reset` to start over).',
      options: [...SANDBOX_SEEDS],
      default: 'default',
    }),
    faults: Flags.string({ description: 'JSON file of fault rules (latency, errors, 429s, drops…).' }),
    edition: Flags.string({
      description: 'Zoho edition whose API limits (concurrency, rate, daily credits) the sandbox enforces.',
      options: [...SANDBOX_EDITIONS],
      default: 'enterprise',
    }),
    outbound: Flags.string({
      description: 'Where webhooks and URL checks may go: loopback (this machine only) or any host.',
      options: ['loopback', 'any'],
      default: 'loopback',
    }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(SandboxServe);
    const { DataDirBusyError, loadFaultsFile, startSandbox, writeEnvFile } = await import('@zlc/sandbox');
    let faults: FaultRule[] = [];
    let faultSeed: number | undefined;
    if (flags.faults !== undefined) {
      const parsed = loadFaultsFile(flags.faults);
      if (!parsed.ok) {
        for (const problem of parsed.errors) this.logToStderr(`  ${problem}`);
        this.error(`Bad faults file ${flags.faults}: ${parsed.errors.length} problem(s), listed above.`, { exit: 1 });
      }
      faults = parsed.rules;
      faultSeed = parsed.seed;
    }
    mkdirSync(flags.data, { recursive: true });
    const onEvent = (event: SandboxEvent) => {
      if (event.type === 'handler_error' || event.type === 'pipeline_error') {
        this.warn(`${event.method} ${event.path}: ${event.message}`);
      } else if (event.type === 'outbound_attempt') {
        const d = event.delivery;
        const why = d.status === 'undeliverable' && d.error !== undefined ? ` (${d.error})` : '';
        this.log(`outbound ${d.method} ${d.url} (${d.source}) → ${d.status}, attempt ${d.attempts}${why}`);
      }
    };
    let sandbox: Sandbox;
    try {
      sandbox = await startSandbox({
        port: flags.port,
        dataDir: flags.data,
        seed: flags.seed as SeedName,
        edition: flags.edition as Edition,
        faults,
        ...(faultSeed === undefined ? {} : { faultSeed }),
        outbound: { allow: flags.outbound as OutboundAllow },
        onEvent,
      });
    } catch (error) {
      if (error instanceof DataDirBusyError) this.error(error.message, { exit: 1 });
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
        this.error(`Port ${flags.port} is already in use. Choose another with --port, or --port 0 for a free one.`, {
          exit: 1,
        });
      }
      throw error;
    }
    const envFile = writeEnvFile(sandbox, flags.data);
    this.log(`Target: sandbox at ${sandbox.url} (data ${flags.data})`);
    this.log(`Serving Zoho CRM (/crm/v8), Books (/books/v3), Desk (/api/v1) and OAuth (/oauth/v2/token).`);
    this.log(`Wrote ${envFile}; load it with: set -a; . ${envFile}; set +a`);
    if (faults.length > 0) this.log(`Faults: ${faults.length} rule(s) from ${flags.faults}`);
    this.log('Press Ctrl-C to stop.');
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await sandbox.close();
    this.log('Sandbox stopped.');
  }
}
