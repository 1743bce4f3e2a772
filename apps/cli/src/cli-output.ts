/** Where commands write; tests swap it for a buffer. */
export interface CliOutput {
  line(text: string): void;
}

export const CLI_OUTPUT = Symbol('CliOutput');

export const consoleOutput: CliOutput = { line: (text) => process.stdout.write(`${text}\n`) };
