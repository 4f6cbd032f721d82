/**
 * Many configurations in one Terraform run: each becomes a child module of a generated root, so
 * that one `init` and one `plan` (or `validate`) serve them all, and the results are split back
 * per configuration as if each had run alone. Every Terraform process loads the AWS provider's
 * schema, which costs seconds of CPU: a batch pays that once, not once per configuration.
 */
import * as fs from "fs";
import * as path from "path";
import { hclBlocks, withoutBlocks } from "./hcl-blocks";
import { canonicalJson, record } from "./json";
import { HARNESS_FILES, OFFLINE_PROVIDER, OfflineOptions } from "./offline-override";
import { makeTempDir } from "./paths";
import { startOwnProvider } from "./provider-processes";
import { init, plan, validate } from "./terraform-commands";
import { PlanJson, RawModule, TerraformPlan, ValidateResult, validationOf } from "./terraform-plan";

/** One configuration of a batch: a name (a Terraform identifier) and the directory holding it. */
export interface BatchMember {
  readonly name: string;
  readonly dir: string;
}

/** What one batch member got: its share of the validation and of the plan. */
export interface BatchOutcome {
  readonly validation: ValidateResult;
  readonly plan: TerraformPlan;
}

/** Strips `module.<name>.` from addresses, so that a member's plan reads as if planned alone. */
function memberPlanJson(json: PlanJson, name: string, outputs: Readonly<Record<string, string>>, providers: Readonly<Record<string, string>>): PlanJson {
  const prefix = `module.${name}.`;
  const strip = (address: string) => address.slice(prefix.length);
  const rebase = (module: RawModule): RawModule => ({
    ...(module.address === `module.${name}` ? {} : { address: module.address && strip(module.address) }),
    resources: (module.resources ?? []).map((r) => ({ ...r, address: strip(r.address) })),
    child_modules: (module.child_modules ?? []).map(rebase),
  });
  const own = (json.planned_values.root_module.child_modules ?? []).find((m) => m.address === `module.${name}`) ?? {};
  const pick = <T>(from: Record<string, T> | undefined): Record<string, T> =>
    Object.fromEntries(Object.entries(outputs).flatMap(([rootName, memberName]) => (from && rootName in from ? [[memberName, from[rootName]]] : [])));
  // The member's provider configurations are root aliases, by the names the member gave them.
  const providerConfig = Object.fromEntries(
    Object.entries(providers).flatMap(([own, rootKey]) => {
      const config = json.configuration.provider_config?.[rootKey];
      return config ? [[own, config]] : [];
    }),
  );
  return {
    ...json,
    planned_values: { root_module: rebase(own), outputs: pick(json.planned_values.outputs) },
    resource_changes: (json.resource_changes ?? []).filter((c) => c.address.startsWith(prefix)).map((c) => ({ ...c, address: strip(c.address) })),
    output_changes: pick(json.output_changes),
    configuration: { ...json.configuration, provider_config: providerConfig },
  };
}

/**
 * Validates and plans several configurations with one `init`, one `plan` and one `show`: each
 * member becomes a child module of a generated root. Its backend is removed (only a root has one)
 * and its AWS provider configuration moves to the root as an alias passed to it, made offline as
 * writeOfflineOverride does (members with the same configuration share one; an `assume_role`
 * block stays, and the offline STS endpoint answers it). The results are split back per member,
 * addresses, outputs and provider arguments as if it had been planned alone. Every Terraform
 * process loads the AWS provider's schema, which costs seconds of CPU: a batch pays that twice
 * (plan, show), not twice per member. A plan validates the configuration before it plans, so its
 * diagnostics are the validation. JSON configurations (`*.tf.json`) only.
 */
export async function validateAndPlanTogether(members: readonly BatchMember[], options: OfflineOptions = {}): Promise<Map<string, BatchOutcome>> {
  const root = makeTempDir("mediaconvert-batch");
  const rootConfig = { provider: { aws: [] as Record<string, unknown>[] }, module: {} as Record<string, unknown>, output: {} as Record<string, unknown> };
  const outputsOf = new Map<string, Record<string, string>>();
  const providersOf = new Map<string, Record<string, string>>();
  // Members whose provider configurations are the same (after the offline settings) share one
  // root alias: each distinct one is a provider process of the plan, a second or more of CPU.
  const aliasOf = new Map<string, string>();
  const rootAlias = (settings: Record<string, unknown>): string => {
    const key = canonicalJson(settings);
    let alias = aliasOf.get(key);
    if (alias === undefined) {
      alias = `p${aliasOf.size}`;
      aliasOf.set(key, alias);
      rootConfig.provider.aws.push({ ...settings, alias });
    }
    return `aws.${alias}`;
  };
  for (const member of members) {
    const child = path.join(root, member.name);
    fs.mkdirSync(child);
    const outputs: Record<string, string> = {};
    const providers: Record<string, string> = {};
    for (const file of fs.readdirSync(member.dir).filter((n) => n.endsWith(".tf.json") && !HARNESS_FILES.includes(n))) {
      const doc = JSON.parse(fs.readFileSync(path.join(member.dir, file), "utf8")) as Record<string, unknown>;
      const terraformBlock = record(doc.terraform);
      delete terraformBlock.backend;
      delete terraformBlock.cloud;
      const awsConfigs = record(doc.provider).aws;
      for (const config of (Array.isArray(awsConfigs) ? awsConfigs : awsConfigs ? [awsConfigs] : []) as Record<string, unknown>[]) {
        const { alias, ...settings } = config;
        providers[alias === undefined ? "aws" : `aws.${String(alias)}`] = rootAlias({
          ...settings,
          ...OFFLINE_PROVIDER,
          allowed_account_ids: null,
          forbidden_account_ids: null,
          ...options.provider,
        });
      }
      delete doc.provider;
      for (const [outputName, output] of Object.entries(record(doc.output))) {
        const rootName = `${member.name}__${outputName}`;
        outputs[rootName] = outputName;
        rootConfig.output[rootName] = { value: `\${module.${member.name}.${outputName}}`, sensitive: record(output).sensitive === true };
      }
      fs.writeFileSync(path.join(child, file), JSON.stringify(doc));
    }
    if (!("aws" in providers)) providers.aws = rootAlias({ region: "us-east-1", ...OFFLINE_PROVIDER, ...options.provider });
    rootConfig.module[member.name] = { source: `./${member.name}`, providers };
    outputsOf.set(member.name, outputs);
    providersOf.set(member.name, providers);
  }
  // With one provider configuration, the plan reattaches to a provider process of its own (one
  // start instead of three: schema, validation, plan), and the init installs nothing.
  const provider = rootConfig.provider.aws.length === 1 ? startOwnProvider() : undefined;
  try {
    fs.writeFileSync(path.join(root, "main.tf.json"), JSON.stringify(rootConfig));
    await init(root, { sharedProviderOnly: provider !== undefined });
    const plannedAll = await plan(root, { provider });
    const validated = validationOf(plannedAll.diagnostics);
    const result = new Map<string, BatchOutcome>();
    for (const member of members) {
      const memberJson = memberPlanJson(plannedAll.json, member.name, outputsOf.get(member.name) ?? {}, providersOf.get(member.name) ?? {});
      const own = splitDiagnostics(validated, member.name);
      result.set(member.name, { validation: own, plan: new TerraformPlan(memberJson, own.diagnostics) });
    }
    return result;
  } finally {
    provider?.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/** Removes `backend "<type>" { ... }` and `cloud { ... }` blocks from HCL text (a child module has no backend). */
function withoutHclBackend(text: string): string {
  return withoutBlocks(text, hclBlocks(text, /^(\s*)(?:backend\s+"[^"]*"|cloud)\s*\{/m));
}

/**
 * The top-level `import { ... }` blocks of HCL text, with `to` under `module.<member>` (only a root
 * may hold import blocks), and the text without them.
 */
function withoutHclImports(text: string, member: string): { text: string; imports: string[] } {
  const blocks = hclBlocks(text, /^import\s*\{/m);
  return { text: withoutBlocks(text, blocks), imports: blocks.map((b) => b.text.replace(/^(\s*to\s*=\s*)/m, `$1module.${member}.`)) };
}

/** The validation results of one root, split per member by the `(<member>/file:line)` of each diagnostic. */
function splitDiagnostics(validation: ValidateResult, name: string): ValidateResult {
  const own = validation.diagnostics.filter((d) => d.includes(`(${name}/`)).map((d) => d.replace(`(${name}/`, "("));
  const shared = validation.diagnostics.filter((d) => !/\([^/()]+\/[^()]*:\d+\)$/.test(d));
  return validationOf([...own, ...shared]);
}

/**
 * `terraform validate` of several configurations (JSON or HCL) with one `init` and one `validate`:
 * each member becomes a child module of a generated root, its backend removed (only a root has
 * one), its `import` blocks (JSON or HCL) moved to the root (only a root may hold them) with `to`
 * under `module.<member>`, and its provider blocks kept (validate checks them without configuring the
 * provider). The diagnostics are split back per member, file names as if validated alone.
 */
export async function validateTogether(members: readonly BatchMember[]): Promise<Map<string, ValidateResult>> {
  const root = makeTempDir("mediaconvert-validate");
  const modules: Record<string, unknown> = {};
  const imports: Record<string, unknown>[] = [];
  const hclImports: string[] = [];
  for (const member of members) {
    const child = path.join(root, member.name);
    fs.mkdirSync(child);
    for (const file of fs.readdirSync(member.dir).filter((n) => (n.endsWith(".tf") || n.endsWith(".tf.json")) && !HARNESS_FILES.includes(n))) {
      const text = fs.readFileSync(path.join(member.dir, file), "utf8");
      if (file.endsWith(".tf")) {
        const moved = withoutHclImports(withoutHclBackend(text), member.name);
        fs.writeFileSync(path.join(child, file), moved.text);
        hclImports.push(...moved.imports);
        continue;
      }
      const doc = JSON.parse(text) as Record<string, unknown>;
      delete record(doc.terraform).backend;
      delete record(doc.terraform).cloud;
      for (const block of (doc.import ?? []) as Record<string, unknown>[]) imports.push({ ...block, to: `module.${member.name}.${String(block.to)}` });
      delete doc.import;
      fs.writeFileSync(path.join(child, file), JSON.stringify(doc, null, 1));
    }
    modules[member.name] = { source: `./${member.name}` };
  }
  fs.writeFileSync(path.join(root, "main.tf.json"), JSON.stringify({ module: modules, ...(imports.length > 0 ? { import: imports } : {}) }));
  if (hclImports.length > 0) fs.writeFileSync(path.join(root, "imports.tf"), `${hclImports.join("\n\n")}\n`);
  try {
    await init(root, { sharedProviderOnly: true });
    const validation = await validate(root);
    return new Map(members.map((m) => [m.name, splitDiagnostics(validation, m.name)]));
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
