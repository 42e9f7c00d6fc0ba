import { readFileSync, writeFileSync } from 'node:fs';
import { EXPLAIN_USAGE, type ParsedArgs, parseArgs, USAGE } from './args';
import { type CommandResult, explainHarText } from './explain';
import { PROBE_USAGE } from './probe/args';
import { type ProbeIo, probeConfig, probeOne } from './probe/command';
import { nodeSend } from './probe/http';
import { printable, terminalSafe } from './terminal';
import { CLI_VERSION } from './version';

/** A file's content: text, or bytes to decode as UTF-8 (invalid bytes warn, never silently). */
export type ReadInput = (file: string) => string | Uint8Array;

/** UTF-8 → text; bytes that are not UTF-8 become U+FFFD, counted in a warning. */
export function decodeUtf8(bytes: Uint8Array, file: string): { text: string; warning: string } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), warning: '' };
  } catch {
    const text = new TextDecoder('utf-8').decode(bytes);
    const replaced = [...text].filter((c) => c === '\ufffd').length;
    const warning = `cors-lens: ${file}: warning: not valid UTF-8; ${replaced} invalid byte sequence${replaced === 1 ? '' : 's'} read as U+FFFD\n`;
    return { text, warning };
  }
}

function usageFor(args: Extract<ParsedArgs, { command: 'help' }>): string {
  if (args.topic === 'probe') return PROBE_USAGE;
  if (args.topic === 'explain') return EXPLAIN_USAGE;
  return USAGE;
}

/** `cors-lens explain` (synchronous: no network): arguments and files in, text and a status out. */
export function run(argv: readonly string[], readInput: ReadInput): CommandResult {
  const args = parseArgs(argv);
  // The message may quote what was typed (a --method with CR/LF): one line, escaped.
  if ('error' in args)
    return { code: 2, stdout: '', stderr: `cors-lens: ${printable(args.error)}\n\n${args.usage ?? USAGE}\n` };
  if (args.command === 'help') return { code: 0, stdout: `${usageFor(args)}\n`, stderr: '' };
  if (args.command === 'version') return { code: 0, stdout: `cors-lens ${CLI_VERSION}\n`, stderr: '' };
  if (args.command !== 'explain') return { code: 2, stdout: '', stderr: 'cors-lens: probe needs main()\n' };
  let input: string | Uint8Array;
  try {
    input = readInput(args.file);
  } catch (caught) {
    const reason = caught instanceof Error ? caught.message : String(caught);
    return { code: 2, stdout: '', stderr: `cors-lens: cannot read ${args.file}: ${reason}\n` };
  }
  const { text, warning } =
    typeof input === 'string'
      ? { text: input, warning: '' }
      : decodeUtf8(input, args.file === '-' ? 'stdin' : args.file);
  return terminalResult(explainHarText(text, args, warning));
}

/** Every byte the CLI prints, in every format, passes `terminalSafe` here last. */
function terminalResult(result: CommandResult): CommandResult {
  return { ...result, stdout: terminalSafe(result.stdout), stderr: terminalSafe(result.stderr) };
}

/** Every command: `explain` as `run`, `probe` over the network given in `io`. */
export async function main(
  argv: readonly string[],
  readInput: ReadInput,
  io: ProbeIo,
): Promise<CommandResult> {
  const args = parseArgs(argv);
  if (!('error' in args) && args.command === 'probe') return terminalResult(await probeOne(args, io));
  if (!('error' in args) && args.command === 'probe-config')
    return terminalResult(await probeConfig(args, io));
  return run(argv, readInput);
}

function progressLine(): ProbeIo['progress'] {
  const tty = process.stderr.isTTY === true;
  return (done, total, label) => {
    if (total < 2) return;
    const what = printable(label);
    if (tty) process.stderr.write(done === total ? '\r\u001b[K' : `\r\u001b[K[${done + 1}/${total}] ${what}`);
    else if (done < total && total >= 10) process.stderr.write(`[${done + 1}/${total}] ${what}\n`);
  };
}

// Run only when executed (the bundled bin, or `tsx src/cli/cors-lens.ts`), not when imported.
const invoked = process.argv[1] ?? '';
if (/cors-lens(\.[cm]?[jt]s)?$/.test(invoked)) {
  const io: ProbeIo = {
    send: nodeSend,
    readText: (file) => readFileSync(file, 'utf8'),
    writeText: (file, text) => writeFileSync(file, text),
    progress: progressLine(),
    now: () => performance.now(),
  };
  const readInput: ReadInput = (file) => readFileSync(file === '-' ? 0 : file);
  let done = false;
  // Nothing left to wait for and no answer: never a silent exit 0 (a CI gate would pass).
  process.on('beforeExit', () => {
    if (done) return;
    done = true;
    process.stderr.write('cors-lens: internal error: the command ended without a result\n');
    process.exitCode = 2;
  });
  main(process.argv.slice(2), readInput, io).then(
    (result) => {
      done = true;
      process.stdout.write(result.stdout);
      process.stderr.write(result.stderr);
      process.exitCode = result.code;
    },
    (error: unknown) => {
      done = true;
      process.stderr.write(
        `cors-lens: internal error: ${printable(error instanceof Error ? error.message : String(error))}\n`,
      );
      process.exitCode = 2;
    },
  );
}
