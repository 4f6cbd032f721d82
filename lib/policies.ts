/**
 * The MediaConvert role's policy documents, as pure functions of validated inputs.
 */
import { Conditions, policyDocument, PolicyDocument, PolicyStatement } from "./policy-document";

export const MEDIACONVERT_SERVICE_PRINCIPAL = "mediaconvert.amazonaws.com";

/** The trust policy: only the MediaConvert service may assume the role. */
export function trustPolicy(conditions?: Conditions): PolicyDocument {
  return policyDocument([
    {
      Effect: "Allow",
      Principal: { Service: MEDIACONVERT_SERVICE_PRINCIPAL },
      Action: ["sts:AssumeRole"],
      ...(conditions ? { Condition: conditions } : {}),
    },
  ]);
}

/**
 * The seed's KMS inline policy, with the keys named as resources: `kms:Decrypt` on the keys of
 * SSE-KMS input buckets, `kms:GenerateDataKey` on the keys of SSE-KMS output buckets.
 * Returns undefined when no key is given (no inline policy is created then).
 */
export function kmsPolicy(inputKeyArns: readonly string[], outputKeyArns: readonly string[]): PolicyDocument | undefined {
  const statements: PolicyStatement[] = [];
  if (inputKeyArns.length > 0) statements.push({ Effect: "Allow", Action: ["kms:Decrypt"], Resource: inputKeyArns });
  if (outputKeyArns.length > 0) {
    statements.push({ Effect: "Allow", Action: ["kms:GenerateDataKey"], Resource: outputKeyArns });
  }
  return statements.length > 0 ? policyDocument(statements) : undefined;
}
