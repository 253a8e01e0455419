/**
 * Colour for the terminal, in one place, through picocolors: on when the stream is a terminal and NO_COLOR is unset
 * (https://no-color.org), off otherwise. Renderers take a `Style`; libraries name colours, the CLI paints them.
 */
import type { PlanStyle } from '@zlc/engine';
import pc from 'picocolors';

export type Style = PlanStyle;

/** True when colour goes to this stream: a terminal, and NO_COLOR unset. */
export function colorOn(stream: { isTTY?: boolean }): boolean {
  return Boolean(stream.isTTY) && process.env.NO_COLOR === undefined;
}

/** The palette: picocolors' functions when `enabled`, identity otherwise. */
export function styleFor(enabled: boolean): Style {
  const c = pc.createColors(enabled);
  return { green: c.green, yellow: c.yellow, red: c.red, magenta: c.magenta, cyan: c.cyan, dim: c.dim, bold: c.bold };
}
