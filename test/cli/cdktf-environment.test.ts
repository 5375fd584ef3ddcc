import { cdktfEnvironment } from '../../src/cli/cdktf-environment';

describe('the environment cdktf runs in', () => {
  it('asks for final frames only and no colour when the output is not a terminal', () => {
    expect(cdktfEnvironment({ PATH: '/bin' }, { terminal: false })).toEqual({
      PATH: '/bin',
      CI: '1',
      FORCE_COLOR: '0',
      NO_COLOR: '1',
    });
  });

  it('leaves what the user set alone', () => {
    expect(cdktfEnvironment({ CI: 'true', FORCE_COLOR: '1' }, { terminal: false })).toMatchObject({
      CI: 'true',
      FORCE_COLOR: '1',
    });
  });

  it('changes nothing on a terminal', () => {
    expect(cdktfEnvironment({ PATH: '/bin' }, { terminal: true })).toEqual({ PATH: '/bin' });
  });
});
