/** One name per line or comma; lowercase, trimmed, no blanks or duplicates. */
export function parseNameList(text: string): string[] {
  const names = text
    .split(/[\n,]/)
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s !== '');
  return [...new Set(names)];
}

export const MAX_RECORDS_RANGE = { min: 100, max: 100_000 } as const;

/** The per-tab bound as typed, or a message saying what is accepted. */
export function parseMaxRecords(text: string): { ok: true; value: number } | { ok: false; error: string } {
  const value = Number(text.trim());
  const { min, max } = MAX_RECORDS_RANGE;
  if (!Number.isInteger(value) || value < min || value > max) {
    return { ok: false, error: `Max records per tab must be a whole number from ${min} to ${max}.` };
  }
  return { ok: true, value };
}
