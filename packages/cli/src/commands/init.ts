import { Args, Flags } from '@oclif/core';
import { USAGE_ERROR, withExitCodes } from '../base/exit-codes-help.js';
import { type Outcome, ZlcCommand } from '../base/zlc-command.js';

/** The `--json` result of `zlc init`. */
export interface InitResult {
  dir: string;
  template: string;
  ci: 'github' | 'gitlab' | 'none';
  /** Every file written, relative to `dir`. */
  files: string[];
  /** The files that replaced one already there (only with --force). */
  replaced: string[];
  /** What the modeline of lifecycle.yaml points at. */
  schema: string;
}

export default class Init extends ZlcCommand<InitResult> {
  static override summary = 'Scaffold a client repository from a template: the model, a README for its admins, CI.';
  static override description = withExitCodes(
    `Writes into DIR (default: the current folder), which must be new or empty (a .git folder alone is fine) unless --force:
- lifecycle.yaml: the template's model. Its first line (# yaml-language-server: $schema=…) points editors at the language's schema for this zlc version by its versioned URL (the schema's $id), which keeps working wherever the file is copied; --offline-schema points it at the local copy instead.
- schema/lifecycle.schema.json: that schema, for editors and tools without network.
- README.md: for the client's admins — install, plan and apply, the CI settings, the Books manual steps, the model.
- .gitignore: zlc's local state (.zlc/) and the plan files.
- CI (--ci): github writes .github/workflows/zlc-plan.yml (plan on every pull request, one comment updated in place, the plan kept as an artefact per commit), zlc-apply.yml (on push to main, applies the plan reviewed for that commit; one apply at a time) and zlc-drift.yml (a scheduled drift check keeping one issue current); gitlab writes .gitlab-ci.yml and .gitlab/zlc-gitlab.mjs doing the same; none writes no CI.

CI installs exactly this zlc version and runs the commands README.md lists. With --force, the files above replace any already there (they are named); other files stay.`,
    [
      [0, 'scaffolded'],
      [
        1,
        `an unknown template (the templates are listed), a folder that is not empty without --force; or ${USAGE_ERROR}`,
      ],
    ],
  );
  static override examples = [
    '<%= config.bin %> init acme-zoho --template b2b-saas',
    '<%= config.bin %> init --template wholesale-distribution --ci gitlab',
    '<%= config.bin %> init . --template services-agency --force',
  ];
  static override args = {
    dir: Args.string({ description: 'The folder to scaffold (made when missing).', default: '.' }),
  };
  static override flags = {
    template: Flags.string({ char: 't', description: 'The template (run without it to list them).' }),
    ci: Flags.string({
      description: 'The CI system to write workflows for.',
      options: ['github', 'gitlab', 'none'],
      default: 'github',
    }),
    force: Flags.boolean({ description: "Write into a folder that is not empty, replacing the template's files." }),
    'offline-schema': Flags.boolean({
      description: "Point lifecycle.yaml's modeline at the local schema copy instead of the versioned URL.",
    }),
  };

  async run(): Promise<Outcome<InitResult>> {
    const { args, flags } = await this.parse(Init);
    const { pickTemplate } = await import('../init/pick-template.js');
    const picked = pickTemplate(flags.template);
    if (!picked.ok) return this.fail(picked.message);
    const { lifecycleSchema, validateSource } = await import('@zlc/model');
    const { MODEL_FILE, scaffoldFiles, targetProblem, writeScaffold, LOCAL_SCHEMA, schemaUrl } = await import(
      '../init/scaffold.js'
    );
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const template = picked.template;
    const checked = validateSource(readFileSync(join(template.dir, MODEL_FILE), 'utf8'), { file: MODEL_FILE });
    if (!checked.ok)
      return this.fail(`The template ${template.name} does not validate: a bug in zlc. Nothing was written.`);
    const ci = flags.ci as InitResult['ci'];
    const schema = lifecycleSchema();
    const files = scaffoldFiles({
      template,
      schema,
      installer: { name: this.config.name, version: this.config.version },
      ci,
      secretEnv: checked.resolved.runtime.secretEnv,
      offlineSchema: flags['offline-schema'],
    });
    const problem = targetProblem(args.dir, Object.keys(files), flags.force);
    if (problem !== undefined) return this.fail(`${problem} Nothing was written.`);
    const replaced = writeScaffold(args.dir, files);
    const paths = Object.keys(files).sort();
    this.log(`Scaffolded ${args.dir} from the ${template.name} template:`);
    for (const path of paths) this.log(`  ${replaced.includes(path) ? 'replaced' : 'wrote   '} ${path}`);
    this.log(`\nNext: cd ${args.dir}, run zlc validate and zlc plan, then read README.md for the CI settings.`);
    const modeline = flags['offline-schema'] ? `./${LOCAL_SCHEMA}` : schemaUrl(schema);
    return this.done(0, { dir: args.dir, template: template.name, ci, files: paths, replaced, schema: modeline });
  }
}
