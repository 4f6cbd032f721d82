#!/usr/bin/env node
// Generates a large corpus of MediaConvert job documents for measuring the jobs layer (and,
// later, derive and verify): the jobs of examples/jobs/ repeated with new ids, titles, keys
// and dates, half of them as one file each (CreateJob requests and get-job outputs) and half in
// one list-jobs output, plus the corpus's job template. Every generated job is a valid document
// that the extraction reads like the originals; the keys differ from job to job, so the merged
// report holds one access per job and file (the worst case for memory).
//
// Usage: node __tests__/support/job-corpus.js <out dir> [count, default 10000]
// Writes <out dir>/files/<nnnnn>-<name>.json and <out dir>/list-jobs.json; prints what it wrote.
"use strict";
const fs = require("fs");
const path = require("path");

const EXAMPLES = path.join(__dirname, "..", "..", "examples", "jobs");

/** The corpus's jobs as get-job would print them (a Job object), and its templates. */
function corpus() {
  const jobs = [];
  const templates = [];
  for (const name of fs
    .readdirSync(EXAMPLES)
    .filter((f) => f.endsWith(".json"))
    .sort()) {
    const doc = JSON.parse(fs.readFileSync(path.join(EXAMPLES, name), "utf8"));
    if (doc.JobTemplate && typeof doc.JobTemplate === "object") templates.push(doc);
    else if (doc.Jobs) jobs.push(...doc.Jobs.map((job, i) => ({ name: `${path.basename(name, ".json")}-${i}`, job })));
    else jobs.push({ name: path.basename(name, ".json"), job: doc.Job ?? doc });
  }
  return { jobs, templates };
}

/** The same job with every S3 key made unique to job `n` (the bucket kept) and a new id and date. */
function variant(job, n) {
  const tag = `t${String(n).padStart(5, "0")}`;
  const text = JSON.stringify(job).replace(/(s3:\/\/[^/"]+\/)([^"]*)/gi, (_, bucket, key) => `${bucket}${tag}/${key}`);
  const copy = JSON.parse(text);
  if (copy.Id !== undefined || copy.id !== undefined) {
    const id = `17150${String(n).padStart(8, "0")}-${tag}`;
    if (copy.Id !== undefined) copy.Id = id;
    else copy.id = id;
  }
  return copy;
}

function main() {
  const [out, countArg] = process.argv.slice(2);
  if (out === undefined) {
    console.error("Usage: node __tests__/support/job-corpus.js <out dir> [count]");
    process.exit(2);
  }
  const count = Number(countArg ?? 10000);
  const { jobs, templates } = corpus();
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(path.join(out, "files"), { recursive: true });
  templates.forEach((t, i) => fs.writeFileSync(path.join(out, "files", `template-${i}.json`), JSON.stringify(t, null, 2)));
  const asFiles = Math.ceil(count / 2);
  const listed = [];
  let bytes = 0;
  for (let n = 0; n < count; n++) {
    const { name, job } = jobs[n % jobs.length];
    const generated = variant(job, n);
    if (n < asFiles) {
      const text = JSON.stringify(job.Arn !== undefined ? { Job: generated } : generated, null, 2);
      bytes += text.length;
      fs.writeFileSync(path.join(out, "files", `${String(n).padStart(5, "0")}-${name}.json`), text);
    } else listed.push(generated);
  }
  const list = JSON.stringify({ Jobs: listed }, null, 2);
  fs.writeFileSync(path.join(out, "list-jobs.json"), list);
  console.log(`${asFiles} job files (${(bytes / 1048576).toFixed(1)} MiB) and ${listed.length} jobs in list-jobs.json (${(list.length / 1048576).toFixed(1)} MiB) under ${out}`);
}

main();
