import { DiagnosticSeverity, type AttributePath, type Diagnostic } from '../protocol/tfplugin6';

/**
 * A path into a value, as Terraform points at the config line: a string is an attribute name, a number a
 * list index, `{ key }` a map key.
 */
export type Path = readonly (string | number | { readonly key: string })[];

export function toAttributePath(path: Path): AttributePath {
  return {
    steps: path.map((step) =>
      typeof step === 'string'
        ? { attributeName: step }
        : typeof step === 'number'
          ? { elementKeyInt: step }
          : { elementKeyString: step.key },
    ),
  };
}

/** Collects what a handler has to tell the user; handlers return diagnostics rather than throwing. */
export class Diagnostics {
  private readonly items: Diagnostic[] = [];

  error(summary: string, detail?: string, path?: Path): void {
    this.items.push(make(DiagnosticSeverity.ERROR, summary, detail, path));
  }

  warning(summary: string, detail?: string, path?: Path): void {
    this.items.push(make(DiagnosticSeverity.WARNING, summary, detail, path));
  }

  add(...diagnostics: Diagnostic[]): void {
    this.items.push(...diagnostics);
  }

  get hasErrors(): boolean {
    return this.items.some((d) => d.severity === DiagnosticSeverity.ERROR);
  }

  get list(): Diagnostic[] {
    return [...this.items];
  }
}

function make(severity: DiagnosticSeverity, summary: string, detail?: string, path?: Path): Diagnostic {
  const d: Diagnostic = { severity, summary };
  if (detail !== undefined) d.detail = detail;
  if (path !== undefined && path.length > 0) d.attribute = toAttributePath(path);
  return d;
}
