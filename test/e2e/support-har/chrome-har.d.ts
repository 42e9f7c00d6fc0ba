// chrome-har ships no types; the one function the corpus test calls.
declare module 'chrome-har' {
  export function harFromMessages(
    messages: readonly { method: string; params: unknown }[],
    options?: { includeResourcesFromDiskCache?: boolean; includeTextFromResponseBody?: boolean },
  ): unknown;
}
