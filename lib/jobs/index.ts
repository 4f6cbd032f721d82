/**
 * The jobs layer: reading MediaConvert job documents and extracting the accesses their service
 * role needs. No cdktf, no provider bindings, no zod: `derive` and `verify` load only this.
 */
export * from "./documents";
export * from "./accesses";
export * from "./model";
export * from "./account";
export { JobDocumentError, AccountReadError, ACCEPTED_SHAPES, ACCOUNT_READ_ACTIONS } from "./messages";
export { FIELD_RULES, ruleForPath, parsePath, formatPath, type FieldRule, type RuleKind, type PathStep } from "./rules";
export { parseJson, type JsonSyntaxError, type JsonParseResult } from "./json";
export { pascalName, toPascalCase, MAP_MEMBERS, WIRE_NAME_EXCEPTIONS } from "./names";
export { parseS3Uri, parseApiGatewayUrl, literalPrefix, folderOf, type S3Uri, type ApiGatewayUrl } from "./locations";
