import { paint, SGR } from './ansi';
/**
 * The Dojo's own voice beside a real tool's output: ONE line starting `dojo:`, dim on a terminal,
 * plain in a pipe or a file, so it can never be mistaken for what the real tool prints.
 */
export function dojoLine(text: string, color: boolean): string {
  const line = `dojo: ${text}`;
  return `${paint(SGR.dim, line, color)}\n`;
}
