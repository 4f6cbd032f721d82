/**
 * Whether a value is a Terraform reference that Terraform resolves at plan time (a cdktf token),
 * for the checks and policy builders that skip such values.
 *
 * Only cdktf makes tokens, so no value is one while cdktf is not loaded. The engine file
 * (`engine.ts`, the only importer of cdktf) registers cdktf's own test when it loads; until then
 * the answer is false. That keeps the rules, the policy builders and the config file free of
 * cdktf: the `verify` and `derive` commands check and evaluate roles without loading it.
 */

let test: (value: unknown) => boolean = () => false;

/** True when `value` is a cdktf token (a string, list, number or map standing for a Terraform reference). */
export function isUnresolved(value: unknown): boolean {
  return test(value);
}

/** Called by the engine file when cdktf loads: from then on, `isUnresolved` is cdktf's own test. */
export function registerTokenTest(cdktfTest: (value: unknown) => boolean): void {
  test = cdktfTest;
}

/**
 * `text` as a literal in Terraform: `${` and `%{` start template sequences in every Terraform
 * string, so a value that holds them (a description, a prefix) is written `$${` and `%%{`. The
 * markers cdktf writes for its tokens (`${TfToken[...]}`) are left for cdktf to resolve.
 */
export function terraformLiteral(text: string): string {
  return text.replace(/\$\{(?!TfToken\[)/g, () => "$${").replace(/%\{/g, () => "%%{");
}
