/**
 * Reading job documents from an AWS account (`--from-account`): the recent jobs (`ListJobs`,
 * every page, newest first, stopping at `since`), the job templates (`ListJobTemplates`), and
 * the templates jobs name that the listing does not hold (`GetJobTemplate`: system templates).
 * The AWS SDK loads only when this runs; the rest of the jobs layer never loads it.
 */
import type { Job, JobTemplate, MediaConvertClient } from "@aws-sdk/client-mediaconvert";
import { entryFromObject, templateName, type JobDocuments, type JobEntry } from "./documents";
import { sdkFailure } from "../core/sdk-failures";
import * as messages from "./messages";
import { AccountReadError } from "./messages";

/** What to read from the account. */
export interface AccountReadOptions {
  /** The region to read (MediaConvert keeps jobs per region). @default - the SDK's (AWS_REGION, the profile's) */
  readonly region?: string;
  /** Read only jobs created at or after this time. @default - every job MediaConvert still lists (it keeps them 90 days) */
  readonly since?: Date;
  /** Read only the jobs of these queues (names or ARNs). @default - every queue */
  readonly queues?: readonly string[];
  /** The client to use; by default one is made with the SDK's standard credentials, endpoint and retries. */
  readonly client?: MediaConvertClient;
}

/**
 * The user-facing error for an SDK failure of `action` (the same shape as adopt's): no
 * credentials, rejected credentials, no region, access denied (naming the action), an unknown
 * queue, throttling, anything else with AWS's own code and message.
 */
export function explainSdkError(e: unknown, action: string, context: { readonly queue?: string; readonly region?: string } = {}): AccountReadError {
  if (e instanceof AccountReadError) return e;
  const failure = sdkFailure(e);
  switch (failure.kind) {
    case "no-credentials":
      return new AccountReadError(messages.accountNoCredentials(action));
    case "no-region":
      return new AccountReadError(messages.accountNoRegion());
    case "credentials-rejected":
      return new AccountReadError(messages.accountCredentialsRejected(action, failure.code));
    case "access-denied":
      return new AccountReadError(messages.accountAccessDenied(action));
    case "throttled":
      return new AccountReadError(messages.accountThrottled(action, failure.attempts));
    case "not-found":
      if (failure.code === "NotFoundException" && context.queue !== undefined) return new AccountReadError(messages.accountQueueNotFound(context.queue, context.region));
      return new AccountReadError(messages.accountAwsFailed(action, failure.code, (e as { message?: string }).message ?? String(e)));
    case "other":
      return new AccountReadError(messages.accountAwsFailed(action, failure.code, failure.message));
  }
}

async function call<T>(action: string, run: () => Promise<T>, context: { queue?: string; region?: string } = {}): Promise<T> {
  try {
    return await run();
  } catch (e) {
    throw explainSdkError(e, action, context);
  }
}

/**
 * Reads the account's recent jobs and its job templates as job documents, the same entries
 * `readJobDocuments` gives for files (source `account (<region>)`, entries at `jobs/<id>` and
 * `jobTemplates/<name>`). Calls `mediaconvert:ListJobs` (per queue when `queues` is given),
 * `mediaconvert:ListJobTemplates` and `mediaconvert:GetJobTemplate` for templates that jobs name
 * and the listing lacks; a template that does not exist is left for the extraction to report
 * as unresolved. Throws {@link AccountReadError} naming the action and the fix.
 */
export async function readAccountDocuments(options: AccountReadOptions = {}): Promise<JobDocuments> {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const sdk = require("@aws-sdk/client-mediaconvert") as typeof import("@aws-sdk/client-mediaconvert");
  /* eslint-enable @typescript-eslint/no-require-imports */
  const client = options.client ?? new sdk.MediaConvertClient(options.region !== undefined ? { region: options.region } : {});
  try {
    const region = await call("mediaconvert:ListJobs", () => client.config.region());
    const source = `account (${region})`;
    const jobs: Job[] = [];
    const seen = new Set<string>();
    for (const queue of options.queues ?? [undefined]) {
      await call(
        "mediaconvert:ListJobs",
        async () => {
          pages: for await (const page of sdk.paginateListJobs({ client, pageSize: 20 }, { Order: "DESCENDING", ...(queue !== undefined ? { Queue: queue } : {}) })) {
            for (const job of page.Jobs ?? []) {
              if (options.since !== undefined && job.CreatedAt !== undefined && job.CreatedAt < options.since) break pages;
              const id = job.Id ?? job.Arn ?? String(jobs.length);
              if (seen.has(id)) continue;
              seen.add(id);
              jobs.push(job);
            }
          }
        },
        { ...(queue !== undefined ? { queue } : {}), region },
      );
    }
    const templates = await call("mediaconvert:ListJobTemplates", async () => {
      const out: JobTemplate[] = [];
      for await (const page of sdk.paginateListJobTemplates({ client, pageSize: 20 }, { ListBy: "NAME", Order: "ASCENDING" })) out.push(...(page.JobTemplates ?? []));
      return out;
    });
    const listed = new Set(templates.map((t) => t.Name));
    const named = [...new Set(jobs.flatMap((j) => (j.JobTemplate !== undefined ? [templateName(j.JobTemplate)] : [])))].filter((n) => !listed.has(n)).sort();
    for (const name of named) {
      const template = await call("mediaconvert:GetJobTemplate", async () => {
        try {
          return (await client.send(new sdk.GetJobTemplateCommand({ Name: name }))).JobTemplate;
        } catch (e) {
          if (sdkFailure(e).kind === "not-found") return undefined;
          throw e;
        }
      });
      if (template !== undefined) templates.push(template);
    }
    const entries: JobEntry[] = [
      ...jobs.map((job, i) => entryFromObject("job", job, source, `jobs/${job.Id ?? i}`)),
      ...templates.map((t, i) => entryFromObject("template", t, source, `jobTemplates/${t.Name ?? i}`)),
    ];
    return { files: [], entries };
  } finally {
    if (options.client === undefined) client.destroy();
  }
}
