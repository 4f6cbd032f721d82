/**
 * The HCL renderer (lib/generators/hcl.ts): Terraform JSON configuration in, idiomatic HCL out.
 * Unit tests pin the exact text: interpolations, escaping, literal arguments, blocks versus
 * object attributes, policy documents as jsonencode(), `=` alignment. Terraform judges the
 * renderer in hcl.terraform.test.ts.
 */
import { renderHcl, TerraformJson } from "../lib/hcl";

/** Renders one resource body and returns the block. */
function resource(body: Record<string, unknown>, type = "aws_iam_role"): string {
  return renderHcl({ resource: { [type]: { this: body } } });
}
// ---------------------------------------------------------------------------------------------
// Strings

describe("strings", () => {
  it("writes a string that is exactly one interpolation as the bare expression", () => {
    // GIVEN
    const config = { count: "${var.create ? 1 : 0}", name: "${var.role_name}" };
    // WHEN
    const hcl = resource(config);
    // THEN
    expect(hcl).toBe(['resource "aws_iam_role" "this" {', "  count = var.create ? 1 : 0", "", "  name = var.role_name", "}", ""].join("\n"));
  });

  it("keeps other strings as quoted templates, escaping quote, backslash and control characters outside interpolations", () => {
    // GIVEN: text around an interpolation that itself holds a quoted string with a brace
    const value = 'say "hi"\\n ${lookup(var.m, "k}")} tab\there\nline\u0001end';
    // WHEN
    const hcl = renderHcl({ locals: { text: value } });
    // THEN
    expect(hcl).toBe(['locals {', '  text = "say \\"hi\\"\\\\n ${lookup(var.m, "k}")} tab\\there\\nline\\u0001end"', "}", ""].join("\n"));
  });

  it("keeps template escapes ($${ and %%{) as written, and directives (spaced as terraform fmt spaces them)", () => {
    // GIVEN
    const value = "literal $${x} and %%{y}, then %{ if var.on }on%{ endif }";
    // WHEN
    const hcl = renderHcl({ locals: { text: value } });
    // THEN
    expect(hcl).toBe(['locals {', '  text = "literal $${x} and %%{y}, then %{if var.on}on%{endif}"', "}", ""].join("\n"));
  });

  it("escapes ${ and %{ in strings Terraform takes literally: variable defaults and descriptions, output descriptions", () => {
    // GIVEN
    const config: TerraformJson = {
      variable: { greeting: { type: "string", description: "Says ${name}", default: "hello ${name} %{x}" } },
      output: { greeting: { description: "The ${greeting}", value: "${var.greeting}" } },
    };
    // WHEN
    const hcl = renderHcl(config);
    // THEN
    expect(hcl).toBe(
      [
        'variable "greeting" {',
        "  type        = string",
        '  description = "Says $${name}"',
        '  default     = "hello $${name} %%{x}"',
        "}",
        "",
        'output "greeting" {',
        '  description = "The $${greeting}"',
        "  value       = var.greeting",
        "}",
        "",
      ].join("\n"),
    );
  });

  it("re-spaces expressions as terraform fmt does", () => {
    // GIVEN: compact expressions as generators write them into JSON
    const config = {
      a: '${jsonencode({"Version" = "2012-10-17", "List" = [1,2]})}',
      b: "${!can(regex(\"^a\", var.x)) && -1 < var.n - 1}",
      c: "${[for k in keys(var.tags) : k if startswith(k, \"aws:\")]}",
      d: "${aws_iam_role.this[*].arn}",
    };
    // WHEN
    const hcl = renderHcl({ locals: config });
    // THEN
    expect(hcl).toBe(
      [
        "locals {",
        '  a = jsonencode({ "Version" = "2012-10-17", "List" = [1, 2] })',
        '  b = !can(regex("^a", var.x)) && -1 < var.n - 1',
        '  c = [for k in keys(var.tags) : k if startswith(k, "aws:")]',
        "  d = aws_iam_role.this[*].arn",
        "}",
        "",
      ].join("\n"),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Blocks and attributes

describe("blocks and attributes", () => {
  it("writes the terraform block literally: required_providers entries as objects, backend and cloud workspaces (with project) as blocks", () => {
    // GIVEN
    const config = {
      terraform: {
        required_version: ">= 1.5",
        required_providers: { aws: { source: "hashicorp/aws", version: "5.100.0" } },
        cloud: { organization: "acme", hostname: "app.terraform.io", workspaces: { tags: ["mediaconvert", "prod"], project: "video" } },
      },
    };
    // WHEN
    const hcl = renderHcl(config);
    // THEN
    expect(hcl).toBe(
      [
        "terraform {",
        '  required_version = ">= 1.5"',
        "",
        "  required_providers {",
        "    aws = {",
        '      source  = "hashicorp/aws"',
        '      version = "5.100.0"',
        "    }",
        "  }",
        "",
        "  cloud {",
        '    organization = "acme"',
        '    hostname     = "app.terraform.io"',
        "",
        "    workspaces {",
        '      tags    = ["mediaconvert", "prod"]',
        '      project = "video"',
        "    }",
        "  }",
        "}",
        "",
      ].join("\n"),
    );
  });

  it("writes the AWS provider's assume_role and default_tags as blocks, and tags inside them as an object", () => {
    // GIVEN: as cdktf synthesizes them (list blocks as arrays)
    const config = {
      provider: {
        aws: [
          {
            region: "eu-west-1",
            allowed_account_ids: ["111122223333"],
            assume_role: [{ role_arn: "arn:aws:iam::111122223333:role/deploy", session_name: "mediaconvert" }],
            default_tags: [{ tags: { team: "video", "cost-center": "42" } }],
          },
        ],
      },
    };
    // WHEN
    const hcl = renderHcl(config);
    // THEN
    expect(hcl).toBe(
      [
        'provider "aws" {',
        '  region              = "eu-west-1"',
        '  allowed_account_ids = ["111122223333"]',
        "",
        "  assume_role {",
        '    role_arn     = "arn:aws:iam::111122223333:role/deploy"',
        '    session_name = "mediaconvert"',
        "  }",
        "",
        "  default_tags {",
        "    tags = {",
        '      team        = "video"',
        '      cost-center = "42"',
        "    }",
        "  }",
        "}",
        "",
      ].join("\n"),
    );
  });

  it("writes variables with a bare type, literal default and validation blocks (condition first)", () => {
    // GIVEN
    const config = {
      variable: {
        role_name: {
          default: "MediaConvert_Default_Role",
          description: "Name of the role.",
          type: "string",
          nullable: false,
          validation: [{ error_message: 'Role name "${var.role_name}" is not valid.', condition: "${length(var.role_name) <= 64}" }],
        },
        tags: { type: "map(string)", default: {} },
      },
    };
    // WHEN
    const hcl = renderHcl(config);
    // THEN
    expect(hcl).toBe(
      [
        'variable "role_name" {',
        "  type        = string",
        '  description = "Name of the role."',
        '  default     = "MediaConvert_Default_Role"',
        "  nullable    = false",
        "",
        "  validation {",
        "    condition     = length(var.role_name) <= 64",
        '    error_message = "Role name \\"${var.role_name}\\" is not valid."',
        "  }",
        "}",
        "",
        'variable "tags" {',
        "  type    = map(string)",
        "  default = {}",
        "}",
        "",
      ].join("\n"),
    );
  });

  it("puts meta-arguments first and lifecycle and depends_on last, with bare references, and drops cdktf's // metadata from bodies only", () => {
    // GIVEN
    const body = {
      "//": { metadata: { path: "stack/role" } },
      depends_on: ["aws_iam_policy.boundary"],
      lifecycle: { prevent_destroy: true, ignore_changes: ["tags"] },
      name: "x",
      provider: "aws.us",
      count: 1,
      tags: { "//": "kept: an object value, not a body" },
    };
    // WHEN
    const hcl = resource(body);
    // THEN
    expect(hcl).toBe(
      [
        'resource "aws_iam_role" "this" {',
        "  provider = aws.us",
        "  count    = 1",
        "",
        '  name = "x"',
        "  tags = {",
        '    "//" = "kept: an object value, not a body"',
        "  }",
        "",
        "  lifecycle {",
        "    prevent_destroy = true",
        "    ignore_changes  = [tags]",
        "  }",
        "",
        "  depends_on = [aws_iam_policy.boundary]",
        "}",
        "",
      ].join("\n"),
    );
  });

  it("writes ignore_changes = all bare", () => {
    // GIVEN / WHEN
    const hcl = resource({ lifecycle: { ignore_changes: "all" } });
    // THEN
    expect(hcl).toBe(['resource "aws_iam_role" "this" {', "  lifecycle {", "    ignore_changes = all", "  }", "}", ""].join("\n"));
  });

  it("writes import and moved blocks with bare addresses", () => {
    // GIVEN
    const config = {
      import: [{ to: "aws_iam_role.this", id: "MediaConvert_Default_Role" }],
      moved: [{ from: "aws_iam_role.old", to: "aws_iam_role.this" }],
    };
    // WHEN
    const hcl = renderHcl(config);
    // THEN
    expect(hcl).toBe(
      [
        "import {",
        "  to = aws_iam_role.this",
        '  id = "MediaConvert_Default_Role"',
        "}",
        "",
        "moved {",
        "  from = aws_iam_role.old",
        "  to   = aws_iam_role.this",
        "}",
        "",
      ].join("\n"),
    );
  });

  it("writes nested blocks of known resource types as blocks (aws_iam_policy_document statements, principals, conditions)", () => {
    // GIVEN
    const config = {
      data: {
        aws_iam_policy_document: {
          trust: {
            statement: [
              {
                actions: ["sts:AssumeRole"],
                principals: [{ type: "Service", identifiers: ["mediaconvert.amazonaws.com"] }],
                condition: [{ test: "StringEquals", variable: "aws:SourceAccount", values: ["${data.aws_caller_identity.current.account_id}"] }],
              },
            ],
          },
        },
      },
    };
    // WHEN
    const hcl = renderHcl(config);
    // THEN
    expect(hcl).toBe(
      [
        'data "aws_iam_policy_document" "trust" {',
        "  statement {",
        '    actions = ["sts:AssumeRole"]',
        "",
        "    principals {",
        '      type        = "Service"',
        '      identifiers = ["mediaconvert.amazonaws.com"]',
        "    }",
        "",
        "    condition {",
        '      test     = "StringEquals"',
        '      variable = "aws:SourceAccount"',
        "      values   = [data.aws_caller_identity.current.account_id]",
        "    }",
        "  }",
        "}",
        "",
      ].join("\n"),
    );
  });

  it.each([
    ["a provisioner", { resource: { aws_iam_role: { this: { provisioner: [{ "local-exec": { command: "true" } }] } } } }, 'Cannot render aws_iam_role.this.provisioner as HCL: "provisioner" blocks are not supported by this renderer.'],
    ["a check block", { check: { health: {} } }, 'Cannot render the top-level "check" of a Terraform JSON configuration as HCL: this renderer does not support it.'],
    ["a depends_on entry that is no reference", { resource: { aws_iam_role: { this: { depends_on: ["not a reference"] } } } }, 'Cannot render aws_iam_role.this.depends_on[0] as HCL: "not a reference" is not a reference.'],
  ])("rejects what it cannot render faithfully: %s", (_title, config, message) => {
    // GIVEN / WHEN / THEN
    expect(() => renderHcl(config as TerraformJson)).toThrow(message);
  });
});

// ---------------------------------------------------------------------------------------------
// Layout

describe("layout", () => {
  it("aligns = in runs of one-line attributes; a multi-line value, a blank line or a block ends a run", () => {
    // GIVEN
    const body = { a: "1", long_name: "2", tags: { k: "v", much_longer_key: "w" }, b: "3", bb: ["x"], list: ["a-rather-long-element-number-one", "a-rather-long-element-number-two", "three"] };
    // WHEN
    const hcl = resource(body);
    // THEN
    expect(hcl).toBe(
      [
        'resource "aws_iam_role" "this" {',
        '  a         = "1"',
        '  long_name = "2"',
        "  tags = {",
        '    k               = "v"',
        '    much_longer_key = "w"',
        "  }",
        '  b  = "3"',
        '  bb = ["x"]',
        "  list = [",
        '    "a-rather-long-element-number-one",',
        '    "a-rather-long-element-number-two",',
        '    "three",',
        "  ]",
        "}",
        "",
      ].join("\n"),
    );
  });

  it("counts columns in grapheme clusters, as terraform fmt does", () => {
    // GIVEN: a quoted key of four columns (two grapheme clusters, five UTF-16 units) next to one of three
    const config = { locals: { tags: { "é👍🏽": "a", abc: "b" } } };
    // WHEN
    const hcl = renderHcl(config);
    // THEN
    expect(hcl).toBe(["locals {", "  tags = {", '    "é👍🏽" = "a"', '    abc  = "b"', "  }", "}", ""].join("\n"));
  });
});

// ---------------------------------------------------------------------------------------------
// Policy documents

describe("policy documents", () => {
  const policy = (statement: Record<string, unknown>) => JSON.stringify({ Version: "2012-10-17", Statement: [statement] });

  it("writes a *policy argument holding a policy document with references as jsonencode(), references bare", () => {
    // GIVEN: the cdktf form: references inside JSON strings
    const value = policy({
      Effect: "Allow",
      Action: ["iam:PassRole"],
      Resource: ["${aws_iam_role.this.arn}", "arn:${data.aws_partition.current.partition}:iam::*:role/x"],
      Condition: { StringEquals: { "iam:PassedToService": "mediaconvert.amazonaws.com" } },
    });
    // WHEN
    const hcl = resource({ policy: value }, "aws_iam_policy");
    // THEN
    expect(hcl).toBe(
      [
        'resource "aws_iam_policy" "this" {',
        "  policy = jsonencode({",
        '    Version = "2012-10-17"',
        "    Statement = [",
        "      {",
        '        Effect = "Allow"',
        '        Action = ["iam:PassRole"]',
        "        Resource = [",
        "          aws_iam_role.this.arn,",
        '          "arn:${data.aws_partition.current.partition}:iam::*:role/x",',
        "        ]",
        "        Condition = {",
        "          StringEquals = {",
        '            "iam:PassedToService" = "mediaconvert.amazonaws.com"',
        "          }",
        "        }",
        "      },",
        "    ]",
        "  })",
        "}",
        "",
      ].join("\n"),
    );
  });

  it.each([
    ["not JSON", "{not json ${var.x}}"],
    ["an interpolation outside a JSON string", '{"Statement":${var.statements}}'],
    ["JSON without Statement", '{"a":"${var.x}"}'],
    ["a fractional number", '{"Statement":[],"N":1.5}'],
  ])("keeps a *policy string that is %s as a quoted template", (_title, value) => {
    // GIVEN / WHEN
    const hcl = resource({ policy: value }, "aws_iam_policy");
    // THEN
    expect(hcl).toBe(['resource "aws_iam_policy" "this" {', `  policy = "${value.replace(/"/g, '\\"')}"`, "}", ""].join("\n"));
  });
});

