/**
 * Orders that are the same on every machine. `localeCompare` follows the locale of the process
 * (`LANG`): under `da_DK`, "aa" sorts after "z", so synthesized JSON would differ from one
 * developer's machine to another's. Text is ordered by its UTF-16 code units instead.
 */

/** Compares two strings by their UTF-16 code units, whatever the locale. */
export const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
