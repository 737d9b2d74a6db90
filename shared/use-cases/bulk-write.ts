/**
 * Records made one by one (each checked and built as its single create would: the record, or the error
 * that refused it), then written together by `many`, several to a transaction. A write refused as a whole
 * (a guard taken meanwhile, an employer changed) is done again one by one with `one`, so each record gets
 * its own answer. In the inputs' order: each record, or the error that refused it.
 */
export async function writeInBulk<M, R>(
  made: readonly (M | Error)[],
  write: { many: (ready: M[]) => Promise<void>; one: (m: M) => Promise<void> },
  record: (m: M) => R,
): Promise<(R | Error)[]> {
  const ready = made.filter((m): m is M => !(m instanceof Error));
  try {
    await write.many(ready);
    return made.map((m) => (m instanceof Error ? m : record(m)));
  } catch {
    return Promise.all(
      made.map(async (m) => {
        if (m instanceof Error) return m;
        try {
          await write.one(m);
          return record(m);
        } catch (err) {
          return toError(err);
        }
      }),
    );
  }
}

export const toError = (err: unknown) => (err instanceof Error ? err : new Error(String(err)));
