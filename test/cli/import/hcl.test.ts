import { ObjectExpression, Reference, type Expression } from '../../../src/cli/import/expression';
import { bodyLines, hclComments, hclExpression, hclString } from '../../../src/cli/import/hcl';

const object = (entries: [string, Expression][]) => new ObjectExpression(new Map(entries));

describe('hclString', () => {
  it('escapes quotes, backslashes and line breaks', () => {
    expect(hclString('say "hi"\\ now\nand\r\tthen')).toBe('"say \\"hi\\"\\\\ now\\nand\\r\\tthen"');
  });

  it('doubles ${ and %{ so they are not templates, and leaves lone $ and % alone', () => {
    expect(hclString('${var.x} %{ if } $5 100%')).toBe('"$${var.x} %%{ if } $5 100%"');
  });

  it('writes other control characters as \\u escapes', () => {
    expect(hclString('a\u001bb\u2028')).toBe('"a\\u001bb\\u2028"');
  });
});

describe('hclExpression', () => {
  it('writes numbers, booleans and references bare', () => {
    expect(hclExpression(300)).toEqual(['300']);
    expect(hclExpression(false)).toEqual(['false']);
    expect(hclExpression(new Reference('lightyear_instance', 'web', 'ipv4'))).toEqual([
      'lightyear_instance.web.ipv4',
    ]);
  });

  it('writes a short list of strings and references on one line', () => {
    expect(hclExpression(['a', new Reference('lightyear_ssh_key', 'k', 'id')])).toEqual([
      '["a", lightyear_ssh_key.k.id]',
    ]);
    expect(hclExpression([])).toEqual(['[]']);
  });

  it('writes a long list one element a line', () => {
    const items = Array.from({ length: 12 }, (_, i) => `2001:db8:${i}::/48`);
    const lines = hclExpression(items, '  ');
    expect(lines[0]).toBe('[');
    expect(lines[1]).toBe(`    "2001:db8:0::/48",`);
    expect(lines.at(-1)).toBe('  ]');
    expect(lines).toHaveLength(14);
  });

  it('writes a set of nested objects (firewall rules) as a list of objects', () => {
    const rules: Expression = [
      object([
        ['protocol', 'tcp'],
        ['ports', '22'],
        ['sources', ['0.0.0.0/0', '::/0']],
      ]),
      object([
        ['protocol', 'icmp'],
        ['sources', ['10.0.0.0/8']],
      ]),
    ];
    expect(
      bodyLines(
        object([
          ['name', 'web'],
          ['inbound_rules', rules],
        ]),
        '  ',
      ),
    ).toEqual([
      '  name = "web"',
      '  inbound_rules = [',
      '    {',
      '      protocol = "tcp"',
      '      ports    = "22"',
      '      sources  = ["0.0.0.0/0", "::/0"]',
      '    },',
      '    {',
      '      protocol = "icmp"',
      '      sources  = ["10.0.0.0/8"]',
      '    },',
      '  ]',
    ]);
  });
});

describe('bodyLines', () => {
  it('aligns = over runs of one-line arguments, as terraform fmt does', () => {
    expect(
      bodyLines(
        object([
          ['type', 'A'],
          ['data', new Reference('lightyear_instance', 'web', 'ipv4')],
          ['priority', 10],
        ]),
        '  ',
      ),
    ).toEqual(['  type     = "A"', '  data     = lightyear_instance.web.ipv4', '  priority = 10']);
  });

  it('writes blocks after the arguments, one per item', () => {
    const lines = bodyLines(object([['name', 'x']]), '  ', [
      { name: 'rule', items: [object([['port', 22]]), object([['port', 443]])] },
    ]);
    expect(lines).toEqual([
      '  name = "x"',
      '',
      '  rule {',
      '    port = 22',
      '  }',
      '',
      '  rule {',
      '    port = 443',
      '  }',
    ]);
  });

  it('quotes object keys that are not identifiers', () => {
    expect(hclExpression(object([['a b', 1]]))).toEqual(['{', '  "a b" = 1', '}']);
  });
});

describe('hclComments', () => {
  it('gives every line of a note its own #', () => {
    expect(hclComments(['one\ntwo'], '  ')).toEqual(['  # one', '  # two']);
  });
});
