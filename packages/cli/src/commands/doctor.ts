import type { DoctorReport } from '@zlc/engine';
import { USAGE_ERROR, withExitCodes } from '../base/exit-codes-help.js';
import { fileFlag, locationFlags } from '../base/flags.js';
import { loadModelOrExit, openTargetOrExit } from '../base/model-and-target.js';
import { type Outcome, ZlcCommand } from '../base/zlc-command.js';
import { allowOutsideFlag, insecureFlag } from '../safety-flags.js';
import { withLocations } from '../state-dir.js';

export default class Doctor extends ZlcCommand<DoctorReport> {
  static override summary =
    'Preflight an org against the model: credentials, scopes, limits, conflicts, integrations, runtime.';
  static override description = withExitCodes(
    `Run it before the first apply to an org (and after changing its plan or credentials). Reads only:
- credentials and scopes: one cheap read per product (CRM org and modules, Books organizations, Desk webhooks);
- editions and limits: custom fields and unique fields per CRM module against the edition (ZOHO_CRM_EDITION), counting what the org already has; the calls a day Books allows (ZOHO_BOOKS_PLAN);
- conflicts: an org field with a model field's label under another API name (CRM, Desk, Books);
- integrations: Zoho's own CRM ↔ Books sync (Books customers with a zcrm_account_id), which the handoffs adopt, and Desk's CRM integration (Desk accounts with a zohoCRMAccount), which they do not (a warning);
- the runtime: runtime.url (or ZLC_RUNTIME_URL) is https unless on this machine, and answers /healthz.`,
    [
      [0, 'every check passed (information and warnings may be listed)'],
      [1, USAGE_ERROR],
      [3, 'at least one check failed: the report says which and what to do'],
    ],
  );
  static override examples = ['<%= config.bin %> doctor', '<%= config.bin %> doctor --json'];
  static override flags = {
    file: fileFlag,
    'allow-outside': allowOutsideFlag,
    insecure: insecureFlag,
    ...locationFlags,
  };

  async run(): Promise<Outcome<DoctorReport>> {
    const { flags } = await this.parse(Doctor);
    const env = withLocations(process.env, flags);
    const model = await loadModelOrExit(this, flags.file, flags, 'nothing was checked');
    const target = await openTargetOrExit(this, env, { insecure: flags.insecure });
    this.log(`Target: ${target.label}`);
    const { doctor } = await import('@zlc/engine');
    const { webhookSecretFor } = await import('../webhook-secret.js');
    const { renderCheck, renderDoctorSummary } = await import('../render/doctor.js');
    const { colorOn, styleFor } = await import('../render/style.js');
    const style = styleFor(colorOn(process.stdout));
    const runtimeUrl = env.ZLC_RUNTIME_URL?.trim();
    const secret = webhookSecretFor(target, model, env).value;
    const report = await doctor(target.clients, model, {
      target: target.identity,
      ...(runtimeUrl ? { runtimeUrlOverride: runtimeUrl } : {}),
      ...(secret === undefined ? {} : { webhookSecret: secret }),
      onEvent: (event) => this.log(renderCheck(event.check, style)),
    })
      .catch((error: unknown) => this.fail(`zlc doctor failed: ${(error as Error).message}`))
      .finally(() => target.close());
    this.log(renderDoctorSummary(report));
    return this.done(report.ready ? 0 : 3, report);
  }
}
