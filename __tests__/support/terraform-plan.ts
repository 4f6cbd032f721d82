/**
 * What Terraform reports, as the tests read it: the diagnostics of `validate` and `plan` (one
 * line each, `error: <summary>: <detail> (<file>:<line>)`), and a saved plan read back with
 * `terraform show -json` as resource addresses, planned values and outputs (TerraformPlan).
 */
import { record } from "./json";

/** What `terraform validate -json` reported. */
export interface ValidateResult {
  readonly valid: boolean;
  readonly errorCount: number;
  readonly warningCount: number;
  /** One line per diagnostic: `error: <summary>: <detail> (<file>:<line>)`. */
  readonly diagnostics: readonly string[];
}

/** A diagnostic as Terraform's JSON output has it. */
export interface RawDiagnostic {
  severity: string;
  summary: string;
  detail?: string;
  range?: { filename: string; start: { line: number } };
}

/** One line for a diagnostic: `<severity>: <summary>: <detail> (<file>:<line>)`. */
export function formatDiagnostic(d: RawDiagnostic): string {
  const where = d.range ? ` (${d.range.filename}:${d.range.start.line})` : "";
  return `${d.severity}: ${d.summary}${d.detail ? `: ${d.detail}` : ""}${where}`;
}

/** A validation result made of diagnostic lines (as formatDiagnostic writes them). */
export function validationOf(diagnostics: readonly string[]): ValidateResult {
  return {
    valid: !diagnostics.some((d) => d.startsWith("error")),
    errorCount: diagnostics.filter((d) => d.startsWith("error")).length,
    warningCount: diagnostics.filter((d) => d.startsWith("warning")).length,
    diagnostics,
  };
}

/** One resource of a plan: planned values and the change Terraform would make. */
export interface PlannedResource {
  /** The full address, e.g. `aws_iam_role.x` or `module.m.aws_iam_role.this`. */
  readonly address: string;
  readonly mode: "managed" | "data";
  readonly type: string;
  readonly name: string;
  /** `module.m` for resources in child modules, undefined in the root module. */
  readonly module?: string;
  /** The values known at plan time (attributes only known after apply are absent; see `unknown`). */
  readonly values: Readonly<Record<string, unknown>>;
  /** Top-level attributes known only after apply. */
  readonly unknown: readonly string[];
  /** The planned actions, e.g. ["create"]; empty when the plan has no change for it. */
  readonly actions: readonly string[];
}

/** One root output of a plan. */
export interface PlannedOutput {
  /** False when the value is known only after apply. */
  readonly known: boolean;
  readonly value?: unknown;
  readonly sensitive: boolean;
}

/** A module of a plan's `planned_values`. */
export interface RawModule {
  address?: string;
  resources?: { address: string; mode: "managed" | "data"; type: string; name: string; values?: Record<string, unknown> }[];
  child_modules?: RawModule[];
}

/** The parts of `terraform show -json <planfile>` the harness reads; the rest is in `json`. */
export interface PlanJson {
  readonly terraform_version: string;
  readonly planned_values: { root_module: RawModule; outputs?: Record<string, { sensitive: boolean; value?: unknown }> };
  readonly resource_changes?: { address: string; change: { actions: string[]; after_unknown?: Record<string, unknown> } }[];
  readonly output_changes?: Record<string, { after_unknown?: unknown }>;
  readonly configuration: {
    readonly provider_config?: Record<string, { expressions?: Record<string, { constant_value?: unknown }> }>;
  };
  readonly [key: string]: unknown;
}

/** A saved plan, read back with `terraform show -json`. */
export class TerraformPlan {
  /** Every planned resource, root module first, sorted by address within a module. */
  public readonly resources: readonly PlannedResource[];
  /** The addresses of the managed resources (what apply would create, update or keep), sorted. */
  public readonly addresses: readonly string[];
  public readonly outputs: Readonly<Record<string, PlannedOutput>>;

  constructor(
    public readonly json: PlanJson,
    /**
     * What the plan reported (it validates the configuration first): one line per diagnostic,
     * as ValidateResult has them. A plan with an error rejects instead.
     */
    public readonly diagnostics: readonly string[] = [],
  ) {
    const changes = new Map((json.resource_changes ?? []).map((c) => [c.address, c.change]));
    const collect = (module: RawModule): PlannedResource[] => [
      ...(module.resources ?? [])
        .map((r) => {
          const change = changes.get(r.address);
          const afterUnknown = record(change?.after_unknown);
          return {
            address: r.address,
            mode: r.mode,
            type: r.type,
            name: r.name,
            module: module.address,
            values: r.values ?? {},
            unknown: Object.keys(afterUnknown).filter((k) => afterUnknown[k] === true).sort(),
            actions: change?.actions ?? [],
          };
        })
        .sort((a, b) => a.address.localeCompare(b.address)),
      ...(module.child_modules ?? []).flatMap(collect),
    ];
    this.resources = collect(json.planned_values.root_module);
    this.addresses = this.resources.filter((r) => r.mode === "managed").map((r) => r.address).sort();
    const outputs: Record<string, PlannedOutput> = {};
    for (const [name, output] of Object.entries(json.planned_values.outputs ?? {})) {
      const known = json.output_changes?.[name]?.after_unknown !== true && "value" in output;
      outputs[name] = { known, sensitive: output.sensitive, ...(known ? { value: output.value } : {}) };
    }
    this.outputs = outputs;
  }

  /** The resource at `address`; throws, naming the planned addresses, when there is none. */
  public resource(address: string): PlannedResource {
    const found = this.resources.find((r) => r.address === address);
    if (!found) throw new Error(`The plan has no ${address}; it plans: ${this.resources.map((r) => r.address).join(", ")}.`);
    return found;
  }

  /** A constant argument of a root provider configuration as written (after override files), e.g. `region`. */
  public providerArgument(provider: string, argument: string): unknown {
    return this.json.configuration.provider_config?.[provider]?.expressions?.[argument]?.constant_value;
  }
}
