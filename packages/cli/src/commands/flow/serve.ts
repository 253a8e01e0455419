import { Command, Flags } from '@oclif/core';
import { allowOutsideFlag, insecureFlag } from '../../safety-flags.js';
import { openTarget } from '../../target.js';
import { ledgerSpec, loadFlowModel } from './flow-context.js';
import { flowLog, LOG_FORMATS, logFormatOf } from './flow-log.js';
import { listenAddress } from './listen-address.js';

export default class FlowServe extends Command {
  static override summary = 'Run the handoff runtime: receive CRM and Desk webhooks, poll, and move the data.';
  static override description = [
    'Listens for the webhooks apply provisioned (POST /hooks/crm/<handoff>, GET|POST /hooks/desk/<handoff>), records each event in the ledger and runs the handoffs with exactly-once effects. Polls by modified time every runtime.poll_interval as a safety net. Stops cleanly on SIGINT or SIGTERM (runs in flight finish; a killed runtime resumes its work on restart).',
    'Operations: GET /healthz (200 while the process answers), GET /readyz (200 when the ledger answers, an access token is in hand and the model has handoffs; 503 with the reasons otherwise), GET /metrics (Prometheus text: ledger entries by state, handoff latency, Zoho calls by product and status, rate budget left, token age).',
    'The webhook secret is the env var named by runtime.secret_env (on the embedded sandbox, the generated one apply used). ZLC_RUNTIME_URL is where apply points the webhooks; the port defaults to its port. PORT and HOST set the port and address when --port and --host are not given.',
  ].join('\n\n');
  static override examples = [
    '<%= config.bin %> flow serve --port 8787',
    'PORT=8080 HOST=0.0.0.0 <%= config.bin %> flow serve',
  ];
  static override flags = {
    file: Flags.string({ char: 'f', description: 'The model file.', default: 'lifecycle.yaml' }),
    'allow-outside': allowOutsideFlag,
    insecure: insecureFlag,
    port: Flags.integer({
      description: 'Port to listen on (default: PORT, else the port of ZLC_RUNTIME_URL, else 8787).',
    }),
    host: Flags.string({ description: 'Address to listen on (default: HOST, else 127.0.0.1).' }),
    ledger: Flags.string({ description: 'A SQLite ledger file (default: runtime.ledger).' }),
    'poll-interval': Flags.integer({ description: 'Seconds between polls (default: runtime.poll_interval; 0: off).' }),
    concurrency: Flags.integer({ description: 'Handoff runs at once.', default: 8 }),
    'log-format': Flags.string({
      description:
        'text: a line per event; json: JSON lines (time, level, msg, handoff, record and entry ids). Default: text on a terminal, json otherwise (ZLC_LOG_FORMAT).',
      options: [...LOG_FORMATS],
    }),
    'lease-seconds': Flags.integer({
      description: "How long a run holds its entry; a killed runtime's work is taken over after this.",
      default: 60,
    }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(FlowServe);
    const { createFlowMetrics, startFlowRuntime } = await import('@zlc/flow');
    const { webhookSecretFor } = await import('../../webhook-secret.js');
    const { describeZohoEvent } = await import('../../render/zoho-progress.js');
    const listen = listenAddress(flags, process.env);
    if (!listen.ok) this.error(listen.error, { exit: 1 });
    const model = await loadFlowModel(this, flags.file, flags);
    const ledger = ledgerSpec(this, model, flags.ledger);
    const log = await flowLog(this, logFormatOf(flags['log-format']));
    const metrics = createFlowMetrics();
    const opened = await openTarget(process.env, {
      insecure: flags.insecure,
      // Zoho calls are counted for /metrics; token waits and cache trouble are logged in the runtime's format.
      onZohoEvent: (event) => {
        metrics.onZohoEvent(event);
        const line = describeZohoEvent(event);
        if (line !== undefined) log.note(line, 'warn');
      },
    });
    if (!opened.ok) this.error(opened.errors.join('\n'), { exit: 1 });
    const { target } = opened;
    log.note(`Target: ${target.label}`);
    const secret = webhookSecretFor(target, model, process.env);
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
      ...(flags['poll-interval'] === undefined ? {} : { pollIntervalMs: flags['poll-interval'] * 1000 }),
      worker: { concurrency: flags.concurrency, leaseMs: flags['lease-seconds'] * 1000 },
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
  }
}
