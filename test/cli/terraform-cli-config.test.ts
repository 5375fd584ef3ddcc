import { hclString, terraformCliConfig } from '../../src/cli/terraform-cli-config';

describe('terraformCliConfig', () => {
  it('takes lightyear/lightyear from the mirror and only from there', () => {
    expect(terraformCliConfig('/work/.lightyear/providers')).toBe(
      [
        '# Written by `lyctl provider install`: takes the LightYear provider from the local mirror below.',
        'provider_installation {',
        '  filesystem_mirror {',
        '    path    = "/work/.lightyear/providers"',
        '    include = ["registry.terraform.io/lightyear/lightyear"]',
        '  }',
        '  direct {',
        '    exclude = ["registry.terraform.io/lightyear/lightyear"]',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
  });
});

describe('hclString', () => {
  it('escapes backslashes and quotes', () => {
    expect(hclString('/a b/c')).toBe('"/a b/c"');
    expect(hclString('C:\\x "y"')).toBe('"C:\\\\x \\"y\\""');
  });

  it('refuses control characters', () => {
    expect(() => hclString('/a\nb')).toThrow(TypeError);
    expect(() => hclString('/a\u007fb')).toThrow(TypeError);
  });
});
