// Escaping for Markdown that is pasted into GitHub or Jira: values from the wire must render as
// text, never as markup, links, HTML or table structure.

/**
 * Text for a table cell or a sentence: Markdown and HTML specials escaped (`$` starts math on
 * GitHub), one line. `@name` would ping a user and `#123` link an issue: a word joiner (U+2060,
 * invisible) after `@` and `#` breaks both; an escape would not, as GitHub finds mentions in the
 * rendered text.
 */
export function mdText(value: string): string {
  return value
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/[\\`*_[\]|~$]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([@#])(?=[\p{L}\p{N}_])/gu, '$1\u2060');
}

/** An inline code span whose delimiter outgrows any backtick run inside; one line. */
export function mdCode(value: string): string {
  const flat = value.replace(/[\r\n]+/g, ' ');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || flat === '' ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** A fenced block whose fence is longer than any backtick run inside, so nothing escapes it. */
export function mdFence(body: string, language = ''): string {
  const longest = Math.max(0, ...(body.match(/`{3,}/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${language}\n${body.replace(/\n$/, '')}\n${fence}`;
}

/** A Markdown link whose URL cannot close the link or carry markup. */
export function mdLink(text: string, url: string): string {
  return `[${mdText(text)}](<${url.replace(/[<>\s]/g, encodeURIComponent)}>)`;
}
