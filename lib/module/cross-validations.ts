/**
 * The module's validations that relate one variable to others (Terraform 1.9 lets a variable's
 * validation refer to other variables and to data sources), by the variable they sit on. The
 * construct checks the same in `lib/core/role-rules.ts`, with the same messages.
 */
import { accountMismatchMessage, regionMismatchMessage, scopedWithoutLocationsMessage, trustedQueuesWithoutProtection } from "../core/messages";
import { messageExpression, quoted } from "./expressions";
import { fits, Validation } from "./validations";

/** The message for the first element of `list` for which `bad` (of `a`) holds, with that element as `a`. */
const firstWhere = (list: string, bad: string, message: string): string => `\${try([for a in ${list} : ${messageExpression(message)} if ${bad}][0], "")}`;

const region = "data.aws_region.current.name";
// try(): a value that is no ARN has fewer fields (its own validation names it).
const spekeRegion = 'try(split(":", a)[3], "")';
const queueAccount = 'try(split(":", a)[4], "")';

export const crossValidations: Readonly<Record<string, readonly Validation[]>> = {
  // On inputs, not on access: inputs and outputs refer to access already (no cycles).
  inputs: [
    {
      condition: '${var.access != "scoped" || length(var.inputs) + length(var.outputs) > 0}',
      error_message: scopedWithoutLocationsMessage(quoted("var.role_name")),
    },
  ],
  speke_api_arns: [
    {
      condition: `\${alltrue([for a in var.speke_api_arns : (!${fits("speke_api_arn", "a")} || ${spekeRegion} == ${region})])}`,
      error_message: firstWhere(
        "var.speke_api_arns",
        `${fits("speke_api_arn", "a")} && ${spekeRegion} != ${region}`,
        regionMismatchMessage("SPEKE API ARN", quoted("a"), `\${${spekeRegion}}`, `\${${region}}`),
      ),
    },
  ],
  trusted_queue_arns: [
    {
      condition: `\${alltrue([for a in var.trusted_queue_arns : (!${fits("queue_arn", "a")} || ${queueAccount} == var.source_account_id) if var.source_account_id != null])}`,
      error_message: firstWhere(
        "var.trusted_queue_arns",
        `${fits("queue_arn", "a")} && ${queueAccount} != var.source_account_id`,
        accountMismatchMessage("Queue ARN", quoted("a"), `\${${queueAccount}}`, "${var.source_account_id}", "source_account_id pins account"),
      ),
    },
    {
      condition: "${var.confused_deputy_protection || length(var.trusted_queue_arns) == 0}",
      error_message: trustedQueuesWithoutProtection("trusted_queue_arns", "confused_deputy_protection"),
    },
  ],
};
