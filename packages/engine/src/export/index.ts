export { type ExportOptions, type ExportResult, exportOrg, modelToYaml } from './export-org.js';
export { type OrgSnapshot, readOrgForExport } from './read-org.js';
export { type ExportedModel, snapshotToModel } from './to-model.js';
