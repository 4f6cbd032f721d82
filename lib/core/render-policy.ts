/**
 * Policy documents as Terraform arguments: compact JSON, or a `jsonencode(...)` expression when
 * statements take their resources from whole Terraform list references (a consumer's
 * `TerraformVariable` of key ARNs, say), whose length is known only at plan time.
 */
import { Fn, Op } from "./engine";
import { isUnresolved, terraformLiteral } from "./tokens";
import { PolicyDocument, policyJson } from "./policy-document";

/** A Resource that is a whole Terraform list reference (e.g. a `TerraformVariable`'s), of unknown length. */
function isListReference(resource: readonly string[] | undefined): resource is string[] {
  return resource !== undefined && isUnresolved(resource);
}

/**
 * The document as Terraform's argument: compact JSON.
 *
 * When statements take their resources from Terraform list references (a consumer's
 * `TerraformVariable`s), the document becomes a `jsonencode(...)` expression in which each such statement
 * exists only when its list is not empty (IAM rejects an empty Resource), sorted and de-duplicated.
 */
export function renderPolicy(document: PolicyDocument): string {
  // Values such as prefixes may hold ${ or %{, which Terraform would read as template sequences.
  const doc = JSON.parse(JSON.stringify(document), (_, value: unknown) => (typeof value === "string" ? terraformLiteral(value) : value)) as PolicyDocument;
  if (!doc.Statement.some((s) => isListReference(s.Resource))) return policyJson(doc);
  const parts = doc.Statement.map((s) =>
    isListReference(s.Resource)
      ? Fn.conditional(Op.gte(Fn.lengthOf(s.Resource), 1), [{ ...s, Resource: Fn.sort(Fn.distinct(s.Resource)) }], [])
      : [s],
  );
  return Fn.jsonencode({ Version: doc.Version, Statement: Fn.concat(parts) });
}

/**
 * The `count` of a resource holding the document: undefined (always created) unless every
 * statement depends on a list reference, then 1 only when one of those lists is not empty.
 */
export function policyCount(doc: PolicyDocument): number | undefined {
  const lists = doc.Statement.map((s) => s.Resource);
  if (!lists.every(isListReference)) return undefined;
  return Fn.conditional(Op.gte(Fn.lengthOf(Fn.concat(lists)), 1), 1, 0);
}
