import { Flags } from '@oclif/core';
import { durationFlag } from '../../base/duration.js';
import { USAGE_ERROR, withExitCodes } from '../../base/exit-codes-help.js';
import { fileFlag, locationFlags } from '../../base/flags.js';
import { loadModelOrExit, openTargetOrExit } from '../../base/model-and-target.js';
import { type Outcome, ZlcCommand } from '../../base/zlc-command.js';
import { allowOutsideFlag, insecureFlag } from '../../safety-flags.js';
import { withLocations } from '../../state-dir.js';
import { ledgerSpec } from './flow-context.js';
import { flowLog, LOG_FORMATS, logFormatOf } from './flow-log.js';
import { listenAddress } from './listen-address.js';

export default class FlowServe extends ZlcCommand<null> {
  // It runs until stopped and logs as it goes (--log-format json for machines): there is no one result to print.
  static override enableJsonFlag = false;
  static override summary = 'Run the handoff runtime: receive CRM and Desk webhooks, poll, and move the data.';
  static override description = withExitCodes(
    [
      'Listens for the webhooks apply provisioned (POST /hooks/crm/<handoff>, GET|POST /hooks/desk/<handoff>), records each event in the ledger and runs the handoffs with exactly-once effects. Polls by modified time every runtime.poll_interval as a safety net. Stops cleanly on SIGINT or SIGTERM (runs in flight finish; a killed runtime resumes its work on restart).',
      'Operations: GET /healthz (200 while the process answers), GET /readyz (200 when the ledger answers, an access token is in hand and the model has handoffs; 503 with the reasons otherwise), GET /metrics (Prometheus text: ledger entries by state, handoff latency, Zoho calls by product and status, rate budget left, token age).',
      'The webhook secret is the env var named by runtime.secret_env (on the embedded sandbox, the generated one apply used). ZLC_RUNTIME_URL is where apply points the webhooks; the port defaults to its port. PORT and HOST set the port and address when --port and --host are not given. Start it before `zlc apply` creates Desk webhooks: Desk checks their URL when it makes them.',
    ].join('\n\n'),
    [
      [0, 'stopped by SIGINT or SIGTERM after the runs in flight finished'],
      [1, `${USAGE_ERROR}; or the runtime could not start (the port is taken, the ledger is unreachable)`],
    ],
  );
  static override examples = [
    '<%= config.bin %> flow serve --port 8787',
    '<%= config.bin %> flow serve --poll-interval 1m --log-format json',
    'PORT=8080 HOST=0.0.0.0 <%= config.bin %> flow serve',
  ];
  static override flags = {
    file: fileFlag,
    'allow-outside': allowOutsideFlag,
    insecure: insecureFlag,
    port: Flags.integer({
      description: 'Port to listen on (default: PORT, else the port of ZLC_RUNTIME_URL, else 8787).',
    }),
    host: Flags.string({ description: 'Address to listen on (default: HOST, else 127.0.0.1).' }),
    ledger: Flags.string({ description: 'A SQLite ledger file (default: runtime.ledger).' }),
    'poll-interval': durationFlag({
      description: 'Time between polls, as in lifecycle.yaml (30s, 5m; 0: off). Default: runtime.poll_interval.',
      allowZero: true,
      bareSeconds: true,
    }),
    concurrency: Flags.integer({ description: 'Handoff runs at once.', default: 8 }),
    'log-format': Flags.string({
      description:
        'text: a line per event; json: JSON lines (time, level, msg, handoff, record and entry ids). Default: text on a terminal, json otherwise (ZLC_LOG_FORMAT).',
      options: [...LOG_FORMATS],
    }),
    'lease-seconds': durationFlag({
      description: "How long a run holds its entry (30s, 2m); a killed runtime's work is taken over after this.",
      default: '60s',
      bareSeconds: true,
    }),
    ...locationFlags,
  };

  async run(): Promise<Outcome<null>> {
    const { flags } = await this.parse(FlowServe);
    const env = withLocations(process.env, flags);
    const { createFlowMetrics, startFlowRuntime } = await import('@zlc/flow');
    const { webhookSecretFor } = await import('../../webhook-secret.js');
    const { describeZohoEvent } = await import('../../render/zoho-progress.js');
    const listen = listenAddress(flags, env);
    if (!listen.ok) this.error(listen.error, { exit: 1 });
    const model = await loadModelOrExit(this, flags.file, flags);
    const ledger = ledgerSpec(this, model, flags.ledger, env);
    const log = await flowLog(this, logFormatOf(flags['log-format']));
    const metrics = createFlowMetrics();
    const target = await openTargetOrExit(this, env, {
      insecure: flags.insecure,
      // Zoho calls are counted for /metrics; token waits and cache trouble are logged in the runtime's format.
      onZohoEvent: (event) => {
        metrics.onZohoEvent(event);
        const line = describeZohoEvent(event);
        if (line !== undefined) log.note(line, 'warn');
      },
    });
    log.note(`Target: ${target.label}`);
    const secret = webhookSecretFor(target, model, env);
    if (secret.value === undefined)
      log.note(`${model.runtime.secretEnv} is not set: every webhook will be refused (401).`, 'warn');
    const runtime = await startFlowRuntime({
      clients: target.clients,
      model,
      ledger,
      secret: secret.value,
      port: listen.port,
      host: listen.host,
      metrics,
      ...(flags['poll-interval'] === undefined ? {} : { pollIntervalMs: flags['poll-interval'] }),
      worker: { concurrency: flags.concurrency, leaseMs: flags['lease-seconds'] },
      onEvent: log.onEvent,
      onPollError: (error) =>
        log.note(`poll failed: ${error instanceof Error ? error.message : String(error)}`, 'error'),
    }).catch(async (error: unknown) => {
      await target.close();
      const why = error instanceof Error ? error.message : String(error);
      return this.error(`The runtime could not start: ${why}`, { exit: 1 });
    });
    log.note(`Ledger: ${runtime.ledger.location}`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    log.note('Stopping: letting runs in flight finish…');
    await runtime.close();
    await target.close();
    return this.done(0, null);
  }
}
