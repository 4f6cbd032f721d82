/**
 * Which keys of a Terraform JSON body are nested blocks. In JSON a nested block and an argument
 * holding an object (or a list of objects) look alike; HCL writes them differently, so the
 * renderer must know. It knows the AWS provider's blocks (aws-blocks.generated.ts, from the
 * provider's schema), those of Terraform's built-in provider (none), and those of any provider
 * whose schema it is given (`terraform providers schema -json`). For a type it does not know, a
 * key that could be either is an error rather than a guess.
 */
import { AWS_BLOCK_TABLE, AWS_PROVIDER_VERSION } from "./aws-blocks.generated";
import { BlockTypes, parseBlockList, SchemaBlocks } from "./schema";

export type { BlockTypes };

export const NO_BLOCKS: BlockTypes = {};

/** A body whose nested blocks are not known: `what` names its type for messages (`the resource type "random_pet"`). */
export class UnknownBlocks {
  constructor(readonly what: string) {}
}

/** What is known of a body's nested blocks. */
export type BodyBlocks = BlockTypes | UnknownBlocks;

/** The nested blocks of providers' configurations, resources and data sources. */
export interface BlockTables {
  provider(name: string): BodyBlocks;
  resource(type: string): BodyBlocks;
  data(type: string): BodyBlocks;
}

/** Types of Terraform's built-in provider (terraform.io/builtin/terraform), which have no nested blocks. */
const BUILT_IN = { resource: new Set(["terraform_data"]), data: new Set(["terraform_remote_state"]) };

/** The AWS table, read on first use: one service line at a time, each list once. */
class AwsBlocks {
  private readonly shared = new Map<number, BlockTypes>();
  private readonly services = new Map<string, Map<string, string>>();

  constructor(private readonly table: typeof AWS_BLOCK_TABLE) {}

  provider(): BlockTypes {
    return parseBlockList(this.table.provider, (id) => this.sharedList(id));
  }

  lookup(kind: "resource" | "data", type: string): BlockTypes | undefined {
    if (!type.startsWith("aws_")) return undefined;
    const rest = type.slice("aws_".length);
    const cut = rest.indexOf("_");
    const service = cut < 0 ? rest : rest.slice(0, cut);
    const key = `${kind}:${service}`;
    let entries = this.services.get(key);
    if (entries === undefined) {
      const line = this.table[kind][service];
      entries = new Map(
        line === undefined
          ? []
          : line.split(" ").map((entry) => {
              const colon = entry.indexOf(":");
              return colon < 0 ? [entry, ""] : [entry.slice(0, colon), entry.slice(colon + 1)];
            }),
      );
      this.services.set(key, entries);
    }
    const list = entries.get(cut < 0 ? "" : rest.slice(cut + 1));
    return list === undefined ? undefined : parseBlockList(list, (id) => this.sharedList(id));
  }

  private sharedList(id: number): BlockTypes {
    let list = this.shared.get(id);
    if (list === undefined) {
      list = parseBlockList(this.table.shared[id], (inner) => this.sharedList(inner));
      this.shared.set(id, list);
    }
    return list;
  }
}

let aws: AwsBlocks | undefined;

/**
 * The block tables: the given schemas' first, then Terraform's built-in provider, then the AWS
 * provider's. Anything else is unknown.
 */
export function blockTables(schema?: SchemaBlocks): BlockTables {
  aws ??= new AwsBlocks(AWS_BLOCK_TABLE);
  const table = aws;
  const unknown = (what: string) => new UnknownBlocks(what);
  return {
    provider: (name) => schema?.provider.get(name) ?? (name === "aws" ? table.provider() : unknown(`the provider "${name}"`)),
    resource: (type) =>
      schema?.resource.get(type) ?? (BUILT_IN.resource.has(type) ? NO_BLOCKS : (table.lookup("resource", type) ?? unknown(`the resource type "${type}"`))),
    data: (type) => schema?.data.get(type) ?? (BUILT_IN.data.has(type) ? NO_BLOCKS : (table.lookup("data", type) ?? unknown(`the data source type "${type}"`))),
  };
}

/** What the renderer knows without a schema, for messages. */
export const KNOWN_SCHEMAS = `the AWS provider ${AWS_PROVIDER_VERSION} and Terraform's built-in provider`;
