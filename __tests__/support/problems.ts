import { MediaConvertValidationError } from "../../lib";

/** Runs `fn`, expects a MediaConvertValidationError and returns its problems. */
export function problemsOf(fn: () => unknown): readonly string[] {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(MediaConvertValidationError);
    return (e as MediaConvertValidationError).problems;
  }
  throw new Error("expected a MediaConvertValidationError, but nothing was thrown");
}
