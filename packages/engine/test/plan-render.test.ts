import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  checkPlan,
  MARKDOWN_MAX_CHARS,
  type Plan,
  plan,
  type Resource,
  readPlanFile,
  renderPlanJson,
  renderPlanMarkdown,
  renderPlanText,
  writePlanFile,
} from '@zlc/engine';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { desiredOf, matchingOrg, modelOf, optionsFor, ROOT, withAttributes } from './support/plan-builders.js';

const model = modelOf();
const desired = desiredOf(model);
const schema = JSON.parse(
  readFileSync(join(ROOT, 'packages', 'engine', 'schemas', 'plan.schema.json'), 'utf8'),
) as object;
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

/** 500 fields to create, with long picklists, plus one update: a plan far bigger than a PR comment. */
function hugePlan(): Plan {
  const many: Resource[] = Array.from({ length: 500 }, (_, i) => ({
    address: `crm_field.Deals.Generated_${i}`,
    type: 'crm_field',
    product: 'crm',
    title: `Deals › Generated_${i} (picklist)`,
    attributes: {
      module: 'Deals',
      apiName: `Generated_${i}`,
      label: `Generated ${i}`,
      dataType: 'picklist',
      picklist: Array.from({ length: 20 }, (_, v) => `Value number ${v} of field ${i}`),
      unique: false,
    },
    dependsOn: [],
  }));
  return plan([...desired, ...many], matchingOrg(desired), optionsFor(model));
}

describe('rendering a plan', () => {
  it('prints "No changes" for an org that matches, and the counts line otherwise', () => {
    const same = renderPlanText(plan(desired, matchingOrg(desired), optionsFor(model)));
    expect(same).toContain('No changes. The org matches lifecycle.yaml.');
    expect(same).not.toContain('Plan:');
    const org = matchingOrg(desired).map((r) =>
      r.address === 'desk_field.accounts.cf_deal_value' ? withAttributes(r, { label: 'Value' }) : r,
    );
    const text = renderPlanText(plan(desired, org, optionsFor(model)));
    expect(text).toContain('  ~ desk_field.accounts.cf_deal_value');
    expect(text).toContain('~ label: "Value" → "Deal Value"');
    expect(text).toContain('Plan: 0 to add, 1 to change, 0 to remove, 0 manual.');
    expect(text.indexOf('Lifecycle')).toBeLessThan(text.indexOf('Changes'));
  });

  it('colours the text only when asked', () => {
    const p = plan(desired, [], optionsFor(model));
    expect(renderPlanText(p)).not.toContain('\u001b[');
    const tag = (name: string) => (text: string) => `<${name}>${text}</${name}>`;
    const style = {
      green: tag('g'),
      yellow: tag('y'),
      red: tag('r'),
      magenta: tag('m'),
      cyan: tag('c'),
      dim: tag('d'),
      bold: tag('b'),
    };
    expect(renderPlanText(p, { style })).toContain('<g>  + crm_field.Accounts.Billing_Email</g>');
  });

  it('keeps the markdown of a 500-change plan under 60,000 characters and says what it left out', () => {
    const p = hugePlan();
    expect(p.counts.add).toBeGreaterThanOrEqual(500);
    const markdown = renderPlanMarkdown(p);
    expect(markdown.length).toBeLessThanOrEqual(MARKDOWN_MAX_CHARS);
    const shown = markdown.split('<details><summary><code>').length - 1;
    const notShown = /_(\d+) more changes not shown/.exec(markdown);
    expect(notShown).not.toBeNull();
    expect(shown + Number(notShown?.[1])).toBe(p.actions.filter((a) => a.action !== 'noop').length);
    expect(markdown).toContain(
      `**Plan: ${p.counts.add} to add, 0 to change, 0 to remove, ${p.counts.manual} manual.**`,
    );
  });

  it('shows every change of a small plan in markdown, each collapsed', () => {
    const p = plan(desired, [], optionsFor(model));
    const markdown = renderPlanMarkdown(p);
    expect(markdown).not.toContain('more changes not shown');
    expect(markdown.split('<details><summary><code>').length - 1).toBe(p.actions.length);
    expect(markdown).toContain('| 3 | Closed Won | Account Executives |');
  });

  it('writes JSON that validates against schemas/plan.schema.json, for big and small plans', () => {
    for (const p of [hugePlan(), plan(desired, matchingOrg(desired), optionsFor(model))]) {
      const value: unknown = JSON.parse(renderPlanJson(p));
      expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it('never puts the webhook secret in any rendering, only its reference', () => {
    const p = plan(desired, [], optionsFor(model));
    for (const out of [renderPlanText(p), renderPlanMarkdown(p), renderPlanJson(p)]) {
      expect(out).toContain('env:ZLC_WEBHOOK_SECRET');
    }
  });
});

describe('the plan file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zlc-plan-file-'));

  it('reads back exactly what it wrote', () => {
    const p = plan(desired, [], optionsFor(model));
    const file = join(dir, 'plan.json');
    writePlanFile(file, p);
    expect(readPlanFile(file)).toEqual({ ok: true, plan: p });
  });

  it('refuses another format version, saying which', () => {
    const p = { ...plan(desired, [], optionsFor(model)), formatVersion: 2 };
    const result = checkPlan(p);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[0]).toContain('format version 2; this zlc reads version 1');
  });

  it('explains a file that is not JSON, not a plan, or missing', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{ not json');
    const notJson = readPlanFile(bad);
    expect(!notJson.ok && notJson.errors[0]).toMatch(/is not JSON/);
    expect(checkPlan([1, 2])).toEqual({ ok: false, errors: ['This is not a zlc plan: expected a JSON object.'] });
    const missing = readPlanFile(join(dir, 'nope.json'));
    expect(!missing.ok && missing.errors[0]).toMatch(/^No plan file at /);
  });

  it('points at the part of a damaged plan that breaks the schema', () => {
    const p = JSON.parse(renderPlanJson(plan(desired, [], optionsFor(model)))) as Record<string, unknown>;
    p.configHash = 'md5:abc';
    const result = checkPlan(p);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.join('\n')).toContain('/configHash must match pattern');
  });
});
