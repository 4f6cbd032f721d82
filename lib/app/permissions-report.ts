/**
 * `permissions.md`: what each role of a stack can do, in plain words and a table, so that a
 * reviewer sees in a pull request what a config change does to the role.
 */
import { SUBMITTER_ACTIONS } from "../core/grants";
import { ACTIONS, MEDIACONVERT_SERVICE_PRINCIPAL } from "../core/policies";
import { Conditions, PolicyDocument, PolicyStatement } from "../core/policy-document";
import { DEPLOYING_ACCOUNT, RolePermissions } from "../core/role";
import type { ObjectOwnership } from "../core/resource-policies";
import { adoptionNote } from "./messages";
import { RESOURCE_POLICIES_FILE, stackResourcePolicies } from "./resource-policies-file";

const ACTION_WORDS: Record<string, string> = {
  [ACTIONS.kmsDecrypt]: "decrypt with the key",
  [ACTIONS.kmsEncrypt]: "encrypt with the key",
  [ACTIONS.kmsGenerateDataKey]: "make data keys to encrypt with the key",
  [ACTIONS.s3GetObject]: "read objects",
  [ACTIONS.s3PutObject]: "write objects",
  [ACTIONS.s3PutObjectAcl]: "set object ACLs",
  [ACTIONS.s3ListBucket]: "list the bucket",
  [ACTIONS.s3GetBucketLocation]: "look up the bucket's region",
  [ACTIONS.apiInvoke]: "call the API",
  [ACTIONS.getSecretValue]: "read the secret",
  [ACTIONS.passRole]: "pass the role",
  [SUBMITTER_ACTIONS.createJob]: "create jobs",
  [SUBMITTER_ACTIONS.getJob]: "read jobs",
  [SUBMITTER_ACTIONS.listJobs]: "list jobs",
};

const MANAGED_POLICY_WORDS: Record<string, string> = {
  AmazonS3FullAccess: "every S3 action on every bucket and object it can reach, in any account whose bucket policy allows it (s3:*, s3-object-lambda:* on *)",
  AmazonAPIGatewayInvokeFullAccess: "invoke every API Gateway API (execute-api:Invoke, execute-api:ManageConnections)",
};

/** A Markdown code span that shows the value exactly, backticks included. */
const code = (value: string): string => {
  const longestRun = Math.max(0, ...(value.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longestRun + 1);
  return longestRun > 0 ? `${fence} ${value} ${fence}` : `${fence}${value}${fence}`;
};
/** Text for a table cell: pipes escaped, on one line. */
const cell = (value: string): string => value.replace(/\|/g, "\\|").replace(/\n/g, " ");

function describeConditions(condition: Conditions | undefined): string {
  if (!condition) return "always";
  return Object.entries(condition)
    .flatMap(([operator, entries]) =>
      Object.entries(entries).map(([key, value]) => {
        const values = typeof value === "string" ? [value] : value;
        return `${key} ${operator} ${values.map(code).join(" or ")}`;
      }),
    )
    .join("; and ");
}

function statementRows(doc: PolicyDocument): string[] {
  return doc.Statement.map((s: PolicyStatement) => {
    const resources = (s.Resource ?? ["*"]).map(code).join("<br>");
    const actions = s.Action.map(code).join("<br>");
    return `| ${s.Effect} | ${cell(actions)} | ${cell(resources)} | ${cell(describeConditions(s.Condition))} |`;
  });
}

function plainWords(doc: PolicyDocument): string[] {
  return doc.Statement.map((s) => {
    const what = s.Action.map((a) => ACTION_WORDS[a] ?? a).join(", ");
    const on = (s.Resource ?? ["*"]).map(code).join(", ");
    const when = s.Condition ? ` (only when ${describeConditions(s.Condition)})` : "";
    return `- May ${what} on ${on}${when}.`;
  });
}

/** Which account the confused-deputy conditions pin, in words. */
function trustedAccountWords(account: string | undefined): string[] {
  if (account === undefined) return [];
  if (account === DEPLOYING_ACCOUNT) {
    return [
      "",
      "The conditions pin the deploying account: no account id is set, so Terraform reads the account of the credentials it runs with (`data.aws_caller_identity`) and the trust policy names that account.",
    ];
  }
  return ["", `The conditions pin account ${code(account)}.`];
}

function roleSection(p: RolePermissions): string[] {
  const trust = p.trust.Statement[0];
  const managedName = (arn: string) => arn.slice(arn.lastIndexOf("/") + 1);
  const lines = [
    `## ${p.roleName}`,
    "",
    `Access: **${p.access}**${p.access === "full" ? " (the console's role: AWS managed full-access policies)" : " (only what the config declares)"}.`,
    "",
    "### Who can assume it",
    "",
    `Only the MediaConvert service (${code(MEDIACONVERT_SERVICE_PRINCIPAL)}), ${
      trust?.Condition ? `and only when ${describeConditions(trust.Condition)}.` : "for any account (no confused-deputy conditions)."
    }`,
    ...trustedAccountWords(p.trustedAccount),
    "",
    "### What it can do",
    "",
  ];
  const words = [
    ...p.managedPolicyArns.map(
      (arn) => `- Through the AWS managed policy ${code(managedName(arn))}: ${MANAGED_POLICY_WORDS[managedName(arn)] ?? "see the policy"}.`,
    ),
    ...p.inlinePolicies.flatMap((i) => plainWords(i.document)),
  ];
  lines.push(...(words.length > 0 ? words : ["- Nothing: no policy is attached."]), "");
  lines.push("| Effect | Actions | Resources | Condition |", "| --- | --- | --- | --- |");
  for (const arn of p.managedPolicyArns) lines.push(`| Allow | managed policy ${cell(code(managedName(arn)))} | ${cell(code(arn))} | always |`);
  for (const inline of p.inlinePolicies) lines.push(...statementRows(inline.document));
  lines.push("");
  if (p.permissionsBoundary) lines.push(`Permissions boundary: ${code(p.permissionsBoundary)} (the role can do at most what it allows).`, "");
  if (p.passRolePolicy) {
    lines.push(
      "### Who may pass it",
      "",
      `A customer managed policy, to attach to the identities that submit jobs, allows ${code(ACTIONS.passRole)} on this role only, and only to ${code(MEDIACONVERT_SERVICE_PRINCIPAL)} (iam:PassedToService).`,
      "",
    );
  }
  if (p.jobSubmitters) {
    const { submitters, document } = p.jobSubmitters;
    const who = [
      ...(submitters.roles ?? []).map((n) => `role ${code(n)}`),
      ...(submitters.users ?? []).map((n) => `user ${code(n)}`),
      ...(submitters.groups ?? []).map((n) => `group ${code(n)}`),
    ];
    lines.push(
      "### Who may submit jobs",
      "",
      `A customer managed policy, attached to ${who.length > 0 ? who.join(", ") : "no identity yet (attach it yourself)"}, allows:`,
      "",
      ...plainWords(document),
      "",
      "| Effect | Actions | Resources | Condition |",
      "| --- | --- | --- | --- |",
      ...statementRows(document),
      "",
    );
  }
  if (p.adoption) {
    lines.push(
      "### Adoption",
      "",
      adoptionNote(p.roleName, p.adoption.imports.length, p.adoption.exclusiveAttachments, p.inlinePolicies.map((i) => i.name)),
      "",
      "| Imported into | Import id |",
      "| --- | --- |",
      ...p.adoption.imports.map((i) => `| ${cell(code(i.to))} | ${cell(code(i.id))} |`),
      "",
    );
  }
  for (const warning of p.warnings) lines.push(`> Warning: ${warning}`, "");
  return lines;
}

const OWNERSHIP_WORDS: Record<ObjectOwnership, string> = {
  BucketOwnerEnforced:
    "Object Ownership **bucket owner enforced**: the bucket's owner owns every object the roles write, and ACLs are off (the roles set none).",
  BucketOwnerPreferred:
    "Object Ownership **bucket owner preferred**: a role sets a canned ACL (`allowAcl`), which a bucket with ACLs off refuses; with `bucket-owner-full-control` the owner then owns the objects. Without ACLs in the jobs, prefer bucket owner enforced and drop `allowAcl`.",
};

/** What other accounts must add (`resource-policies.json`), and what the report cannot see. */
function resourcePoliciesSection(roles: readonly RolePermissions[]): string[] {
  const other = stackResourcePolicies(roles);
  const bucketNames = Object.keys(other.buckets);
  const keyArns = Object.keys(other.keys);
  const lines = ["## What other accounts must add (resource-policies.json)", ""];
  if (bucketNames.length === 0 && keyArns.length === 0) {
    lines.push("Nothing: every bucket is pinned to its role's account, and every key is of that account.", "");
  } else {
    lines.push(
      `${code(RESOURCE_POLICIES_FILE)}, next to this file, holds the statements the owners of these buckets and keys must add to their bucket and key policies: IAM lets a role into another account's bucket or key only when both the role's policy and the resource's policy allow it.`,
      "",
    );
  }
  for (const bucket of bucketNames) {
    const entry = other.buckets[bucket];
    lines.push(`### Bucket ${code(bucket)} (account ${code(entry.account)})`, "");
    if (entry.objectOwnership !== undefined) lines.push(OWNERSHIP_WORDS[entry.objectOwnership], "");
    lines.push("| Effect | Principal | Actions | Resources | Condition |", "| --- | --- | --- | --- | --- |", ...principalRows(entry.policy), "");
  }
  for (const keyArn of keyArns) {
    const entry = other.keys[keyArn];
    lines.push(`### Key ${code(keyArn)} (account ${code(entry.account)})`, "");
    lines.push("| Effect | Principal | Actions | Resources | Condition |", "| --- | --- | --- | --- | --- |", ...principalRows(entry.policy), "");
  }
  const sameAccountKeys = roles.flatMap((r) => r.resourcePolicies.keys.filter((k) => k.account === r.account).map((k) => k.keyArn));
  if (sameAccountKeys.length > 0) {
    lines.push(
      `Keys of the role's own account (${[...new Set(sameAccountKeys)].map(code).join(", ")}) need no key policy statement when their key policy has the account-root statement (the default key policy has it), so that IAM policies decide. Synth cannot see key policies: if one lacks that statement, add the key's statements for the role (\`MediaConvertRole.resourcePolicies\`, or the module's \`key_policy_statements\`).`,
      "",
    );
  }
  const anyOwner = roles.flatMap((r) => r.resourcePolicies.buckets.filter((b) => b.owner === undefined).map((b) => b.bucket));
  if (anyOwner.length > 0) {
    lines.push(
      `Not pinned to an owner (\`bucketOwner: "any"\`): ${[...new Set(anyOwner)].map(code).join(", ")}. The roles reach these buckets whoever owns them; if one is another account's, its owner must add the role's statements too.`,
      "",
    );
  }
  return lines;
}

/** Table rows of a resource policy's statements, with their principals. */
function principalRows(doc: PolicyDocument): string[] {
  return doc.Statement.map((s) => {
    const principals = Object.values(s.Principal ?? {}).flatMap((v) => (typeof v === "string" ? [v] : [...v]));
    const row = statementRows({ Version: doc.Version, Statement: [s] })[0];
    return `| ${s.Effect} | ${cell(principals.map(code).join("<br>"))} |${row.slice(`| ${s.Effect} |`.length)}`;
  });
}

/** Who deploys the stack: the identity Terraform runs as, and what `deployer-policy.json` grants it. */
export interface DeployerReport {
  /** The deployer's policy (`deployer-policy.json`). */
  readonly policy: PolicyDocument;
  /** The role the provider assumes (`assumeRole.roleArn`), when the stack sets one. */
  readonly assumedRoleArn?: string;
}

function deployerSection(deployer: DeployerReport): string[] {
  const who = deployer.assumedRoleArn
    ? `The AWS provider assumes ${code(deployer.assumedRoleArn)}: attach the policy to that role. The credentials Terraform starts with (a CI job's) need only ${code("sts:AssumeRole")} on it, and its trust policy must let them.`
    : "Attach the policy to the identity that runs `terraform plan` and `terraform apply` for this stack (a CI role, say).";
  return [
    "## Who may deploy it (deployer-policy.json)",
    "",
    `${code("deployer-policy.json")}, next to this file, is the least-privilege IAM policy for planning, applying and destroying exactly this stack: the IAM calls the AWS provider 5.100.0 makes for its roles, attachments, inline policies and pass-role policies, on the ARNs of this stack's roles (with their paths) and pass-role policies only. It holds no ${code(ACTIONS.passRole)} (no role is handed to a service) and attaches only the managed policies the config names (${code("iam:PolicyARN")} condition).`,
    "",
    who,
    "",
    "While an apply removes or renames a role, or drops its pass-role policy, the deployer also needs the previous deployer-policy.json (the old ARNs): keep both attached until that apply is done. A state backend (S3, DynamoDB, HCP Terraform) needs its own permissions, which this policy does not cover.",
    "",
    "| Effect | Actions | Resources | Condition |",
    "| --- | --- | --- | --- |",
    ...statementRows(deployer.policy),
    "",
  ];
}

/** The report of one stack; with `deployer`, also who may deploy it. */
export function permissionsReport(
  stackName: string,
  region: string,
  accountId: string | undefined,
  roles: readonly RolePermissions[],
  deployer?: DeployerReport,
): string {
  const lines = [
    `# Permissions of stack ${stackName}`,
    "",
    `Region ${region}, account ${accountId ?? "not set"}. Generated by synth from the config; do not edit.`,
    "",
    ...roles.flatMap(roleSection),
    ...resourcePoliciesSection(roles),
    ...(deployer ? deployerSection(deployer) : []),
  ];
  return `${lines.join("\n").trimEnd()}\n`;
}
