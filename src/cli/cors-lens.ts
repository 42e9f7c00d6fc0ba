import { readFileSync } from 'node:fs';
import { parseArgs, USAGE } from './args';
import { type CommandResult, explainHarText } from './explain';

/** `cors-lens` entry point: arguments and files in, text and an exit status out. */
export function run(argv: readonly string[], readText: (file: string) => string): CommandResult {
  const args = parseArgs(argv);
  if ('error' in args) return { code: 2, stdout: '', stderr: `cors-lens: ${args.error}\n\n${USAGE}\n` };
  if (args.command === 'help') return { code: 0, stdout: `${USAGE}\n`, stderr: '' };
  let text: string;
  try {
    text = readText(args.file);
  } catch (caught) {
    const reason = caught instanceof Error ? caught.message : String(caught);
    return { code: 2, stdout: '', stderr: `cors-lens: cannot read ${args.file}: ${reason}\n` };
  }
  return explainHarText(text, args);
}

const readFromDiskOrStdin = (file: string): string => readFileSync(file === '-' ? 0 : file, 'utf8');

// Run only when executed (the bundled bin, or `tsx src/cli/cors-lens.ts`), not when imported.
const invoked = process.argv[1] ?? '';
if (/cors-lens(\.[cm]?[jt]s)?$/.test(invoked)) {
  const result = run(process.argv.slice(2), readFromDiskOrStdin);
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  process.exitCode = result.code;
}
