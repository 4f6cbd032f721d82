/**
 * A local IAM endpoint for `terraform apply` in the tests: an HTTP server on 127.0.0.1 (a random
 * port) that speaks IAM's Query protocol (form-encoded `Action=...&Version=2010-05-08`, XML answers
 * in IAM's namespace, IAM's error XML and codes) and keeps roles, their attached and inline
 * policies, and customer managed policies with versions in memory.
 *
 * It implements what the AWS provider 5.100.0 calls to create, read, update, import and destroy
 * the resources this project synthesizes (see IMPLEMENTED_ACTIONS); any other action is answered
 * with IAM's `InvalidAction` error naming it, and listed by `unknownActions()`, so a test fails on
 * it instead of reading a half-done apply. It behaves like IAM where a plan or an apply would see
 * the difference: role and policy names are unique regardless of case, documents must be JSON
 * with a Statement, a role's inline policies count at most 10,240 characters together (white space
 * not counted), a role with policies cannot be deleted, documents come back URL-encoded. Every
 * answer is final at once (no eventual consistency).
 *
 * IAM is global, one per partition: the partition of a request is read from the region its
 * signature names (`cn-*` is aws-cn, `us-gov-*` aws-us-gov, any other aws), so stacks of aws-cn
 * and aws-us-gov get roles with their partition in the ARN, each partition its own roles and
 * policies. (With its IAM endpoint overridden, the AWS provider 5.100.0 signs IAM requests for the
 * stack's region, e.g. eu-west-1, not for us-east-1.) Every request is recorded (`calls()`): the
 * action, the role or policy it names (with its ARN), the caller's access key, the error code.
 */
import { randomBytes, randomUUID } from "crypto";
import * as http from "http";
import { OFFLINE_CALLER_ACCOUNT_ID } from "./offline-sts";

/** IAM's XML namespace and API version. */
const XMLNS = "https://iam.amazonaws.com/doc/2010-05-08/";
const API_VERSION = "2010-05-08";

/** The AWS managed policies every partition has (the two the MediaConvert console attaches). */
export const AWS_MANAGED_POLICY_DOCUMENTS: Readonly<Record<string, unknown>> = {
  AmazonS3FullAccess: {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: ["s3:*", "s3-object-lambda:*"], Resource: "*" }],
  },
  AmazonAPIGatewayInvokeFullAccess: {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: ["execute-api:Invoke", "execute-api:ManageConnections"], Resource: "arn:aws:execute-api:*:*:*" }],
  },
};

/** IAM's quotas the endpoint enforces (IAM User Guide, "IAM and AWS STS quotas"). */
export const IAM_LIMITS = {
  /** Aggregate size of a role's inline policies, white space not counted. */
  inlinePolicyCharactersPerRole: 10_240,
  /** Managed policies attached to one role (the default quota). */
  managedPoliciesPerRole: 10,
  /** Length of a role's trust policy (the default quota). */
  trustPolicyCharacters: 2_048,
  /** Versions of one managed policy. */
  versionsPerPolicy: 5,
} as const;

/** The actions the endpoint answers. */
export const IMPLEMENTED_ACTIONS = [
  "CreateRole", "GetRole", "UpdateRole", "UpdateRoleDescription", "UpdateAssumeRolePolicy", "DeleteRole",
  "TagRole", "UntagRole", "ListRoleTags", "PutRolePermissionsBoundary", "DeleteRolePermissionsBoundary",
  "ListInstanceProfilesForRole", "ListAttachedRolePolicies", "AttachRolePolicy", "DetachRolePolicy",
  "ListRolePolicies", "PutRolePolicy", "GetRolePolicy", "DeleteRolePolicy",
  "CreatePolicy", "GetPolicy", "DeletePolicy", "TagPolicy", "UntagPolicy", "ListPolicyTags",
  "GetPolicyVersion", "ListPolicyVersions", "CreatePolicyVersion", "DeletePolicyVersion",
] as const;

/** One request the endpoint answered. */
export interface IamCall {
  /** The Query API action, e.g. `CreateRole`. */
  readonly action: string;
  /** The partition the request was signed for (from signingRegion). */
  readonly partition: string;
  /** The region the request's signature names. */
  readonly signingRegion: string;
  /** The access key id the request was signed with. */
  readonly caller: string;
  /** The role the request names (RoleName). */
  readonly roleName?: string;
  /** The ARN of that role (of the role as it exists, or as CreateRole makes it; path `/` when unknown). */
  readonly roleArn?: string;
  /** The permissions boundary that role had when the call came (what IAM's `iam:PermissionsBoundary` key is for actions on it). */
  readonly roleBoundary?: string;
  /** The managed policy the request names: PolicyArn, or the ARN CreatePolicy makes. */
  readonly policyArn?: string;
  /** The inline policy the request names (PolicyName of a role policy). */
  readonly policyName?: string;
  /** The request's form parameters (Action and Version included). */
  readonly params: Readonly<Record<string, string>>;
  /** IAM's error code, when the request failed. */
  readonly error?: string;
}

type MutableCall = { -readonly [K in keyof IamCall]: IamCall[K] };

/** A role as the endpoint holds it, documents parsed. */
export interface RoleState {
  readonly name: string;
  readonly path: string;
  readonly arn: string;
  readonly roleId: string;
  readonly description?: string;
  readonly maxSessionDuration: number;
  readonly permissionsBoundary?: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly trustPolicy: unknown;
  /** ARNs of the attached managed policies, sorted. */
  readonly attachedPolicyArns: readonly string[];
  /** Inline policy documents by policy name. */
  readonly inlinePolicies: Readonly<Record<string, unknown>>;
}

/** A customer managed policy as the endpoint holds it, the default version's document parsed. */
export interface PolicyState {
  readonly name: string;
  readonly path: string;
  readonly arn: string;
  readonly description?: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly document: unknown;
  readonly versionIds: readonly string[];
  readonly defaultVersionId: string;
}

/** What one partition of the endpoint holds: roles by name, customer managed policies by name (AWS managed ones are not listed). */
export interface IamState {
  readonly roles: Readonly<Record<string, RoleState>>;
  readonly policies: Readonly<Record<string, PolicyState>>;
}

/** A role to put into the endpoint before a test (one that exists "live"). */
export interface SeedRole {
  readonly name: string;
  /** @default "/" */
  readonly path?: string;
  readonly description?: string;
  /** @default 3600 */
  readonly maxSessionDuration?: number;
  readonly permissionsBoundary?: string;
  readonly tags?: Readonly<Record<string, string>>;
  /** The trust policy, as an object or as JSON text. */
  readonly trustPolicy: unknown;
  readonly attachedPolicyArns?: readonly string[];
  /** Inline policies by name, as objects or JSON text. */
  readonly inlinePolicies?: Readonly<Record<string, unknown>>;
}

/** A customer managed policy to put into the endpoint before a test. */
export interface SeedPolicy {
  readonly name: string;
  /** @default "/" */
  readonly path?: string;
  readonly description?: string;
  readonly document: unknown;
}

/** Options of `startIamEndpoint`. */
export interface IamEndpointOptions {
  /** The account every partition's roles and policies belong to. @default OFFLINE_CALLER_ACCOUNT_ID */
  readonly accountId?: string;
}

interface Role {
  name: string;
  path: string;
  arn: string;
  roleId: string;
  createDate: string;
  description?: string;
  maxSessionDuration: number;
  permissionsBoundary?: string;
  tags: Map<string, string>;
  trustPolicy: string;
  attached: string[];
  inline: Map<string, { name: string; document: string }>;
}

interface PolicyVersion {
  id: string;
  document: string;
  createDate: string;
}

interface Policy {
  name: string;
  path: string;
  arn: string;
  policyId: string;
  createDate: string;
  updateDate: string;
  description?: string;
  tags: Map<string, string>;
  versions: PolicyVersion[];
  defaultVersionId: string;
  nextVersion: number;
  awsManaged: boolean;
}

/**
 * One partition's IAM: roles and customer managed policies by lower-cased name (names are unique
 * regardless of case), AWS managed policies by ARN.
 */
interface Partition {
  readonly name: string;
  readonly roles: Map<string, Role>;
  readonly policies: Map<string, Policy>;
  readonly awsManaged: Map<string, Policy>;
}

/** An IAM error answer. */
class IamError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly type: "Sender" | "Receiver" = "Sender",
  ) {
    super(message);
  }
}

const noSuchRole = (name: string) => new IamError("NoSuchEntity", `The role with name ${name} cannot be found.`, 404);
const noSuchPolicy = (arn: string) => new IamError("NoSuchEntity", `Policy ${arn} does not exist or is not attachable.`, 404);
const validation = (message: string) => new IamError("ValidationError", message, 400);

const escapeXml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!);

/** `<Name>value</Name>`, or nothing for an undefined value. */
const el = (name: string, value: string | number | boolean | undefined): string =>
  value === undefined ? "" : `<${name}>${escapeXml(String(value))}</${name}>`;

/** IAM returns policy documents URL-encoded (RFC 3986). */
const encodeDocument = (document: string): string => encodeURIComponent(document);

/** Upper-case letters and digits, as IAM's unique ids have them. */
function uniqueId(prefix: string): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  return prefix + [...randomBytes(17)].map((b) => alphabet[b % alphabet.length]).join("");
}

const now = (): string => new Date().toISOString();

/** The partition of a signing region. */
export function partitionOfSigningRegion(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

/** Checks a policy document as IAM does before it stores one: JSON, an object, with a Statement. */
function checkDocument(text: string | undefined, parameter: string): string {
  if (text === undefined || text === "") throw validation(`1 validation error detected: Value null at '${parameter}' failed to satisfy constraint: Member must not be null`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new IamError("MalformedPolicyDocument", "Syntax errors in policy.", 400);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new IamError("MalformedPolicyDocument", "Syntax errors in policy.", 400);
  if (!("Statement" in parsed)) throw new IamError("MalformedPolicyDocument", "Missing required field Statement", 400);
  return text;
}

/** The characters IAM counts against the inline-policy quota: white space is not counted. */
const countedCharacters = (document: string): number => document.replace(/\s/g, "").length;

/** `Tags.member.N.Key/Value` of a request. */
function tagsOf(params: URLSearchParams): Map<string, string> {
  const tags = new Map<string, string>();
  for (let i = 1; params.has(`Tags.member.${i}.Key`); i++) tags.set(params.get(`Tags.member.${i}.Key`)!, params.get(`Tags.member.${i}.Value`) ?? "");
  return tags;
}

/** `<Name>.member.N` of a request. */
function listOf(params: URLSearchParams, name: string): string[] {
  const values: string[] = [];
  for (let i = 1; params.has(`${name}.member.${i}`); i++) values.push(params.get(`${name}.member.${i}`)!);
  return values;
}

const tagsXml = (tags: Map<string, string>): string =>
  `<Tags>${[...tags].map(([k, v]) => `<member>${el("Key", k)}${el("Value", v)}</member>`).join("")}</Tags>`;

function roleXml(role: Role, withLastUsed: boolean): string {
  return [
    "<Role>",
    el("Path", role.path),
    el("RoleName", role.name),
    el("RoleId", role.roleId),
    el("Arn", role.arn),
    el("CreateDate", role.createDate),
    el("AssumeRolePolicyDocument", encodeDocument(role.trustPolicy)),
    el("Description", role.description),
    el("MaxSessionDuration", role.maxSessionDuration),
    role.permissionsBoundary === undefined
      ? ""
      : `<PermissionsBoundary>${el("PermissionsBoundaryType", "Policy")}${el("PermissionsBoundaryArn", role.permissionsBoundary)}</PermissionsBoundary>`,
    role.tags.size > 0 ? tagsXml(role.tags) : "",
    withLastUsed ? "<RoleLastUsed/>" : "",
    "</Role>",
  ].join("");
}

function policyXml(policy: Policy, attachments: number, withDescription: boolean): string {
  return [
    "<Policy>",
    el("PolicyName", policy.name),
    el("PolicyId", policy.policyId),
    el("Arn", policy.arn),
    el("Path", policy.path),
    el("DefaultVersionId", policy.defaultVersionId),
    el("AttachmentCount", attachments),
    el("PermissionsBoundaryUsageCount", 0),
    el("IsAttachable", true),
    withDescription ? el("Description", policy.description) : "",
    el("CreateDate", policy.createDate),
    el("UpdateDate", policy.updateDate),
    policy.tags.size > 0 ? tagsXml(policy.tags) : "",
    "</Policy>",
  ].join("");
}

function versionXml(policy: Policy, version: PolicyVersion, withDocument: boolean): string {
  return [
    withDocument ? el("Document", encodeDocument(version.document)) : "",
    el("VersionId", version.id),
    el("IsDefaultVersion", version.id === policy.defaultVersionId),
    el("CreateDate", version.createDate),
  ].join("");
}

const parseDocument = (text: string): unknown => JSON.parse(text) as unknown;
const documentText = (document: unknown): string => (typeof document === "string" ? document : JSON.stringify(document));

/** A running local IAM endpoint; see the file's comment. */
export class LocalIamEndpoint {
  private readonly partitions = new Map<string, Partition>();
  private readonly recorded: IamCall[] = [];
  private readonly unknown = new Set<string>();
  private server?: http.Server;
  private baseUrl = "";

  constructor(public readonly accountId: string = OFFLINE_CALLER_ACCOUNT_ID) {}

  /** The endpoint's URL, `http://127.0.0.1:<port>`, once started. */
  public get url(): string {
    return this.baseUrl;
  }

  /** Listens on 127.0.0.1, on a port the system picks; the server does not keep the process alive. */
  public async start(): Promise<this> {
    const server = http.createServer((request, response) => this.serve(request, response));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => resolve());
    });
    server.unref();
    const address = server.address();
    this.baseUrl = typeof address === "object" && address ? `http://127.0.0.1:${address.port}` : "";
    return this;
  }

  /** Stops listening (and closes kept-alive connections). */
  public async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Every request answered, oldest first. */
  public calls(): readonly IamCall[] {
    return [...this.recorded];
  }

  /** The actions asked for that the endpoint does not implement, sorted. */
  public unknownActions(): string[] {
    return [...this.unknown].sort();
  }

  /** What a partition holds, documents parsed. */
  public state(partition = "aws"): IamState {
    const p = this.partition(partition);
    const roles: Record<string, RoleState> = {};
    for (const role of p.roles.values()) {
      roles[role.name] = {
        name: role.name,
        path: role.path,
        arn: role.arn,
        roleId: role.roleId,
        ...(role.description !== undefined ? { description: role.description } : {}),
        maxSessionDuration: role.maxSessionDuration,
        ...(role.permissionsBoundary !== undefined ? { permissionsBoundary: role.permissionsBoundary } : {}),
        tags: Object.fromEntries(role.tags),
        trustPolicy: parseDocument(role.trustPolicy),
        attachedPolicyArns: [...role.attached].sort(),
        inlinePolicies: Object.fromEntries([...role.inline.values()].map((i) => [i.name, parseDocument(i.document)])),
      };
    }
    const policies: Record<string, PolicyState> = {};
    for (const policy of p.policies.values()) {
      policies[policy.name] = {
        name: policy.name,
        path: policy.path,
        arn: policy.arn,
        ...(policy.description !== undefined ? { description: policy.description } : {}),
        tags: Object.fromEntries(policy.tags),
        document: parseDocument(this.defaultVersion(policy).document),
        versionIds: policy.versions.map((v) => v.id),
        defaultVersionId: policy.defaultVersionId,
      };
    }
    return { roles, policies };
  }

  /** Puts a role into a partition, as if it had been made outside Terraform. */
  public seedRole(seed: SeedRole, partition = "aws"): RoleState {
    const p = this.partition(partition);
    const role = this.createRole(p, {
      name: seed.name,
      path: seed.path ?? "/",
      description: seed.description,
      maxSessionDuration: seed.maxSessionDuration ?? 3600,
      permissionsBoundary: seed.permissionsBoundary,
      tags: new Map(Object.entries(seed.tags ?? {})),
      trustPolicy: checkDocument(documentText(seed.trustPolicy), "assumeRolePolicyDocument"),
    });
    for (const arn of seed.attachedPolicyArns ?? []) this.attach(p, role, arn);
    for (const [name, document] of Object.entries(seed.inlinePolicies ?? {})) this.putRolePolicy(role, name, checkDocument(documentText(document), "policyDocument"));
    return this.state(partition).roles[role.name];
  }

  /** Puts a customer managed policy into a partition; returns its ARN. */
  public seedPolicy(seed: SeedPolicy, partition = "aws"): string {
    return this.createPolicy(this.partition(partition), seed.name, seed.path ?? "/", seed.description, checkDocument(documentText(seed.document), "policyDocument"), new Map()).arn;
  }

  // -------------------------------------------------------------------------------------------
  // HTTP

  private serve(request: http.IncomingMessage, response: http.ServerResponse): void {
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => (body += chunk));
    request.on("end", () => {
      const params = new URLSearchParams(body);
      const { caller, region } = signatureOf(request.headers.authorization);
      const partition = this.partition(partitionOfSigningRegion(region));
      const action = params.get("Action") ?? "";
      const call: MutableCall = { action, partition: partition.name, signingRegion: region, caller, params: Object.fromEntries(params) };
      const requestId = randomUUID();
      let status = 200;
      let xml: string;
      try {
        xml = this.answer(partition, action, params, call, requestId);
      } catch (thrown) {
        // A fault of the endpoint itself is answered too (and recorded), never thrown out of the server.
        const e = thrown instanceof IamError ? thrown : new IamError("InternalFailure", `The local IAM endpoint failed: ${String(thrown)}`, 500, "Receiver");
        call.error = e.code;
        status = e.status;
        xml = [
          `<ErrorResponse xmlns="${XMLNS}">`,
          `<Error>${el("Type", e.type)}${el("Code", e.code)}${el("Message", e.message)}</Error>`,
          el("RequestId", requestId),
          "</ErrorResponse>",
        ].join("");
      }
      this.recorded.push(call);
      response.writeHead(status, { "Content-Type": "text/xml", "x-amzn-RequestId": requestId });
      response.end(xml);
    });
  }

  /** The XML answer to one action; throws an IamError for IAM's error answers. */
  private answer(p: Partition, action: string, params: URLSearchParams, call: MutableCall, requestId: string): string {
    if (!(IMPLEMENTED_ACTIONS as readonly string[]).includes(action)) {
      this.unknown.add(action || "(no Action)");
      throw new IamError("InvalidAction", `Could not find operation ${action} for version ${API_VERSION} (the local IAM endpoint of the tests does not implement it).`, 400);
    }
    if (params.get("Version") !== API_VERSION) throw validation(`Version ${String(params.get("Version"))} is not ${API_VERSION}.`);
    const required = (name: string): string => {
      const value = params.get(name);
      if (value === null || value === "") throw validation(`1 validation error detected: Value null at '${name[0].toLowerCase()}${name.slice(1)}' failed to satisfy constraint: Member must not be null`);
      return value;
    };
    const roleName = params.get("RoleName") ?? undefined;
    if (roleName !== undefined) {
      const existing = p.roles.get(roleName.toLowerCase());
      call.roleName = roleName;
      call.roleArn = existing?.arn ?? this.roleArn(p, roleName, action === "CreateRole" ? (params.get("Path") ?? "/") : "/");
      if (existing?.permissionsBoundary !== undefined) call.roleBoundary = existing.permissionsBoundary;
    }
    const policyArn = params.get("PolicyArn") ?? undefined;
    if (policyArn !== undefined) call.policyArn = policyArn;
    const policyName = params.get("PolicyName") ?? undefined;
    if (policyName !== undefined && action !== "CreatePolicy") call.policyName = policyName;
    const role = (): Role => {
      const found = p.roles.get(required("RoleName").toLowerCase());
      if (!found) throw noSuchRole(required("RoleName"));
      return found;
    };
    const policy = (): Policy => {
      const arn = required("PolicyArn");
      const found = this.policyByArn(p, arn);
      if (!found) throw new IamError("NoSuchEntity", `Policy ${arn} was not found.`, 404);
      return found;
    };
    const respond = (result?: string): string =>
      [
        `<${action}Response xmlns="${XMLNS}">`,
        result === undefined ? "" : `<${action}Result>${result}</${action}Result>`,
        `<ResponseMetadata>${el("RequestId", requestId)}</ResponseMetadata>`,
        `</${action}Response>`,
      ].join("");
    const unpaged = (list: string, name: string) => `<${name}>${list}</${name}><IsTruncated>false</IsTruncated>`;

    switch (action) {
      case "CreateRole": {
        const path = params.get("Path") ?? "/";
        checkPath(path);
        const boundary = params.get("PermissionsBoundary") ?? undefined;
        if (boundary !== undefined && !this.policyByArn(p, boundary)) throw noSuchPolicy(boundary);
        const created = this.createRole(p, {
          name: required("RoleName"),
          path,
          description: params.get("Description") ?? undefined,
          maxSessionDuration: params.has("MaxSessionDuration") ? checkSessionDuration(params.get("MaxSessionDuration")!) : 3600,
          permissionsBoundary: boundary,
          tags: tagsOf(params),
          trustPolicy: checkTrustPolicy(required("AssumeRolePolicyDocument")),
        });
        call.roleArn = created.arn;
        return respond(roleXml(created, false));
      }
      case "GetRole":
        return respond(roleXml(role(), true));
      case "UpdateRole": {
        const r = role();
        const duration = params.has("MaxSessionDuration") ? checkSessionDuration(params.get("MaxSessionDuration")!) : r.maxSessionDuration;
        if (params.has("Description")) r.description = params.get("Description") || undefined;
        r.maxSessionDuration = duration;
        return respond("");
      }
      case "UpdateRoleDescription": {
        const r = role();
        r.description = params.get("Description") || undefined;
        return respond(roleXml(r, false));
      }
      case "UpdateAssumeRolePolicy":
        role().trustPolicy = checkTrustPolicy(required("PolicyDocument"));
        return respond();
      case "DeleteRole": {
        const r = role();
        if (r.attached.length > 0) throw new IamError("DeleteConflict", "Cannot delete entity, must detach all policies first.", 409);
        if (r.inline.size > 0) throw new IamError("DeleteConflict", "Cannot delete entity, must delete policies first.", 409);
        p.roles.delete(r.name.toLowerCase());
        return respond();
      }
      case "TagRole": {
        const r = role();
        const tags = new Map([...r.tags, ...tagsOf(params)]);
        if (tags.size > 50) throw new IamError("LimitExceeded", "Cannot exceed quota for TagsPerRole: 50.", 409);
        r.tags = tags;
        return respond();
      }
      case "UntagRole": {
        const r = role();
        for (const key of listOf(params, "TagKeys")) r.tags.delete(key);
        return respond();
      }
      case "ListRoleTags":
        return respond(unpaged([...role().tags].map(([k, v]) => `<member>${el("Key", k)}${el("Value", v)}</member>`).join(""), "Tags"));
      case "PutRolePermissionsBoundary": {
        const r = role();
        const boundary = required("PermissionsBoundary");
        if (!this.policyByArn(p, boundary)) throw noSuchPolicy(boundary);
        r.permissionsBoundary = boundary;
        return respond();
      }
      case "DeleteRolePermissionsBoundary": {
        const r = role();
        if (r.permissionsBoundary === undefined) throw new IamError("NoSuchEntity", `The role with name ${r.name} has no permissions boundary.`, 404);
        r.permissionsBoundary = undefined;
        return respond();
      }
      case "ListInstanceProfilesForRole":
        role();
        return respond(unpaged("", "InstanceProfiles"));
      case "ListAttachedRolePolicies": {
        const prefix = params.get("PathPrefix") ?? "/";
        const members = role()
          .attached.map((arn) => this.policyByArn(p, arn)!)
          .filter((m) => m.path.startsWith(prefix))
          .map((m) => `<member>${el("PolicyName", m.name)}${el("PolicyArn", m.arn)}</member>`);
        return respond(unpaged(members.join(""), "AttachedPolicies"));
      }
      case "AttachRolePolicy":
        this.attach(p, role(), required("PolicyArn"));
        return respond();
      case "DetachRolePolicy": {
        const r = role();
        const arn = required("PolicyArn");
        if (!r.attached.includes(arn)) throw new IamError("NoSuchEntity", `Policy ${arn} was not found.`, 404);
        r.attached = r.attached.filter((a) => a !== arn);
        return respond();
      }
      case "ListRolePolicies":
        return respond(unpaged([...role().inline.values()].map((i) => el("member", i.name)).sort().join(""), "PolicyNames"));
      case "PutRolePolicy": {
        const r = role();
        this.putRolePolicy(r, required("PolicyName"), checkDocument(params.get("PolicyDocument") ?? undefined, "policyDocument"));
        return respond();
      }
      case "GetRolePolicy": {
        const r = role();
        const name = required("PolicyName");
        const inline = r.inline.get(name.toLowerCase());
        if (!inline) throw new IamError("NoSuchEntity", `The role policy with name ${name} cannot be found.`, 404);
        return respond(`${el("RoleName", r.name)}${el("PolicyName", inline.name)}${el("PolicyDocument", encodeDocument(inline.document))}`);
      }
      case "DeleteRolePolicy": {
        const r = role();
        const name = required("PolicyName");
        if (!r.inline.delete(name.toLowerCase())) throw new IamError("NoSuchEntity", `The role policy with name ${name} cannot be found.`, 404);
        return respond();
      }
      case "CreatePolicy": {
        const name = required("PolicyName");
        const path = params.get("Path") ?? "/";
        checkPath(path);
        call.policyArn = this.policyArn(p, name, path);
        const created = this.createPolicy(p, name, path, params.get("Description") ?? undefined, checkDocument(params.get("PolicyDocument") ?? undefined, "policyDocument"), tagsOf(params));
        return respond(policyXml(created, 0, false));
      }
      case "GetPolicy": {
        const found = policy();
        return respond(policyXml(found, [...p.roles.values()].filter((r) => r.attached.includes(found.arn)).length, true));
      }
      case "DeletePolicy": {
        const found = policy();
        if (found.awsManaged) throw new IamError("AccessDenied", `AWS managed policy ${found.arn} cannot be deleted.`, 403);
        if ([...p.roles.values()].some((r) => r.attached.includes(found.arn))) throw new IamError("DeleteConflict", "Cannot delete a policy attached to entities.", 409);
        if (found.versions.length > 1) {
          throw new IamError("DeleteConflict", "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.", 409);
        }
        p.policies.delete(found.name.toLowerCase());
        return respond();
      }
      case "TagPolicy": {
        const found = policy();
        for (const [k, v] of tagsOf(params)) found.tags.set(k, v);
        return respond();
      }
      case "UntagPolicy": {
        const found = policy();
        for (const key of listOf(params, "TagKeys")) found.tags.delete(key);
        return respond();
      }
      case "ListPolicyTags":
        return respond(unpaged([...policy().tags].map(([k, v]) => `<member>${el("Key", k)}${el("Value", v)}</member>`).join(""), "Tags"));
      case "GetPolicyVersion": {
        const found = policy();
        const id = required("VersionId");
        const version = found.versions.find((v) => v.id === id);
        if (!version) throw new IamError("NoSuchEntity", `Policy ${found.arn} version ${id} does not exist or is not attachable.`, 404);
        return respond(`<PolicyVersion>${versionXml(found, version, true)}</PolicyVersion>`);
      }
      case "ListPolicyVersions": {
        const found = policy();
        return respond(unpaged(found.versions.map((v) => `<member>${versionXml(found, v, false)}</member>`).join(""), "Versions"));
      }
      case "CreatePolicyVersion": {
        const found = policy();
        if (found.awsManaged) throw new IamError("AccessDenied", `AWS managed policy ${found.arn} cannot be changed.`, 403);
        if (found.versions.length >= IAM_LIMITS.versionsPerPolicy) {
          throw new IamError("LimitExceeded", `A managed policy can have up to ${IAM_LIMITS.versionsPerPolicy} versions. Before you create a new version, you must delete an existing version.`, 409);
        }
        const document = checkDocument(params.get("PolicyDocument") ?? undefined, "policyDocument");
        const version = { id: `v${found.nextVersion++}`, document, createDate: now() };
        found.versions.push(version);
        if (params.get("SetAsDefault") === "true") found.defaultVersionId = version.id;
        found.updateDate = version.createDate;
        return respond(`<PolicyVersion>${versionXml(found, version, false)}</PolicyVersion>`);
      }
      case "DeletePolicyVersion": {
        const found = policy();
        const id = required("VersionId");
        if (id === found.defaultVersionId) throw new IamError("DeleteConflict", "Cannot delete the default version of a policy.", 409);
        if (!found.versions.some((v) => v.id === id)) throw new IamError("NoSuchEntity", `Policy ${found.arn} version ${id} does not exist.`, 404);
        found.versions = found.versions.filter((v) => v.id !== id);
        return respond();
      }
    }
    throw new IamError("InternalFailure", `The local IAM endpoint lists ${action} but has no answer for it.`, 500, "Receiver");
  }

  // -------------------------------------------------------------------------------------------
  // State

  private partition(name: string): Partition {
    let p = this.partitions.get(name);
    if (!p) {
      p = { name, roles: new Map(), policies: new Map(), awsManaged: new Map() };
      this.partitions.set(name, p);
      for (const [policyName, document] of Object.entries(AWS_MANAGED_POLICY_DOCUMENTS)) {
        const managed = newPolicy(policyName, "/", `arn:${name}:iam::aws:policy/${policyName}`, undefined, JSON.stringify(document), new Map());
        p.awsManaged.set(managed.arn, { ...managed, awsManaged: true });
      }
    }
    return p;
  }

  private roleArn(p: Partition, name: string, path: string): string {
    return `arn:${p.name}:iam::${this.accountId}:role${path}${name}`;
  }

  private policyArn(p: Partition, name: string, path: string): string {
    return `arn:${p.name}:iam::${this.accountId}:policy${path}${name}`;
  }

  private policyByArn(p: Partition, arn: string): Policy | undefined {
    return p.awsManaged.get(arn) ?? [...p.policies.values()].find((policy) => policy.arn === arn);
  }

  private defaultVersion(policy: Policy): PolicyVersion {
    return policy.versions.find((v) => v.id === policy.defaultVersionId)!;
  }

  private createRole(
    p: Partition,
    role: Pick<Role, "name" | "path" | "description" | "maxSessionDuration" | "permissionsBoundary" | "tags" | "trustPolicy">,
  ): Role {
    const existing = p.roles.get(role.name.toLowerCase());
    if (existing) throw new IamError("EntityAlreadyExists", `Role with name ${existing.name} already exists.`, 409);
    const created: Role = {
      ...role,
      arn: this.roleArn(p, role.name, role.path),
      roleId: uniqueId("AROA"),
      createDate: now(),
      attached: [],
      inline: new Map(),
    };
    p.roles.set(role.name.toLowerCase(), created);
    return created;
  }

  private attach(p: Partition, role: Role, arn: string): void {
    if (!this.policyByArn(p, arn)) throw noSuchPolicy(arn);
    if (role.attached.includes(arn)) return;
    if (role.attached.length >= IAM_LIMITS.managedPoliciesPerRole) {
      throw new IamError("LimitExceeded", `Cannot exceed quota for PoliciesPerRole: ${IAM_LIMITS.managedPoliciesPerRole}`, 409);
    }
    role.attached.push(arn);
  }

  private putRolePolicy(role: Role, name: string, document: string): void {
    const others = [...role.inline.values()].filter((i) => i.name.toLowerCase() !== name.toLowerCase());
    const size = [...others.map((i) => i.document), document].reduce((sum, d) => sum + countedCharacters(d), 0);
    if (size > IAM_LIMITS.inlinePolicyCharactersPerRole) {
      throw new IamError("LimitExceeded", `Maximum policy size of ${IAM_LIMITS.inlinePolicyCharactersPerRole} bytes exceeded for role ${role.name}`, 409);
    }
    const existing = role.inline.get(name.toLowerCase());
    role.inline.set(name.toLowerCase(), { name: existing?.name ?? name, document });
  }

  private createPolicy(p: Partition, name: string, path: string, description: string | undefined, document: string, tags: Map<string, string>): Policy {
    const existing = p.policies.get(name.toLowerCase());
    if (existing) throw new IamError("EntityAlreadyExists", `A policy called ${existing.name} already exists. Duplicate names are not allowed.`, 409);
    const created = newPolicy(name, path, this.policyArn(p, name, path), description, document, tags);
    p.policies.set(name.toLowerCase(), created);
    return created;
  }
}

function newPolicy(name: string, path: string, arn: string, description: string | undefined, document: string, tags: Map<string, string>): Policy {
  const date = now();
  return {
    name,
    path,
    arn,
    policyId: uniqueId("ANPA"),
    createDate: date,
    updateDate: date,
    description,
    tags,
    versions: [{ id: "v1", document, createDate: date }],
    defaultVersionId: "v1",
    nextVersion: 2,
    awsManaged: false,
  };
}

/** Starts a local IAM endpoint (stop it in afterAll). */
export function startIamEndpoint(options: IamEndpointOptions = {}): Promise<LocalIamEndpoint> {
  return new LocalIamEndpoint(options.accountId).start();
}

/** The access key and the region of a request's SigV4 `Authorization` header. */
function signatureOf(authorization: string | undefined): { caller: string; region: string } {
  const credential = /Credential=([^/,\s]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(authorization ?? "");
  return credential ? { caller: credential[1], region: credential[2] } : { caller: "(unsigned)", region: "us-east-1" };
}

function checkPath(path: string): void {
  if (!/^\/(?:[\u0021-\u007E]*\/)?$/.test(path) || path.length > 512) {
    throw validation(`The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.`);
  }
}

function checkSessionDuration(value: string): number {
  const seconds = Number(value);
  if (!Number.isInteger(seconds) || seconds < 3600 || seconds > 43200) {
    throw validation(`The requested duration for the session is invalid: ${value}. It must be between 3600 and 43200 seconds.`);
  }
  return seconds;
}

function checkTrustPolicy(text: string): string {
  const document = checkDocument(text, "assumeRolePolicyDocument");
  if (countedCharacters(document) > IAM_LIMITS.trustPolicyCharacters) {
    throw new IamError("LimitExceeded", `Cannot exceed quota for ACLSizePerRole: ${IAM_LIMITS.trustPolicyCharacters}`, 409);
  }
  return document;
}
