/** JUnit XML (the subset GitHub Actions, GitLab and Jenkins read): one testcase per check. */
export interface JunitCase {
  readonly classname: string;
  readonly name: string;
  readonly seconds: number;
  readonly failure?: string;
  readonly error?: string;
}

// XML 1.0 allows tab, LF, CR and from U+0020 on; anything else is dropped, not escaped.
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export function xmlEscape(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export function junitXml(suite: string, cases: readonly JunitCase[]): string {
  const failures = cases.filter((c) => c.failure !== undefined).length;
  const errors = cases.filter((c) => c.error !== undefined).length;
  const time = cases.reduce((sum, c) => sum + c.seconds, 0).toFixed(3);
  const head = `tests="${cases.length}" failures="${failures}" errors="${errors}" time="${time}"`;
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="${xmlEscape(suite)}" ${head}>`];
  lines.push(`  <testsuite name="${xmlEscape(suite)}" ${head}>`);
  for (const c of cases) {
    const open = `    <testcase classname="${xmlEscape(c.classname)}" name="${xmlEscape(c.name)}" time="${c.seconds.toFixed(3)}"`;
    if (c.failure !== undefined) {
      lines.push(
        `${open}>`,
        `      <failure message="${xmlEscape(c.failure)}">${xmlEscape(c.failure)}</failure>`,
        '    </testcase>',
      );
    } else if (c.error !== undefined) {
      lines.push(
        `${open}>`,
        `      <error message="${xmlEscape(c.error)}">${xmlEscape(c.error)}</error>`,
        '    </testcase>',
      );
    } else lines.push(`${open}/>`);
  }
  lines.push('  </testsuite>', '</testsuites>');
  return `${lines.join('\n')}\n`;
}
