import { decode, encode } from '../../../src/provider/protocol/codec';
import {
  attr,
  errorDiagnostic,
  formatAttributePath,
  hasErrors,
  index,
  key,
  warningDiagnostic,
} from '../../../src/provider/protocol/diagnostics';
import { Diagnostic } from '../../../src/provider/protocol/tfplugin6-descriptors';
import { DiagnosticSeverity } from '../../../src/provider/protocol/tfplugin6';

describe('diagnostics', () => {
  it('builds an error pointing at an attribute path', () => {
    const diagnostic = errorDiagnostic('Invalid port', 'Ports are 1-65535.', [
      attr('rule'),
      index(0),
      attr('labels'),
      key('env'),
    ]);
    expect(diagnostic).toEqual({
      severity: DiagnosticSeverity.ERROR,
      summary: 'Invalid port',
      detail: 'Ports are 1-65535.',
      attribute: {
        steps: [
          { attributeName: 'rule' },
          { elementKeyInt: 0 },
          { attributeName: 'labels' },
          { elementKeyString: 'env' },
        ],
      },
    });
    expect(decode(Diagnostic, encode(Diagnostic, diagnostic))).toEqual(diagnostic);
    expect(formatAttributePath(diagnostic.attribute!)).toBe('rule[0].labels["env"]');
  });

  it('leaves out an empty detail and path', () => {
    expect(warningDiagnostic('Deprecated')).toEqual({
      severity: DiagnosticSeverity.WARNING,
      summary: 'Deprecated',
    });
    expect(warningDiagnostic('Deprecated', '', [])).toEqual({
      severity: DiagnosticSeverity.WARNING,
      summary: 'Deprecated',
    });
  });

  it('tells whether any diagnostic is an error', () => {
    expect(hasErrors(undefined)).toBe(false);
    expect(hasErrors([warningDiagnostic('w')])).toBe(false);
    expect(hasErrors([warningDiagnostic('w'), errorDiagnostic('e')])).toBe(true);
  });
});
