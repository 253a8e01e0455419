/**
 * The plan's Books manual steps done on a sandbox, through its stand-in for Books' settings screen: each field the
 * steps name, with every setting they name (label, data type, options, Prevent Duplicate Values, API name). Shared
 * by `zlc sandbox books-fields` and the demo. Loads `@zlc/engine` and `@zlc/sandbox`.
 */
import { booksFieldsToMake, type Plan } from '@zlc/engine';
import { type BooksFieldStandIn, type SandboxEndpoint, setBooksCustomFields } from '@zlc/sandbox';

export async function doBooksStepsOnSandbox(endpoint: SandboxEndpoint, plan: Plan): Promise<BooksFieldStandIn[]> {
  const specs = booksFieldsToMake(plan).map((f) => ({
    module: f.module,
    label: f.label,
    apiName: f.apiName,
    nativeType: f.dataType,
    unique: f.unique,
    ...(f.values === undefined ? {} : { values: f.values.map((v) => ({ actual: v })) }),
  }));
  return setBooksCustomFields(endpoint, specs);
}
