/**
 * What stands for the deploying account in a role's trust conditions when no account id is known
 * at synth (the construct writes a Terraform reference to the credentials' account there): the
 * permissions report, the role's documents without cdktf and `verify` show this placeholder.
 */

/** The account the trust conditions pin when no account id is known at synth: the credentials' account. */
export const DEPLOYING_ACCOUNT = "<the deploying account>";
