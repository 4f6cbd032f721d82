/**
 * IAM policy documents as plain objects: built by pure functions, merged and sorted
 * deterministically, rendered to the same bytes for the same input.
 */
import { isUnresolved } from "./tokens";
import { byCodeUnits } from "./order";

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

const statementSortKey = (s: PolicyStatement): string =>
  JSON.stringify([s.Sid ?? "", s.Effect, s.Action, s.Resource ?? [], s.Condition ?? {}]);

/** What must be equal for statements to merge: effect, principal and conditions. */
const contextKey = (s: PolicyStatement): string => JSON.stringify([s.Effect, s.Principal ?? null, s.Condition ?? null]);

/** A whole Terraform list reference (the module's variables) keeps a statement of its own. */
const isListReferenceEntry = (resource: string): boolean => isUnresolved([resource]);

interface Group {
  readonly context: PolicyStatement;
  readonly actions: Set<string>;
  readonly resources: string[] | undefined;
}

/**
 * Normalizes statements (sorted, de-duplicated lists) and merges them canonically, so the result
 * depends only on what is granted, not on the order it was declared in: first every resource gets
 * the union of the actions granted on it, then resources with the same action set share one
 * statement. Statements merge only when effect, principal and conditions are equal; statements
 * with a Sid are kept as they are.
 */
export function mergeStatements(statements: readonly PolicyStatement[]): PolicyStatement[] {
  const normalized = statements.map(normalizeStatement);
  const kept = normalized.filter((s) => s.Sid !== undefined);

  const actionsByResource = new Map<string, { context: PolicyStatement; resource?: string; actions: Set<string> }>();
  for (const s of normalized.filter((st) => st.Sid === undefined)) {
    for (const resource of s.Resource ?? [undefined]) {
      const key = `${contextKey(s)}\u0000${resource ?? ""}`;
      const entry = actionsByResource.get(key) ?? { context: s, resource, actions: new Set<string>() };
      s.Action.forEach((a) => entry.actions.add(a));
      actionsByResource.set(key, entry);
    }
  }

  const groups = new Map<string, Group>();
  for (const { context, resource, actions } of actionsByResource.values()) {
    const actionList = [...actions].sort();
    const own = resource !== undefined && isListReferenceEntry(resource) ? resource : "";
    const key = `${contextKey(context)}\u0000${JSON.stringify(actionList)}\u0000${own}`;
    const group = groups.get(key) ?? { context, actions, resources: resource === undefined ? undefined : [] };
    if (resource !== undefined) group.resources?.push(resource);
    groups.set(key, group);
  }

  const merged = [...groups.values()].map(({ context, actions, resources }) =>
    normalizeStatement({
      Effect: context.Effect,
      ...(context.Principal !== undefined ? { Principal: context.Principal } : {}),
      Action: [...actions],
      ...(resources !== undefined ? { Resource: resources } : {}),
      ...(context.Condition !== undefined ? { Condition: context.Condition } : {}),
    }),
  );
  return [...kept, ...merged].sort((a, b) => byCodeUnits(statementSortKey(a), statementSortKey(b)));
}

/** A policy document from statements, merged and sorted. */
export function policyDocument(statements: readonly PolicyStatement[]): PolicyDocument {
  return { Version: "2012-10-17", Statement: mergeStatements(statements) };
}

/** The document as compact JSON, as IAM receives it and its size limits count it. */
export function policyJson(doc: PolicyDocument): string {
  return JSON.stringify(doc);
}
