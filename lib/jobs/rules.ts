/**
 * Which job settings fields name something the service role must reach, as data: a settings
 * path (matched at the end of a field's path, PascalCase) with what the field is and a short
 * label. `[]` stands for any list index and `*` for any map key (an audio selector's name).
 *
 * A field of the SDK's model that speaks of S3 locations, URLs or secrets is either here with
 * its kind, or here as `not-a-location` with the reason (`__tests__/jobs-sdk-model.test.ts`
 * fails otherwise). Any other field whose value starts with `s3://` is read by the generic walk
 * and reported as unclassified.
 */

/** What a field's value is, and so what it needs. */
export type RuleKind =
  /** `Inputs[].FileInput`: an object read; an IMF CPL (`.xml`) reads its package's folder; HTTP(S) and TAMS need no S3. */
  | "input"
  /** One S3 object read (`s3:GetObject`); HTTP(S) needs nothing. */
  | "read"
  /** A folder read: a folder URI with a trailing `/`, or a file (ASSETMAP.xml) whose folder is read. */
  | "read-folder"
  /** A `.mov` read, or the first of a numbered `.png` sequence: the sequence's common prefix is read. */
  | "read-sequence"
  /** An output group's Destination (`s3://bucket/dir/basename`): `s3:PutObject` under `dir/`. */
  | "destination"
  /** A folder written (`s3:PutObject` under it). */
  | "write-folder"
  /** A canned ACL on a destination: `s3:PutObjectAcl` on the destination's folder. */
  | "canned-acl"
  /** A job-level SSE-KMS key: `kms:Encrypt` and `kms:GenerateDataKey` through S3. */
  | "job-key"
  /** The destination's encryption type: SSE-KMS without a key ARN is S3's AWS managed key (a note). */
  | "encryption-type"
  /** A URL MediaConvert calls: `execute-api:Invoke` when it is an API Gateway URL, a note otherwise. */
  | "api"
  /** A URL MediaConvert calls outside AWS: a note, nothing to grant. */
  | "external-url"
  /** A Secrets Manager secret by name or ARN: `secretsmanager:GetSecretValue`. */
  | "secret"
  /** A KMS key MediaConvert signs with, directly: `kms:Sign`. */
  | "signing-key"
  /** An EventBridge connection: `events:RetrieveConnectionCredentials` and its secret. */
  | "connection"
  /** A client-side encrypted input: `kms:Decrypt` on a key the job does not name (undecidable). */
  | "decryption"
  /** Not a location the role reaches; `reason` says why. */
  | "not-a-location";

/** One row of the table. */
export interface FieldRule {
  /** The end of the field's settings path, PascalCase: `AudioSelectors.*.ExternalAudioFileInput`. */
  readonly path: string;
  readonly kind: RuleKind;
  /** How a report names what the field is: "HLS destination". */
  readonly label: string;
  /** For `not-a-location`: why the role needs nothing for it. */
  readonly reason?: string;
}

const fonts = (settings: string, label: string): FieldRule[] =>
  ["FontFileRegular", "FontFileBold", "FontFileItalic", "FontFileBoldItalic"].map((f) => ({ path: `${settings}.${f}`, kind: "read", label }));

const OUTPUT_NAMES = "part of the output file names under the group's Destination, which the destination's write covers";
const MANIFEST_TEXT = "text written into the manifest for players; MediaConvert neither reads nor writes there";

/** The table: every field the extraction knows. */
export const FIELD_RULES: readonly FieldRule[] = [
  // Reads
  { path: "Inputs[].FileInput", kind: "input", label: "input file" },
  { path: "Inputs[].SupplementalImps[]", kind: "read-folder", label: "supplemental IMP" },
  { path: "Inputs[].DolbyVisionMetadataXml", kind: "read", label: "Dolby Vision metadata XML" },
  { path: "ImageInserter.InsertableImages[].ImageInserterInput", kind: "read", label: "image inserter image" },
  { path: "MotionImageInserter.Input", kind: "read-sequence", label: "motion image inserter" },
  { path: "MotionImageInserters[].Input", kind: "read-sequence", label: "motion image inserter" },
  { path: "AvailBlanking.AvailBlankingImage", kind: "read", label: "avail-blanking image" },
  { path: "CaptionSelectors.*.SourceSettings.FileSourceSettings.SourceFile", kind: "read", label: "sidecar caption source" },
  { path: "AudioSelectors.*.ExternalAudioFileInput", kind: "read", label: "external audio file" },
  { path: "DynamicAudioSelectors.*.ExternalAudioFileInput", kind: "read", label: "external audio file" },
  { path: "VideoOverlays[].Input.FileInput", kind: "read", label: "video overlay" },
  { path: "MultiViewSettings[].Input.FileInput", kind: "read", label: "multi-view (right eye) input" },
  { path: "VideoGenerator.ImageInput", kind: "read", label: "video generator image" },
  { path: "ColorConversion3DLUTSettings[].FileInput", kind: "read", label: "3D LUT file" },
  { path: "NielsenNonLinearWatermark.AdiFilename", kind: "read", label: "Nielsen ADI file" },
  ...fonts("BurninDestinationSettings", "burn-in captions font"),
  ...fonts("DvbSubDestinationSettings", "DVB-Sub captions font"),
  // Writes
  { path: "OutputGroupSettings.FileGroupSettings.Destination", kind: "destination", label: "file group destination" },
  { path: "OutputGroupSettings.HlsGroupSettings.Destination", kind: "destination", label: "HLS destination" },
  { path: "OutputGroupSettings.DashIsoGroupSettings.Destination", kind: "destination", label: "DASH destination" },
  { path: "OutputGroupSettings.CmafGroupSettings.Destination", kind: "destination", label: "CMAF destination" },
  { path: "OutputGroupSettings.MsSmoothGroupSettings.Destination", kind: "destination", label: "Microsoft Smooth destination" },
  { path: "KantarWatermark.LogDestination", kind: "write-folder", label: "Kantar log destination" },
  { path: "NielsenNonLinearWatermark.MetadataDestination", kind: "write-folder", label: "Nielsen metadata destination" },
  { path: "DestinationSettings.S3Settings.AccessControl.CannedAcl", kind: "canned-acl", label: "canned ACL" },
  // KMS
  { path: "DestinationSettings.S3Settings.Encryption.KmsKeyArn", kind: "job-key", label: "job-level output key" },
  { path: "DestinationSettings.S3Settings.Encryption.EncryptionType", kind: "encryption-type", label: "output encryption" },
  { path: "Inputs[].DecryptionSettings.EncryptedDecryptionKey", kind: "decryption", label: "client-side encrypted input" },
  { path: "Mp4Settings.SigningKmsKey", kind: "signing-key", label: "C2PA signing key" },
  { path: "MpdSettings.SigningKmsKey", kind: "signing-key", label: "C2PA signing key" },
  { path: "CmfcSettings.SigningKmsKey", kind: "signing-key", label: "C2PA signing key" },
  // API Gateway and other endpoints
  { path: "HlsGroupSettings.Encryption.SpekeKeyProvider.Url", kind: "api", label: "HLS SPEKE key server" },
  { path: "DashIsoGroupSettings.Encryption.SpekeKeyProvider.Url", kind: "api", label: "DASH SPEKE key server" },
  { path: "CmafGroupSettings.Encryption.SpekeKeyProvider.Url", kind: "api", label: "CMAF SPEKE key server" },
  { path: "MsSmoothGroupSettings.Encryption.SpekeKeyProvider.Url", kind: "api", label: "Microsoft Smooth SPEKE key server" },
  { path: "NielsenNonLinearWatermark.TicServerUrl", kind: "api", label: "Nielsen TIC server" },
  { path: "KantarWatermark.KantarServerUrl", kind: "external-url", label: "Kantar server" },
  // Secrets and connections
  { path: "KantarWatermark.CredentialsSecretName", kind: "secret", label: "Kantar credentials secret" },
  { path: "Mp4Settings.CertificateSecret", kind: "secret", label: "C2PA certificate secret" },
  { path: "MpdSettings.CertificateSecret", kind: "secret", label: "C2PA certificate secret" },
  { path: "CmfcSettings.CertificateSecret", kind: "secret", label: "C2PA certificate secret" },
  { path: "Inputs[].TamsSettings.AuthConnectionArn", kind: "connection", label: "TAMS authorization connection" },
  // Fields that speak of locations, URLs or keys but need nothing of the role
  {
    path: "DestinationSettings.S3Settings.Encryption.KmsEncryptionContext",
    kind: "not-a-location",
    label: "output encryption context",
    reason: "the encryption context of the job-level key; the key's grant covers it",
  },
  {
    path: "Inputs[].DecryptionSettings.InitializationVector",
    kind: "not-a-location",
    label: "client-side encryption IV",
    reason: "the initialization vector of the client-side encryption, a value, not a location",
  },
  {
    path: "Inputs[].DecryptionSettings.KmsKeyRegion",
    kind: "not-a-location",
    label: "client-side encryption key region",
    reason: "the region of the key that encrypted the data key; reported with the undecidable decryption key",
  },
  {
    path: "Encryption.StaticKeyProvider.Url",
    kind: "not-a-location",
    label: "static key URL",
    reason: "the key's URL written into the manifest for players; MediaConvert does not call it",
  },
  {
    path: "Encryption.SpekeKeyProvider.CertificateArn",
    kind: "not-a-location",
    label: "SPEKE certificate",
    reason: "an AWS Certificate Manager certificate associated with MediaConvert (AssociateCertificate), used by the service, not through the role",
  },
  { path: "HlsGroupSettings.BaseUrl", kind: "not-a-location", label: "HLS base URL", reason: MANIFEST_TEXT },
  { path: "DashIsoGroupSettings.BaseUrl", kind: "not-a-location", label: "DASH base URL", reason: MANIFEST_TEXT },
  { path: "CmafGroupSettings.BaseUrl", kind: "not-a-location", label: "CMAF base URL", reason: MANIFEST_TEXT },
  { path: "CmfcSettings.TimedMetadataSchemeIdUri", kind: "not-a-location", label: "timed metadata scheme", reason: "a scheme identifier written into the output, never fetched" },
  { path: "MpdSettings.TimedMetadataSchemeIdUri", kind: "not-a-location", label: "timed metadata scheme", reason: "a scheme identifier written into the output, never fetched" },
  { path: "Outputs[].NameModifier", kind: "not-a-location", label: "name modifier", reason: OUTPUT_NAMES },
  { path: "DashIsoGroupSettings.DashIFrameTrickPlayNameModifier", kind: "not-a-location", label: "trick-play name modifier", reason: OUTPUT_NAMES },
  { path: "CmafGroupSettings.DashIFrameTrickPlayNameModifier", kind: "not-a-location", label: "trick-play name modifier", reason: OUTPUT_NAMES },
  {
    path: "Esam.SignalProcessingNotification.SccXml",
    kind: "not-a-location",
    label: "ESAM signal processing XML",
    reason: "an XML document inline in the settings, not a location",
  },
  {
    path: "Esam.ManifestConfirmConditionNotification.MccXml",
    kind: "not-a-location",
    label: "ESAM manifest XML",
    reason: "an XML document inline in the settings, not a location",
  },
];

// ---------------------------------------------------------------------------------------------
// Matching a field's path against the table

/** A path token: a field name, `[]` (any index) or `*` (any map key). */
type Token = string;

/** One step of a concrete path: a field, a list index, or a map key (a name the user chose). */
export type PathStep = { readonly field: string } | { readonly index: number } | { readonly mapKey: string };

/** A map key in the compact steps the walk uses. */
export class MapKey {
  constructor(public readonly key: string) {}
}

/**
 * The compact form of a step the walk keeps (no object per field or index): a field name is a
 * string, a list index a number, a map key a {@link MapKey}.
 */
export type Step = string | number | MapKey;

interface CompiledRule {
  readonly rule: FieldRule;
  readonly tokens: readonly Token[];
}

/** `A.B[].C.*.D` -> ["A", "B", "[]", "C", "*", "D"]. */
function tokenize(pattern: string): Token[] {
  return pattern.split(".").flatMap((part) => {
    const out: Token[] = [];
    const m = /^([^[]*)((?:\[\])*)$/.exec(part);
    if (!m) throw new Error(`FIELD_RULES: bad path ${JSON.stringify(pattern)}`);
    if (m[1] !== "") out.push(m[1]);
    for (let i = 0; i < m[2].length / 2; i++) out.push("[]");
    return out;
  });
}

/** Rules by the last field name of their path, longest (most specific) first. */
const BY_FIELD: ReadonlyMap<string, readonly CompiledRule[]> = (() => {
  const map = new Map<string, CompiledRule[]>();
  for (const rule of FIELD_RULES) {
    const tokens = tokenize(rule.path);
    const last = [...tokens].reverse().find((t) => t !== "[]" && t !== "*")!;
    const list = map.get(last) ?? [];
    list.push({ rule, tokens });
    map.set(last, list);
  }
  for (const list of map.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
  return map;
})();

function matches(tokens: readonly Token[], steps: readonly Step[]): boolean {
  let s = steps.length - 1;
  for (let t = tokens.length - 1; t >= 0; t--, s--) {
    if (s < 0) return false;
    const token = tokens[t];
    const step = steps[s];
    if (token === "[]") {
      if (typeof step !== "number") return false;
    } else if (token === "*") {
      if (!(step instanceof MapKey)) return false;
    } else if (step !== token) return false;
  }
  return true;
}

/** The last field name among the steps (the field of a list item is the list's). */
function lastField(steps: readonly Step[]): string | undefined {
  for (let i = steps.length - 1; i >= 0; i--) {
    const step = steps[i];
    if (typeof step === "string") return step;
  }
  return undefined;
}

/** The rule for the field at the end of compact steps, if the table has one. */
export function ruleForSteps(steps: readonly Step[]): FieldRule | undefined {
  const field = lastField(steps);
  const candidates = field === undefined ? undefined : BY_FIELD.get(field);
  if (candidates === undefined) return undefined;
  for (const c of candidates) if (matches(c.tokens, steps)) return c.rule;
  return undefined;
}

/** Compact steps from path steps. */
export function toSteps(steps: readonly PathStep[]): Step[] {
  return steps.map((step) => ("field" in step ? step.field : "index" in step ? step.index : new MapKey(step.mapKey)));
}

/** The rule for the field at the end of `steps`, if the table has one. */
export function ruleFor(steps: readonly PathStep[]): FieldRule | undefined {
  return ruleForSteps(toSteps(steps));
}

/**
 * Parses a written settings path into steps: `Settings.Inputs[0].AudioSelectors["Audio Selector 1"].ExternalAudioFileInput`.
 * A map key is written `["..."]` (JSON string); a number in brackets is a list index.
 */
export function parsePath(text: string): PathStep[] {
  const steps: PathStep[] = [];
  const re = /\.?([A-Za-z0-9_]+)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/gy;
  let m: RegExpExecArray | null;
  let last = 0;
  while ((m = re.exec(text)) !== null) {
    if (m[1] !== undefined) steps.push({ field: m[1] });
    else if (m[2] !== undefined) steps.push({ index: Number(m[2]) });
    else steps.push({ mapKey: JSON.parse(m[3]) as string });
    last = re.lastIndex;
  }
  if (last !== text.length) throw new Error(`not a settings path: ${JSON.stringify(text)}`);
  return steps;
}

/** Writes compact steps as a path: fields joined with `.`, `[0]` for list items, `["key"]` for map keys. */
export function formatSteps(steps: readonly Step[]): string {
  let out = "";
  for (const step of steps) {
    if (typeof step === "string") out += out === "" ? step : `.${step}`;
    else if (typeof step === "number") out += `[${step}]`;
    else out += `[${JSON.stringify(step.key)}]`;
  }
  return out;
}

/** Writes steps as a path (see {@link parsePath}). */
export function formatPath(steps: readonly PathStep[]): string {
  return formatSteps(toSteps(steps));
}

/** The rule for a written settings path (see {@link parsePath}). */
export function ruleForPath(text: string): FieldRule | undefined {
  return ruleFor(parsePath(text));
}
