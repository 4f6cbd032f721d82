/**
 * Gathers accesses, notes and undecidables: equal ones (same resource, actions and context)
 * become one, keeping every origin; the results are sorted, so the same jobs give the same
 * report whatever order they are read in.
 */
import type { Access, AccessOrigin, Note, Undecidable } from "./model";
import { ACCESS_KINDS } from "./model";

/** An access without its origins (Omit over each member of the union). */
export type Draft = Access extends infer A ? (A extends Access ? Omit<A, "origins"> : never) : never;

/** The identity of an access: everything but its origins (and a write's base names). */
export function accessKey(a: Draft): string {
  switch (a.kind) {
    case "s3:read":
      return `s3:read ${a.partition ?? ""} ${a.bucket} ${a.key} ${a.match}`;
    case "s3:write":
      return `s3:write ${a.partition ?? ""} ${a.bucket} ${a.prefix}`;
    case "s3:acl":
      return `s3:acl ${a.partition ?? ""} ${a.bucket} ${a.prefix} ${a.cannedAcl}`;
    case "kms":
      return `kms ${a.keyArn} ${a.via} ${a.actions.join(",")} ${JSON.stringify(a.context)}`;
    case "execute-api":
      return `execute-api ${a.partition} ${a.region} ${a.accountId ?? ""} ${a.apiId} ${a.stage} ${a.method} ${a.resourcePath}`;
    case "secret":
      return `secret ${a.partition ?? ""} ${a.region ?? ""} ${a.accountId ?? ""} ${a.match} ${a.name} ${a.actions.join(",")}`;
    case "events:connection":
      return `events:connection ${a.arn}`;
    case "queue":
      return `queue ${a.partition ?? ""} ${a.region ?? ""} ${a.accountId ?? ""} ${a.name}`;
  }
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
export const compareOrigins = (a: AccessOrigin, b: AccessOrigin): number => compare(a.entry, b.entry) || compare(a.path, b.path) || compare(a.value, b.value);

/** Origins sorted, each once. */
export function sortOrigins(origins: AccessOrigin[]): AccessOrigin[] {
  origins.sort(compareOrigins);
  let kept = 0;
  for (let i = 0; i < origins.length; i++) if (kept === 0 || compareOrigins(origins[kept - 1], origins[i]) !== 0) origins[kept++] = origins[i];
  origins.length = kept;
  return origins;
}

interface AccessSlot {
  readonly key: string;
  readonly draft: Draft;
  readonly origins: AccessOrigin[];
  basenames?: Set<string>;
}

/** Accumulates accesses, notes and undecidables, merging equal ones and keeping every origin. */
export class Collector {
  private readonly accesses = new Map<string, AccessSlot>();
  private readonly notes = new Map<string, { note: Omit<Note, "origins">; origins: AccessOrigin[] }>();
  private readonly undecidables = new Map<string, { u: Omit<Undecidable, "origins">; origins: AccessOrigin[] }>();

  access(draft: Draft, origin: AccessOrigin, basename?: string): void {
    this.addAccess(accessKey(draft), draft, [origin], basename === undefined ? undefined : [basename]);
  }

  /** Adds an access by its key (computed once by whoever collected it first). */
  addAccess(key: string, draft: Draft, origins: readonly AccessOrigin[], basenames?: Iterable<string>): void {
    let slot = this.accesses.get(key);
    if (slot === undefined) {
      slot = { key, draft, origins: [] };
      this.accesses.set(key, slot);
    }
    for (const o of origins) slot.origins.push(o);
    if (basenames !== undefined) for (const b of basenames) (slot.basenames ??= new Set()).add(b);
  }

  note(note: Omit<Note, "origins">, origin: AccessOrigin): void {
    this.addNote(note, [origin]);
  }

  addNote(note: Omit<Note, "origins">, origins: readonly AccessOrigin[]): void {
    const key = `${note.kind}\u0000${note.subject}`;
    let slot = this.notes.get(key);
    if (slot === undefined) {
      slot = { note, origins: [] };
      this.notes.set(key, slot);
    }
    for (const o of origins) slot.origins.push(o);
  }

  undecidable(u: Omit<Undecidable, "origins">, origins: readonly AccessOrigin[]): void {
    const key = `${u.kind}\u0000${u.subject}\u0000${u.actions.join(",")}`;
    let slot = this.undecidables.get(key);
    if (slot === undefined) {
      slot = { u, origins: [] };
      this.undecidables.set(key, slot);
    }
    for (const o of origins) slot.origins.push(o);
  }

  /** The buckets of the reads or writes so far, with the origins that touch each. */
  buckets(kind: "s3:read" | "s3:write"): Map<string, AccessOrigin[]> {
    const out = new Map<string, AccessOrigin[]>();
    for (const { draft, origins } of this.accesses.values()) {
      if (draft.kind !== kind) continue;
      const list = out.get(draft.bucket);
      if (list === undefined) out.set(draft.bucket, [...origins]);
      else for (const o of origins) list.push(o);
    }
    return out;
  }

  /** Everything collected, sorted; `keys[i]` is the key of `accesses[i]` (for merging). */
  results(): { accesses: Access[]; keys: string[]; notes: Note[]; undecidables: Undecidable[] } {
    const slots = [...this.accesses.values()].sort((a, b) => ACCESS_KINDS.indexOf(a.draft.kind) - ACCESS_KINDS.indexOf(b.draft.kind) || compare(a.key, b.key));
    const accesses = slots.map(
      (slot) =>
        (slot.draft.kind === "s3:write"
          ? { ...slot.draft, basenames: [...(slot.basenames ?? [])].sort(compare), origins: sortOrigins(slot.origins) }
          : { ...slot.draft, origins: sortOrigins(slot.origins) }) as Access,
    );
    const byKey = <T>(m: Map<string, T>): T[] => [...m.entries()].sort(([a], [b]) => compare(a, b)).map(([, v]) => v);
    return {
      accesses,
      keys: slots.map((s) => s.key),
      notes: byKey(this.notes).map((s) => ({ ...s.note, origins: sortOrigins(s.origins) })),
      undecidables: byKey(this.undecidables).map((s) => ({ ...s.u, origins: sortOrigins(s.origins) })),
    };
  }
}
