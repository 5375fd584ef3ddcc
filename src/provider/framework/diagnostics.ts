import {
  attr,
  attributePath,
  errorDiagnostic,
  hasErrors,
  index,
  key,
  warningDiagnostic,
} from '../protocol/diagnostics';
import type { AttributePath, AttributePathStep, Diagnostic } from '../protocol/tfplugin6';

/**
 * A path into a value, as Terraform points at the config line: a string is an attribute name, a number a
 * list index, `{ key }` a map key.
 */
export type Path = readonly (string | number | { readonly key: string })[];

function toSteps(path: Path): AttributePathStep[] {
  return path.map((step) =>
    typeof step === 'string' ? attr(step) : typeof step === 'number' ? index(step) : key(step.key),
  );
}

export function toAttributePath(path: Path): AttributePath {
  return attributePath(toSteps(path));
}

/** Collects what a handler has to tell the user; handlers return diagnostics rather than throwing. */
export class Diagnostics {
  private readonly items: Diagnostic[] = [];

  error(summary: string, detail?: string, path?: Path): void {
    this.items.push(errorDiagnostic(summary, detail, path && toSteps(path)));
  }

  warning(summary: string, detail?: string, path?: Path): void {
    this.items.push(warningDiagnostic(summary, detail, path && toSteps(path)));
  }

  add(...diagnostics: Diagnostic[]): void {
    this.items.push(...diagnostics);
  }

  get hasErrors(): boolean {
    return hasErrors(this.items);
  }

  get list(): Diagnostic[] {
    return [...this.items];
  }
}
