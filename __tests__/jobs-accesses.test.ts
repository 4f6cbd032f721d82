/**
 * The accesses of MediaConvert jobs: for every document of the example corpus, the exact
 * accesses with every settings path that needs them, the notes and the undecidables; the
 * generic walk (an unknown field holding s3:// is read and reported unclassified); PascalCase and
 * camelCase giving the same accesses (fast-check); the ARNs accesses stand for.
 */
import * as fs from "fs";
import * as path from "path";
import fc from "fast-check";
import { extractAccesses } from "../lib/jobs/accesses";
import { accessResourceArn, type Access, type AccessReport, type EntryAccesses } from "../lib/jobs/model";
import { classifyDocument, readJobDocuments } from "../lib/jobs/documents";
import { literalPrefix, parseApiGatewayUrl, parseS3Uri } from "../lib/jobs/locations";
import { FIELD_RULES } from "../lib/jobs/rules";
import { ACCOUNT, JOB_KEY, queueArn, REGION, roleArn, SPEKE_API } from "./support/fixtures";

const EXAMPLES = path.join("examples", "jobs");
const SPEKE = `${SPEKE_API}/prod/POST`;
const ROLE_ARN = roleArn("MediaConvert_Default_Role");

/** `s3:GetObject arn:aws:s3:::bucket/key <- Settings.Inputs[0].FileInput (input file)`: one line per access and origin. */
function lines(result: { readonly accesses: readonly Access[] }): string[] {
  return result.accesses.flatMap((a) =>
    a.origins.map((o) => {
      const context = Object.keys(a.context).length > 0 ? ` ${JSON.stringify(a.context)}` : "";
      return `${a.actions.join(",")} ${accessResourceArn(a) ?? "(open)"}${context} <- ${o.path} (${o.label})${o.fromTemplate !== undefined ? ` from ${o.fromTemplate}` : ""}`;
    }),
  );
}

const queueLine = (name: string, origin = "Queue (queue)"): string =>
  `sts:AssumeRole ${queueArn(name)} {"aws:SourceArn":"${queueArn(name)}","aws:SourceAccount":"${ACCOUNT}"} <- ${origin}`;

/** The one job (or template) of a corpus file, with the other files it needs read along. */
function corpusEntry(file: string, alsoRead: string[] = []): EntryAccesses {
  const report = extractAccesses(readJobDocuments([path.join(EXAMPLES, file), ...alsoRead.map((f) => path.join(EXAMPLES, f))]).entries);
  return report.entries[0];
}

const undecided = (e: { readonly undecidables: AccessReport["undecidables"] }): string[] =>
  e.undecidables.map((u) => `${u.kind} ${u.subject}: ${u.actions.join(",")} via ${u.option?.configKey ?? "(no option)"}`);
const noted = (e: { readonly notes: AccessReport["notes"] }): string[] => e.notes.map((n) => `${n.kind} ${n.subject} <- ${n.origins.map((o) => o.path).join(", ")}`);

const SOURCE_KEY = "bucket-default-key acme-media-source: kms:Decrypt via inputs[].kmsKeyArn";
const ASSETS_KEY = "bucket-default-key acme-media-assets: kms:Decrypt via inputs[].kmsKeyArn";
const RENDITIONS_KEY = "bucket-default-key acme-media-renditions: kms:GenerateDataKey via outputs[].kmsKeyArn";
const LOGS_KEY = "bucket-default-key acme-media-logs: kms:GenerateDataKey via outputs[].kmsKeyArn";
const OG = "Settings.OutputGroups[0].OutputGroupSettings";

describe("the accesses of each job of the corpus", () => {
  it.each<[string, string[], string[], string[]]>([
    [
      "hls-speke.json",
      [
        "s3:GetObject arn:aws:s3:::acme-media-source/titles/big-buck-bunny/master.mov <- Settings.Inputs[0].FileInput (input file)",
        `s3:PutObject arn:aws:s3:::acme-media-renditions/hls/big-buck-bunny/* <- ${OG}.HlsGroupSettings.Destination (HLS destination)`,
        `execute-api:Invoke ${SPEKE}/copyProtection <- ${OG}.HlsGroupSettings.Encryption.SpekeKeyProvider.Url (HLS SPEKE key server)`,
        queueLine("Default"),
      ],
      [],
      [RENDITIONS_KEY, SOURCE_KEY],
    ],
    [
      "dash-speke.json",
      [
        "s3:GetObject arn:aws:s3:::acme-media-source/titles/sintel/sintel_4k.mxf <- Settings.Inputs[0].FileInput (input file)",
        `s3:PutObject arn:aws:s3:::acme-media-renditions/dash/sintel/* <- ${OG}.DashIsoGroupSettings.Destination (DASH destination)`,
        `execute-api:Invoke ${SPEKE}/dash/keys <- ${OG}.DashIsoGroupSettings.Encryption.SpekeKeyProvider.Url (DASH SPEKE key server)`,
        queueLine("premium"),
      ],
      [],
      [RENDITIONS_KEY, SOURCE_KEY],
    ],
    [
      "cmaf.json",
      [
        "s3:GetObject arn:aws:s3:::acme-media-source/titles/tears-of-steel/tos_1080p.mp4 <- Settings.Inputs[0].FileInput (input file)",
        `s3:PutObject arn:aws:s3:::acme-media-renditions/cmaf/tears-of-steel/* <- ${OG}.CmafGroupSettings.Destination (CMAF destination)`,
        `s3:PutObjectAcl arn:aws:s3:::acme-media-renditions/cmaf/tears-of-steel/* {"s3:x-amz-acl":"bucket-owner-full-control"} <- ${OG}.CmafGroupSettings.DestinationSettings.S3Settings.AccessControl.CannedAcl (canned ACL)`,
        queueLine("Default"),
      ],
      [`not-api-gateway https://speke.drm-vendor.example.com/v2/keys <- ${OG}.CmafGroupSettings.Encryption.SpekeKeyProvider.Url`],
      [RENDITIONS_KEY, SOURCE_KEY],
    ],
    [
      "mp4-kms-acl.json",
      [
        "s3:GetObject arn:aws:s3:::acme-media-source/ads/spring-campaign/spot-30s.mov <- Settings.Inputs[0].FileInput (input file)",
        "s3:PutObject arn:aws:s3:::acme-media-proxies/spring-campaign/* <- Settings.OutputGroups[1].OutputGroupSettings.FileGroupSettings.Destination (file group destination)",
        `s3:PutObject arn:aws:s3:::acme-media-renditions/mp4/spring-campaign/* <- ${OG}.FileGroupSettings.Destination (file group destination)`,
        `s3:PutObjectAcl arn:aws:s3:::acme-media-renditions/mp4/spring-campaign/* {"s3:x-amz-acl":"bucket-owner-full-control"} <- ${OG}.FileGroupSettings.DestinationSettings.S3Settings.AccessControl.CannedAcl (canned ACL)`,
        `kms:Encrypt,kms:GenerateDataKey ${JOB_KEY} {"kms:ViaService":"s3.eu-west-1.amazonaws.com"} <- ${OG}.FileGroupSettings.DestinationSettings.S3Settings.Encryption.KmsKeyArn (job-level output key)`,
        queueLine("Default"),
      ],
      [
        "aws-managed-key s3://acme-media-proxies/spring-campaign/ <- Settings.OutputGroups[1].OutputGroupSettings.FileGroupSettings.DestinationSettings.S3Settings.Encryption.EncryptionType",
      ],
      ["bucket-default-key acme-media-proxies: kms:GenerateDataKey via outputs[].kmsKeyArn", RENDITIONS_KEY, SOURCE_KEY],
    ],
    [
      "sidecar-captions.json",
      [
        's3:GetObject arn:aws:s3:::acme-media-assets/captions/s01e01/episode_en.scc <- Settings.Inputs[0].CaptionSelectors["Captions Selector 1"].SourceSettings.FileSourceSettings.SourceFile (sidecar caption source)',
        's3:GetObject arn:aws:s3:::acme-media-assets/captions/s01e01/episode_fr.srt <- Settings.Inputs[0].CaptionSelectors["Captions Selector 2"].SourceSettings.FileSourceSettings.SourceFile (sidecar caption source)',
        ...["Bold", "BoldItalic", "Italic", "Regular"].map(
          (s) =>
            `s3:GetObject arn:aws:s3:::acme-media-assets/fonts/NotoSans-${s}.ttf <- Settings.OutputGroups[0].Outputs[0].CaptionDescriptions[0].DestinationSettings.BurninDestinationSettings.FontFile${s} (burn-in captions font)`,
        ),
        "s3:GetObject arn:aws:s3:::acme-media-source/series/s01e01/episode.mxf <- Settings.Inputs[0].FileInput (input file)",
        `s3:PutObject arn:aws:s3:::acme-media-renditions/series/s01e01/* <- ${OG}.FileGroupSettings.Destination (file group destination)`,
        queueLine("Default"),
      ],
      [],
      [ASSETS_KEY, RENDITIONS_KEY, SOURCE_KEY],
    ],
    [
      "image-inserter.json",
      [
        "s3:GetObject arn:aws:s3:::acme-media-assets/logos/channel-bug.png <- Settings.Inputs[0].ImageInserter.InsertableImages[0].ImageInserterInput (image inserter image)",
        "s3:GetObject arn:aws:s3:::acme-media-assets/logos/watermark-small.png <- Settings.OutputGroups[0].Outputs[0].VideoDescription.VideoPreprocessors.ImageInserter.InsertableImages[0].ImageInserterInput (image inserter image)",
        "s3:GetObject arn:aws:s3:::acme-media-assets/overlays/countdown/frame_* <- Settings.MotionImageInserter.Input (motion image inserter (PNG sequence))",
        "s3:GetObject arn:aws:s3:::acme-media-assets/slates/ad-break.png <- Settings.AvailBlanking.AvailBlankingImage (avail-blanking image)",
        "s3:GetObject arn:aws:s3:::acme-media-source/news/2024-05-02/bulletin.mxf <- Settings.Inputs[0].FileInput (input file)",
        `s3:PutObject arn:aws:s3:::acme-media-renditions/news/2024-05-02/* <- ${OG}.FileGroupSettings.Destination (file group destination)`,
        queueLine("Default"),
      ],
      [],
      [ASSETS_KEY, RENDITIONS_KEY, SOURCE_KEY],
    ],
    [
      "external-audio.json",
      [
        's3:GetObject arn:aws:s3:::acme-media-source/films/the-voyage/audio/en_51.wav <- Settings.Inputs[0].AudioSelectors["English 5.1"].ExternalAudioFileInput (external audio file)',
        "s3:GetObject arn:aws:s3:::acme-media-source/films/the-voyage/picture.mov <- Settings.Inputs[0].FileInput (input file)",
        `s3:PutObject arn:aws:s3:::acme-media-renditions/films/the-voyage/* <- ${OG}.FileGroupSettings.Destination (file group destination)`,
        queueLine("Default"),
      ],
      ['http https://assets.partner.example.com/the-voyage/commentary.wav <- Settings.Inputs[0].AudioSelectors["Director commentary"].ExternalAudioFileInput'],
      [RENDITIONS_KEY, SOURCE_KEY],
    ],
    [
      "kantar.json",
      [
        "s3:GetObject arn:aws:s3:::acme-media-source/broadcast/acme-one/2024-05-17/programme.mxf <- Settings.Inputs[0].FileInput (input file)",
        "s3:PutObject arn:aws:s3:::acme-media-logs/kantar/* <- Settings.KantarWatermark.LogDestination (Kantar log destination)",
        `s3:PutObject arn:aws:s3:::acme-media-renditions/broadcast/acme-one/2024-05-17/* <- ${OG}.FileGroupSettings.Destination (file group destination)`,
        `secretsmanager:GetSecretValue arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:kantar/credentials-?????? <- Settings.KantarWatermark.CredentialsSecretName (Kantar credentials secret)`,
        queueLine("Default"),
      ],
      ["external-url https://service.kantarmedia.example.com/api <- Settings.KantarWatermark.KantarServerUrl"],
      [LOGS_KEY, RENDITIONS_KEY, SOURCE_KEY],
    ],
    [
      "nielsen.json",
      [
        "s3:GetObject arn:aws:s3:::acme-media-assets/nielsen/adi/episode-0412.xml <- Settings.NielsenNonLinearWatermark.AdiFilename (Nielsen ADI file)",
        "s3:GetObject arn:aws:s3:::acme-media-source/series/daily/episode-0412.mxf <- Settings.Inputs[0].FileInput (input file)",
        "s3:PutObject arn:aws:s3:::acme-media-logs/nielsen/metadata/* <- Settings.NielsenNonLinearWatermark.MetadataDestination (Nielsen metadata destination)",
        `s3:PutObject arn:aws:s3:::acme-media-renditions/series/daily/* <- ${OG}.FileGroupSettings.Destination (file group destination)`,
        `execute-api:Invoke arn:aws:execute-api:${REGION}:${ACCOUNT}:f6g7h8i9j0/nielsen/POST/tic <- Settings.NielsenNonLinearWatermark.TicServerUrl (Nielsen TIC server)`,
        queueLine("Default"),
      ],
      [],
      [ASSETS_KEY, LOGS_KEY, RENDITIONS_KEY, SOURCE_KEY],
    ],
    [
      "client-side-encrypted.json",
      [
        "s3:GetObject arn:aws:s3:::acme-media-source/screeners/festival-cut.mp4.enc <- Settings.Inputs[0].FileInput (input file)",
        `s3:PutObject arn:aws:s3:::acme-media-renditions/screeners/* <- ${OG}.FileGroupSettings.Destination (file group destination)`,
        queueLine("premium"),
      ],
      [],
      [RENDITIONS_KEY, SOURCE_KEY, "decryption-key eu-west-1: kms:Decrypt via decryptionKmsKeyArns"],
    ],
    [
      "ott-template.json",
      [
        "s3:PutObject arn:aws:s3:::acme-media-archive/ott/* <- Settings.OutputGroups[1].OutputGroupSettings.FileGroupSettings.Destination (file group destination)",
        `s3:PutObject arn:aws:s3:::acme-media-renditions/ott/hls/* <- ${OG}.HlsGroupSettings.Destination (HLS destination)`,
        queueLine("premium"),
      ],
      ["settings-variable s3://acme-media-archive/ott/$d$/mezzanine <- Settings.OutputGroups[1].OutputGroupSettings.FileGroupSettings.Destination"],
      ["bucket-default-key acme-media-archive: kms:GenerateDataKey via outputs[].kmsKeyArn", RENDITIONS_KEY],
    ],
    [
      "rest-camel-case.json",
      [
        's3:GetObject arn:aws:s3:::acme-media-assets/captions/rooftop/rooftop_en.srt <- Settings.Inputs[0].CaptionSelectors["Captions Selector 1"].SourceSettings.FileSourceSettings.SourceFile (sidecar caption source)',
        "s3:GetObject arn:aws:s3:::acme-media-source/shorts/rooftop/rooftop.mov <- Settings.Inputs[0].FileInput (input file)",
        's3:GetObject arn:aws:s3:::acme-media-source/shorts/rooftop/stereo_mix.wav <- Settings.Inputs[0].AudioSelectors["Stereo mix"].ExternalAudioFileInput (external audio file)',
        `s3:PutObject arn:aws:s3:::acme-media-renditions/shorts/rooftop/hls/* <- ${OG}.HlsGroupSettings.Destination (HLS destination)`,
        `s3:PutObjectAcl arn:aws:s3:::acme-media-renditions/shorts/rooftop/hls/* {"s3:x-amz-acl":"bucket-owner-full-control"} <- ${OG}.HlsGroupSettings.DestinationSettings.S3Settings.AccessControl.CannedAcl (canned ACL)`,
        `execute-api:Invoke ${SPEKE}/copyProtection <- ${OG}.HlsGroupSettings.Encryption.SpekeKeyProvider.Url (HLS SPEKE key server)`,
        queueLine("Default"),
      ],
      [],
      [ASSETS_KEY, RENDITIONS_KEY, SOURCE_KEY],
    ],
  ])("%s", (file, accesses, notes, undecidables) => {
    const entry = corpusEntry(file);
    expect(lines(entry)).toEqual(accesses);
    expect(noted(entry)).toEqual(notes);
    expect(undecided(entry)).toEqual(undecidables);
    expect(entry.unclassified).toEqual([]);
  });

  it("gives a job that uses a template the template's destinations and queue, marked as the template's", () => {
    // GIVEN the job that supplies only its input, read with its template
    const entry = corpusEntry("uses-template.json", ["ott-template.json"]);
    // THEN its own input and the template's outputs and queue are its accesses
    expect(entry.template?.name).toBe("acme-ott-ladder");
    expect(lines(entry)).toEqual([
      "s3:GetObject arn:aws:s3:::acme-media-source/catalogue/ott-00917/source.mov <- Settings.Inputs[0].FileInput (input file)",
      "s3:PutObject arn:aws:s3:::acme-media-archive/ott/* <- Settings.OutputGroups[1].OutputGroupSettings.FileGroupSettings.Destination (file group destination) from acme-ott-ladder",
      `s3:PutObject arn:aws:s3:::acme-media-renditions/ott/hls/* <- ${OG}.HlsGroupSettings.Destination (HLS destination) from acme-ott-ladder`,
      queueLine("premium", "Queue (queue) from acme-ott-ladder"),
    ]);
  });

  it("reports the template a job names when it was not read, and still gives the job's own accesses", () => {
    const report = extractAccesses(readJobDocuments([path.join(EXAMPLES, "uses-template.json")]).entries);
    expect(report.unresolvedTemplates.map((u) => u.template)).toEqual(["acme-ott-ladder"]);
    expect(report.entries[0].unresolvedTemplate?.message).toMatch(/Pass its get-job-template output too, or use --from-account\.$/);
    expect(lines(report)).toEqual([
      "s3:GetObject arn:aws:s3:::acme-media-source/catalogue/ott-00917/source.mov <- Settings.Inputs[0].FileInput (input file)",
      `sts:AssumeRole (open) {"aws:SourceAccount":"${ACCOUNT}"} <- Queue (Default queue (the job names none))`,
    ]);
  });

  it("reads an IMF package's folder, supplemental IMPs and Dolby Vision metadata, and writes under the literal part of a variable destination (list-jobs)", () => {
    // GIVEN the list-jobs output: an IMF job that may hop queues, and a job with a video overlay
    const report = extractAccesses(readJobDocuments([path.join(EXAMPLES, "list-jobs.json")]).entries);
    const [imf, overlay] = report.entries;
    // THEN
    expect(lines(imf)).toEqual([
      "s3:GetObject arn:aws:s3:::acme-media-source/imf/feature-2024-vf1/* <- Settings.Inputs[0].SupplementalImps[0] (supplemental IMP)",
      "s3:GetObject arn:aws:s3:::acme-media-source/imf/feature-2024-vf2/* <- Settings.Inputs[0].SupplementalImps[1] (supplemental IMP)",
      "s3:GetObject arn:aws:s3:::acme-media-source/imf/feature-2024/* <- Settings.Inputs[0].FileInput (IMF package (its CPL's folder))",
      "s3:GetObject arn:aws:s3:::acme-media-source/imf/feature-2024/dolby-vision/metadata.xml <- Settings.Inputs[0].DolbyVisionMetadataXml (Dolby Vision metadata XML)",
      `s3:PutObject arn:aws:s3:::acme-media-renditions/imf/feature-2024/* <- ${OG}.FileGroupSettings.Destination (file group destination)`,
      queueLine("overflow", "HopDestinations[0].Queue (queue hop destination)"),
      queueLine("premium"),
    ]);
    expect(noted(imf)).toEqual([`settings-variable s3://acme-media-renditions/imf/feature-2024/$dt$/feature <- ${OG}.FileGroupSettings.Destination`]);
    expect(lines(overlay)).toEqual([
      "s3:GetObject arn:aws:s3:::acme-media-assets/overlays/sponsor.mov <- Settings.Inputs[0].VideoOverlays[0].Input.FileInput (video overlay)",
      "s3:GetObject arn:aws:s3:::acme-media-source/sport/final/match.mxf <- Settings.Inputs[0].FileInput (input file)",
      `s3:PutObject arn:aws:s3:::acme-media-renditions/sport/final/* <- ${OG}.FileGroupSettings.Destination (file group destination)`,
      queueLine("Default"),
    ]);
    expect(report.entries.map((e) => e.entry.label)).toEqual([path.join(EXAMPLES, "list-jobs.json: Jobs[0]"), path.join(EXAMPLES, "list-jobs.json: Jobs[1]")]);
  });
});

describe("the whole corpus at once", () => {
  const report = extractAccesses(readJobDocuments([EXAMPLES]).entries);

  it("merges equal accesses and keeps every path, of every job, that needs them", () => {
    // GIVEN the SPEKE endpoint two jobs use (one of them written in camelCase)
    const speke = report.accesses.filter((a) => a.kind === "execute-api" && a.resourcePath === "copyProtection");
    // THEN it is one access with both origins
    expect(speke).toHaveLength(1);
    expect(speke[0].origins.map((o) => `${path.basename(o.entry)} ${o.path}`)).toEqual([
      `hls-speke.json ${OG}.HlsGroupSettings.Encryption.SpekeKeyProvider.Url`,
      `rest-camel-case.json ${OG}.HlsGroupSettings.Encryption.SpekeKeyProvider.Url`,
    ]);
  });

  it("sorts accesses by kind, then resource, and never repeats one", () => {
    const kinds = report.accesses.map((a) => a.kind);
    expect([...new Set(kinds)]).toEqual(["s3:read", "s3:write", "s3:acl", "kms", "execute-api", "secret", "queue"]);
    const arns = report.accesses.map((a) => `${a.kind} ${accessResourceArn(a)} ${JSON.stringify(a.context)}`);
    expect(new Set(arns).size).toBe(arns.length);
  });

  it("says once per bucket and direction that its default key cannot be seen, and names the option", () => {
    expect(undecided(report)).toEqual([
      "bucket-default-key acme-media-archive: kms:GenerateDataKey via outputs[].kmsKeyArn",
      ASSETS_KEY,
      LOGS_KEY,
      "bucket-default-key acme-media-proxies: kms:GenerateDataKey via outputs[].kmsKeyArn",
      RENDITIONS_KEY,
      SOURCE_KEY,
      "decryption-key eu-west-1: kms:Decrypt via decryptionKmsKeyArns",
    ]);
    const decryption = report.undecidables.find((u) => u.kind === "decryption-key")!;
    expect(decryption.option).toEqual({ roleProperty: "decryptionKmsKeyArns", configKey: "decryptionKmsKeyArns", moduleVariable: "decryption_kms_key_arns" });
    expect(decryption.context).toEqual({ "kms:EncryptionContext:service": "mediaconvert.amazonaws.com" });
    expect(decryption.text).toBe(
      'A client-side encrypted input: MediaConvert calls kms:Decrypt itself (not through S3) on the KMS key in eu-west-1 that encrypted the input\'s data key, with the encryption context {"service": "mediaconvert.amazonaws.com"}; the job does not name that key. Give its key ARN as decryptionKmsKeyArns (module variable decryption_kms_key_arns).',
    );
    expect(report.undecidables.find((u) => u.subject === "acme-media-logs")!.text).toBe(
      'Bucket "acme-media-logs" may encrypt by default with a customer managed KMS key (SSE-KMS), which no job setting shows. If it does, give that key as outputs[].kmsKeyArn (module: outputs[*].kms_key_arn) so the role may kms:GenerateDataKey with it through S3.',
    );
  });

  it("notes what needs no grant, with the reason", () => {
    expect(report.notes.map((n) => n.text)).toEqual([
      "SSE-KMS without a KmsKeyArn uses S3's AWS managed key (aws/s3), which S3 uses for the role without any KMS grant: nothing to grant.",
      '"https://service.kantarmedia.example.com/api" (Kantar server) is called outside AWS without the role: nothing to grant.',
      '"https://assets.partner.example.com/the-voyage/commentary.wav" is fetched over HTTP(S) without the role: nothing to grant (MediaConvert reads only public files this way).',
      '"https://speke.drm-vendor.example.com/v2/keys" is not an API Gateway execute-api URL: MediaConvert calls it without the role, nothing to grant. If it is a custom domain name of an API Gateway API with IAM authorization, grant execute-api:Invoke on that API yourself (spekeApiArns).',
      '"s3://acme-media-archive/ott/$d$/mezzanine" holds the settings variable $d$, which MediaConvert replaces when the job runs: the write covers every key under "ott/".',
      '"s3://acme-media-renditions/imf/feature-2024/$dt$/feature" holds the settings variable $dt$, which MediaConvert replaces when the job runs: the write covers every key under "imf/feature-2024/".',
    ]);
  });

  it("keeps the base names of the destinations written under a prefix", () => {
    const writes = report.accesses.filter((a): a is Extract<Access, { kind: "s3:write" }> => a.kind === "s3:write");
    expect(writes.find((w) => w.prefix === "hls/big-buck-bunny/")?.basenames).toEqual(["master"]);
    expect(writes.find((w) => w.bucket === "acme-media-proxies")?.basenames).toEqual([""]);
    expect(writes.find((w) => w.bucket === "acme-media-logs" && w.prefix === "kantar/")?.basenames).toEqual([""]);
  });

  it("gives the same report whatever the order the documents are read in", () => {
    const entries = readJobDocuments([EXAMPLES]).entries;
    fc.assert(
      fc.property(fc.shuffledSubarray([...entries], { minLength: entries.length, maxLength: entries.length }), (shuffled) => {
        const again = extractAccesses(shuffled);
        expect(again.accesses).toEqual(report.accesses);
        expect(again.notes).toEqual(report.notes);
        expect(again.undecidables).toEqual(report.undecidables);
      }),
      { numRuns: 10 },
    );
  });
});

describe("the generic walk", () => {
  it("reads an s3:// value (in any case) under a field no rule knows, and reports it unclassified with its path", () => {
    // GIVEN a job with a field MediaConvert might add tomorrow
    const job = classifyDocument({ Settings: { Inputs: [{ FileInput: "s3://in/a.mov", LutSettings: { CubeFile: "S3://acme-luts/grade/show.cube" } }] } }, "future.json");
    // WHEN its accesses are extracted
    const report = extractAccesses(job);
    // THEN the value is read and reported
    expect(report.unclassified).toEqual([
      { entry: "future.json", path: "Settings.Inputs[0].LutSettings.CubeFile", label: "unclassified S3 location", value: "S3://acme-luts/grade/show.cube", unclassified: true },
    ]);
    expect(lines(report)).toContain("s3:GetObject (open) <- Settings.Inputs[0].LutSettings.CubeFile (unclassified S3 location)");
    expect(report.accesses.find((a) => a.kind === "s3:read" && a.bucket === "acme-luts")).toMatchObject({ key: "grade/show.cube", match: "object" });
  });

  it("walks into lists and selector maps of unknown fields", () => {
    const job = classifyDocument({ settings: { inputs: [{ newSelectors: [{ sources: ["s3://b/one.bin", "https://example.com/two.bin"] }] }] } }, "rest.json");
    expect(extractAccesses(job).unclassified.map((o) => o.path)).toEqual(["Settings.Inputs[0].NewSelectors[0].Sources[0]"]);
  });

  it("grants nothing for a field known not to be a location, even when it holds s3://", () => {
    const job = classifyDocument(
      { Settings: { OutputGroups: [{ OutputGroupSettings: { HlsGroupSettings: { Destination: "s3://out/hls/", BaseUrl: "s3://cdn-origin/hls/" } } }] } },
      "job.json",
    );
    const report = extractAccesses(job);
    expect(report.accesses.filter((a) => a.kind === "s3:read")).toEqual([]);
    expect(report.unclassified).toEqual([]);
  });
});

describe("fields with a rule of their own", () => {
  const one = (settings: object, extra: object = {}): AccessReport =>
    extractAccesses(classifyDocument({ Role: ROLE_ARN, Queue: queueArn("Default"), ...extra, Settings: settings }, "job.json"));

  it("signs C2PA manifests with the named key (kms:Sign, directly) and reads the certificate chain secret", () => {
    const report = one({
      OutputGroups: [
        {
          OutputGroupSettings: { FileGroupSettings: { Destination: "s3://out/c2pa/clip" } },
          Outputs: [{ ContainerSettings: { Container: "MP4", Mp4Settings: { C2paManifest: "INCLUDE", CertificateSecret: "c2pa/chain", SigningKmsKey: JOB_KEY } } }],
        },
      ],
    });
    expect(lines(report).filter((l) => !l.startsWith("s3:") && !l.startsWith("sts:"))).toEqual([
      `kms:Sign ${JOB_KEY} <- Settings.OutputGroups[0].Outputs[0].ContainerSettings.Mp4Settings.SigningKmsKey (C2PA signing key)`,
      `secretsmanager:GetSecretValue arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:c2pa/chain-?????? <- Settings.OutputGroups[0].Outputs[0].ContainerSettings.Mp4Settings.CertificateSecret (C2PA certificate secret)`,
    ]);
  });

  it("grants a TAMS input's EventBridge connection and its secret, and notes the TAMS server", () => {
    const connection = `arn:aws:events:${REGION}:${ACCOUNT}:connection/tams-prod/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d`;
    const report = one({ Inputs: [{ FileInput: "https://tams.example.com", TamsSettings: { AuthConnectionArn: connection, SourceId: "s-1", Timerange: "[15:0_35:0)" } }] });
    expect(lines(report).filter((l) => !l.startsWith("sts:"))).toEqual([
      `secretsmanager:DescribeSecret,secretsmanager:GetSecretValue arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:events!connection/tams-prod/* <- Settings.Inputs[0].TamsSettings.AuthConnectionArn (TAMS connection's secret)`,
      `events:RetrieveConnectionCredentials ${connection} <- Settings.Inputs[0].TamsSettings.AuthConnectionArn (TAMS authorization connection)`,
    ]);
    expect(noted(report)).toEqual(["tams-server https://tams.example.com <- Settings.Inputs[0].FileInput"]);
  });

  it("takes a secret given by its full ARN as it is, and a partial ARN with the random suffix", () => {
    const full = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:kantar/credentials-AbCdEf`;
    const partial = `arn:aws:secretsmanager:us-east-1:444455556666:secret:kantar/other`;
    const arns = (name: string) =>
      one({ KantarWatermark: { CredentialsSecretName: name } })
        .accesses.filter((a) => a.kind === "secret")
        .map((a) => accessResourceArn(a));
    expect(arns(full)).toEqual([full]);
    expect(arns(partial)).toEqual(["arn:aws:secretsmanager:us-east-1:444455556666:secret:kantar/other-??????"]);
  });

  it("reads a motion graphic .mov as one object and a numbered PNG sequence by its prefix", () => {
    const reads = (input: string) =>
      one({ MotionImageInserters: [{ Input: input }] })
        .accesses.filter((a) => a.kind === "s3:read")
        .map((a) => accessResourceArn(a));
    expect(reads("s3://gfx/lower-third.mov")).toEqual(["arn:aws:s3:::gfx/lower-third.mov"]);
    expect(reads("s3://gfx/seq/overlay_0000.png")).toEqual(["arn:aws:s3:::gfx/seq/overlay_*"]);
  });

  it("reports a job-level key given as an alias as undecidable, naming the option", () => {
    const alias = `arn:aws:kms:${REGION}:${ACCOUNT}:alias/media`;
    const report = one({
      OutputGroups: [
        {
          OutputGroupSettings: {
            FileGroupSettings: {
              Destination: "s3://out/x",
              DestinationSettings: { S3Settings: { Encryption: { EncryptionType: "SERVER_SIDE_ENCRYPTION_KMS", KmsKeyArn: alias } } },
            },
          },
        },
      ],
    });
    expect(report.accesses.filter((a) => a.kind === "kms")).toEqual([]);
    expect(report.undecidables.filter((u) => u.kind === "kms-key-not-an-arn").map((u) => u.actions)).toEqual([["kms:Encrypt", "kms:GenerateDataKey"]]);
    expect(report.undecidables.filter((u) => u.kind === "kms-key-not-an-arn").map((u) => u.text)).toEqual([
      `The job-level output key "${alias}" is not a key ARN (arn:<partition>:kms:<region>:<account>:key/<key id>): IAM grants use of a key only by its key ARN, which an alias or a bare key id does not show. Give the key ARN in jobEncryptionKmsKeyArns (module variable job_encryption_kms_key_arns); "aws kms describe-key --key-id ${alias}" prints it.`,
    ]);
  });

  it("writes a log folder named without its trailing slash under the key as written", () => {
    const report = one({ KantarWatermark: { LogDestination: "s3://acme-media-logs/kantar" } });
    expect(report.accesses.filter((a) => a.kind === "s3:write").map((a) => accessResourceArn(a))).toEqual(["arn:aws:s3:::acme-media-logs/kantar*"]);
  });

  it("notes a canned ACL whose output group has no S3 destination", () => {
    const report = one({
      OutputGroups: [{ OutputGroupSettings: { FileGroupSettings: { DestinationSettings: { S3Settings: { AccessControl: { CannedAcl: "PUBLIC_READ" } } } } } }],
    });
    expect(noted(report)).toEqual([
      "acl-without-destination Settings.OutputGroups[0].OutputGroupSettings.FileGroupSettings.DestinationSettings.S3Settings.AccessControl.CannedAcl <- Settings.OutputGroups[0].OutputGroupSettings.FileGroupSettings.DestinationSettings.S3Settings.AccessControl.CannedAcl",
    ]);
  });

  it("leaves the API's account open when no ARN of the job shows it, and fills it from the options or the caller", () => {
    // GIVEN a CreateJob request that names no queue, role or ARN
    const entries = classifyDocument(
      { Settings: { NielsenNonLinearWatermark: { TicServerUrl: "https://f6g7h8i9j0.execute-api.eu-west-1.amazonaws.com/nielsen/tic" } } },
      "job.json",
    );
    const api = (report: AccessReport) => report.accesses.find((a) => a.kind === "execute-api")!;
    // THEN the access has no account until someone gives it
    expect(api(extractAccesses(entries))).toMatchObject({ region: "eu-west-1", apiId: "f6g7h8i9j0", stage: "nielsen", method: "POST", resourcePath: "tic" });
    expect(api(extractAccesses(entries)).accountId).toBeUndefined();
    expect(accessResourceArn(api(extractAccesses(entries)))).toBeUndefined();
    expect(accessResourceArn(api(extractAccesses(entries)), { accountId: ACCOUNT })).toBe(`arn:aws:execute-api:eu-west-1:${ACCOUNT}:f6g7h8i9j0/nielsen/POST/tic`);
    expect(accessResourceArn(api(extractAccesses(entries, { accountId: "444455556666" })))).toBe("arn:aws:execute-api:eu-west-1:444455556666:f6g7h8i9j0/nielsen/POST/tic");
  });

  it("takes the partition from the job's region: a China job's ARNs are aws-cn", () => {
    const report = extractAccesses(
      classifyDocument({ Queue: "arn:aws-cn:mediaconvert:cn-north-1:111122223333:queues/Default", Settings: { Inputs: [{ FileInput: "s3://cn-bucket/a.mov" }] } }, "cn.json"),
    );
    expect(report.accesses.map((a) => accessResourceArn(a))).toEqual(["arn:aws-cn:s3:::cn-bucket/a.mov", "arn:aws-cn:mediaconvert:cn-north-1:111122223333:queues/Default"]);
  });

  it("does not invent a queue for a template that names none", () => {
    const report = extractAccesses(classifyDocument({ Name: "t", Settings: { OutputGroups: [] } }, "t.json"));
    expect(report.accesses).toEqual([]);
  });
});

describe("PascalCase and camelCase", () => {
  /** camelCase of a PascalCase document, as the REST API writes it: map keys are names, kept. */
  const MAPS = new Set(["AudioSelectors", "CaptionSelectors", "DynamicAudioSelectors", "AudioSelectorGroups", "UserMetadata", "Tags"]);
  function camel(value: unknown, keysAreNames = false): unknown {
    if (Array.isArray(value)) return value.map((v) => camel(v));
    if (typeof value !== "object" || value === null) return value;
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [keysAreNames ? k : k[0].toLowerCase() + k.slice(1), camel(v, !keysAreNames && MAPS.has(k[0].toUpperCase() + k.slice(1)))]),
    );
  }

  it("gives the same accesses for every corpus document written either way", () => {
    // GIVEN every corpus file as written, and the same files turned into camelCase
    const { files } = readJobDocuments([EXAMPLES]);
    const read = (transform: (document: unknown) => unknown): AccessReport =>
      extractAccesses(files.flatMap((f) => classifyDocument(transform(JSON.parse(fs.readFileSync(f, "utf8"))), f)));
    // Entry labels carry the wrapper's spelling ("Jobs[0]", "jobs[0]"): compare them without case.
    const comparable = (r: AccessReport) => ({
      accesses: r.accesses.map((a) => ({ ...a, origins: a.origins.map((o) => ({ ...o, entry: o.entry.toLowerCase() })) })),
      undecidables: r.undecidables.map((u) => ({ ...u, origins: u.origins.map((o) => ({ ...o, entry: o.entry.toLowerCase() })) })),
    });
    // THEN both give the same accesses and undecidables, with the same PascalCase paths
    expect(comparable(read((d) => camel(d)))).toEqual(comparable(read((d) => d)));
  });

  const selectorName = fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ]{0,11}$/);
  const key = fc.stringMatching(/^[a-z0-9][a-z0-9/_-]{0,15}\.[a-z0-9]{2,4}$/);
  const uri = fc.tuple(fc.constantFrom("acme-in", "acme-assets", "acme-out"), key).map(([b, k]) => `s3://${b}/${k}`);
  const job = fc.record({
    Inputs: fc.array(
      fc.record({
        FileInput: uri,
        AudioSelectors: fc.dictionary(selectorName, fc.record({ ExternalAudioFileInput: uri })),
        CaptionSelectors: fc.dictionary(selectorName, fc.record({ SourceSettings: fc.record({ FileSourceSettings: fc.record({ SourceFile: uri }) }) })),
        ImageInserter: fc.record({ InsertableImages: fc.array(fc.record({ ImageInserterInput: uri }), { maxLength: 2 }) }),
        FutureFeature: fc.record({ SomeLocation: uri }),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    OutputGroups: fc.array(
      fc.record({
        OutputGroupSettings: fc.oneof(
          fc.record({
            HlsGroupSettings: fc.record({
              Destination: uri,
              Encryption: fc.record({ SpekeKeyProvider: fc.record({ Url: fc.constant("https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod/keys") }) }),
            }),
          }),
          fc.record({
            FileGroupSettings: fc.record({
              Destination: uri,
              DestinationSettings: fc.record({ S3Settings: fc.record({ AccessControl: fc.record({ CannedAcl: fc.constant("BUCKET_OWNER_FULL_CONTROL") }) }) }),
            }),
          }),
        ),
      }),
      { maxLength: 3 },
    ),
  });

  it("gives the same accesses, paths and unclassified values for any job written in either case (property)", () => {
    fc.assert(
      fc.property(job, (settings) => {
        const pascal = extractAccesses(classifyDocument({ Queue: queueArn("Default"), Settings: settings }, "job.json"));
        const rest = extractAccesses(classifyDocument(camel({ Queue: queueArn("Default"), Settings: settings }), "job.json"));
        expect(rest.accesses).toEqual(pascal.accesses);
        expect(rest.unclassified).toEqual(pascal.unclassified);
        expect(rest.notes).toEqual(pascal.notes);
      }),
      { numRuns: 100 },
    );
  });
});

describe("locations", () => {
  it.each<[string, ReturnType<typeof parseS3Uri>]>([
    ["s3://bucket/dir/file.mov", { bucket: "bucket", key: "dir/file.mov" }],
    ["S3://bucket/dir/", { bucket: "bucket", key: "dir/" }],
    ["s3://bucket", { bucket: "bucket", key: "" }],
    ["s3:///key", undefined],
    ["https://bucket.s3.amazonaws.com/key", undefined],
  ])("parses the S3 URI %s", (value, expected) => {
    expect(parseS3Uri(value)).toEqual(expected);
  });

  it.each<[string, ReturnType<typeof literalPrefix>]>([
    ["out/hls/master", { literal: "out/hls/master" }],
    ["out/$d$/master", { literal: "out/", variable: "$d$" }],
    ["out/show-$dt$/x", { literal: "out/show-", variable: "$dt$" }],
    ["out/$$money/x", { literal: "out/$money/x" }],
    ["out/$h%05$/x", { literal: "out/", variable: "$h%05$" }],
  ])("finds the literal start of %s", (key, expected) => {
    expect(literalPrefix(key)).toEqual(expected);
  });

  it.each<[string, ReturnType<typeof parseApiGatewayUrl>]>([
    [
      "https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod/copyProtection",
      { apiId: "a1b2c3d4e5", region: "eu-west-1", partition: "aws", stage: "prod", resourcePath: "copyProtection" },
    ],
    [
      "https://a1b2c3d4e5.execute-api.cn-north-1.amazonaws.com.cn/v1/speke/keys/",
      { apiId: "a1b2c3d4e5", region: "cn-north-1", partition: "aws-cn", stage: "v1", resourcePath: "speke/keys" },
    ],
    [
      "https://a1b2c3d4e5-vpce-0123456789abcdef0.execute-api.us-gov-west-1.amazonaws.com/prod",
      { apiId: "a1b2c3d4e5", region: "us-gov-west-1", partition: "aws-us-gov", stage: "prod", resourcePath: "" },
    ],
    ["https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/", undefined],
    ["http://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod/x", undefined],
    ["https://speke.example.com/prod/x", undefined],
  ])("maps the API Gateway URL %s", (url, expected) => {
    expect(parseApiGatewayUrl(url)).toEqual(expected);
  });
});

describe("docs/jobs.md", () => {
  it("names every field of the table, so the reference says what is read from where", () => {
    const text = fs.readFileSync(path.join("docs", "jobs.md"), "utf8");
    expect(FIELD_RULES.map((r) => r.path).filter((p) => !text.includes(`\`${p}\``))).toEqual([]);
  });
});
