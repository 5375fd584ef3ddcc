/**
 * Building tfplugin6 diagnostics. With an attribute path, Terraform underlines the attribute in the user's
 * configuration, so validation errors should always carry one.
 */
import type { AttributePath, AttributePathStep, Diagnostic } from './tfplugin6';
import { DiagnosticSeverity } from './tfplugin6';

/** Step constructors, so a path reads like the HCL it points at: `[attr('rule'), index(0), attr('port')]`. */
export const attr = (name: string): AttributePathStep => ({ attributeName: name });
export const key = (mapKey: string): AttributePathStep => ({ elementKeyString: mapKey });
export const index = (position: number): AttributePathStep => ({ elementKeyInt: position });

export function attributePath(steps: readonly AttributePathStep[]): AttributePath {
  return { steps: [...steps] };
}

function diagnostic(
  severity: DiagnosticSeverity,
  summary: string,
  detail: string | undefined,
  path: readonly AttributePathStep[] | undefined,
): Diagnostic {
  const result: Diagnostic = { severity, summary };
  if (detail !== undefined && detail !== '') result.detail = detail;
  if (path !== undefined && path.length > 0) result.attribute = attributePath(path);
  return result;
}

export function errorDiagnostic(
  summary: string,
  detail?: string,
  path?: readonly AttributePathStep[],
): Diagnostic {
  return diagnostic(DiagnosticSeverity.ERROR, summary, detail, path);
}

export function warningDiagnostic(
  summary: string,
  detail?: string,
  path?: readonly AttributePathStep[],
): Diagnostic {
  return diagnostic(DiagnosticSeverity.WARNING, summary, detail, path);
}

export function hasErrors(diagnostics: readonly Diagnostic[] | undefined): boolean {
  return (diagnostics ?? []).some((d) => d.severity === DiagnosticSeverity.ERROR);
}

/** Human text of an attribute path in Terraform's own notation: `rule[0].port`, `labels["env"]`. */
export function formatAttributePath(path: AttributePath): string {
  let text = '';
  for (const step of path.steps) {
    if ('attributeName' in step) text += text === '' ? step.attributeName : `.${step.attributeName}`;
    else if ('elementKeyString' in step) text += `[${JSON.stringify(step.elementKeyString)}]`;
    else text += `[${step.elementKeyInt}]`;
  }
  return text;
}
