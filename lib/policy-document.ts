/**
 * IAM policy documents as plain objects: built by pure functions, merged and sorted
 * deterministically, rendered to the same bytes for the same input.
 */
import { Fn, Op, Token } from "cdktf";

export type Conditions = Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: "Allow" | "Deny";
  readonly Principal?: Readonly<Record<string, string | readonly string[]>>;
  readonly Action: readonly string[];
  readonly Resource?: readonly string[];
  readonly Condition?: Conditions;
}

export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly PolicyStatement[];
}

function sortedUnique(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

/** Canonical form of a condition block: operators and keys sorted, multi-values sorted. */
function normalizeConditions(condition: Conditions | undefined): Conditions | undefined {
  if (!condition || Object.keys(condition).length === 0) return undefined;
  const out: Record<string, Record<string, string | string[]>> = {};
  for (const operator of Object.keys(condition).sort()) {
    const entries: Record<string, string | string[]> = {};
    for (const key of Object.keys(condition[operator]).sort()) {
      const value = condition[operator][key];
      entries[key] = typeof value === "string" ? value : sortedUnique(value);
    }
    out[operator] = entries;
  }
  return out;
}

function normalizeStatement(s: PolicyStatement): PolicyStatement {
  const condition = normalizeConditions(s.Condition);
  return {
    ...(s.Sid !== undefined ? { Sid: s.Sid } : {}),
    Effect: s.Effect,
    ...(s.Principal !== undefined ? { Principal: s.Principal } : {}),
    Action: sortedUnique(s.Action),
    ...(s.Resource !== undefined ? { Resource: sortedUnique(s.Resource) } : {}),
    ...(condition !== undefined ? { Condition: condition } : {}),
  };
}

const sameList = (a: readonly string[] | undefined, b: readonly string[] | undefined): boolean =>
  JSON.stringify(a) === JSON.stringify(b);

/** Statements may merge when everything but their actions or their resources is equal. */
function mergeable(a: PolicyStatement, b: PolicyStatement): boolean {
  if (a.Sid !== undefined || b.Sid !== undefined) return false;
  if (a.Effect !== b.Effect) return false;
  if (JSON.stringify(a.Principal) !== JSON.stringify(b.Principal)) return false;
  if (JSON.stringify(a.Condition) !== JSON.stringify(b.Condition)) return false;
  return sameList(a.Action, b.Action) || sameList(a.Resource, b.Resource);
}

function merge(a: PolicyStatement, b: PolicyStatement): PolicyStatement {
  return normalizeStatement({
    ...a,
    Action: [...a.Action, ...b.Action],
    ...(a.Resource !== undefined || b.Resource !== undefined
      ? { Resource: [...(a.Resource ?? []), ...(b.Resource ?? [])] }
      : {}),
  });
}

const statementSortKey = (s: PolicyStatement): string =>
  JSON.stringify([s.Sid ?? "", s.Effect, s.Action, s.Resource ?? [], s.Condition ?? {}]);

/**
 * Normalizes statements (sorted, de-duplicated lists), merges those that differ only in their
 * actions or only in their resources (same effect, principal and conditions), and sorts them.
 */
export function mergeStatements(statements: readonly PolicyStatement[]): PolicyStatement[] {
  let merged = statements.map(normalizeStatement);
  let changed = true;
  while (changed) {
    changed = false;
    outer: for (let i = 0; i < merged.length; i++) {
      for (let j = i + 1; j < merged.length; j++) {
        if (mergeable(merged[i], merged[j])) {
          const combined = merge(merged[i], merged[j]);
          merged = [...merged.slice(0, i), combined, ...merged.slice(i + 1, j), ...merged.slice(j + 1)];
          changed = true;
          break outer;
        }
      }
    }
  }
  const seen = new Set<string>();
  return merged
    .filter((s) => {
      const key = JSON.stringify(s);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => statementSortKey(a).localeCompare(statementSortKey(b)));
}

/** A policy document from statements, merged and sorted. */
export function policyDocument(statements: readonly PolicyStatement[]): PolicyDocument {
  return { Version: "2012-10-17", Statement: mergeStatements(statements) };
}

/** A Resource that is a whole Terraform list reference (e.g. `var.input_kms_key_arns`), of unknown length. */
function isListReference(resource: readonly string[] | undefined): resource is string[] {
  return resource !== undefined && Token.isUnresolved(resource);
}

/**
 * The document as compact JSON: what Terraform receives and what IAM's size limit counts.
 *
 * When statements take their resources from Terraform list references (the generated module's
 * variables), the document becomes a `jsonencode(...)` expression in which each such statement
 * exists only when its list is not empty (IAM rejects an empty Resource), sorted and de-duplicated.
 */
export function renderPolicy(doc: PolicyDocument): string {
  if (!doc.Statement.some((s) => isListReference(s.Resource))) return JSON.stringify(doc);
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
